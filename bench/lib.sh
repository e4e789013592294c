# Shared by the bench scripts: build what is missing, start services on bench ports, run the load generator.
# shellcheck shell=bash
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$root/bench/.work"
mkdir -p "$work/logs"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

pg_host="${PGHOST:-127.0.0.1}"
pg_port="${PGPORT:-5432}"
bench_db="${BENCH_DATABASE:-aiplatform_bench}"

ensure_built() { # modules...
  local missing=()
  for m in "$@"; do [ -f "$root/$m/target/quarkus-app/quarkus-run.jar" ] || missing+=("$m"); done
  [ -f "$root/bench/loadgen/target/loadgen.jar" ] || missing+=(bench/loadgen)
  if [ ${#missing[@]} -gt 0 ]; then
    (cd "$root" && ./mvnw -B -q -am -pl "$(IFS=,; echo "${missing[*]}")" package -DskipTests)
  fi
}

ensure_database() {
  psql -h "$pg_host" -p "$pg_port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$bench_db'" \
    | grep -q 1 || psql -h "$pg_host" -p "$pg_port" -U postgres -d postgres -qc "CREATE DATABASE $bench_db"
}

keys() {
  AIP_HOME="$work" "$root/deploy/local/token.sh" "$@"
}

start_service() { # module port [extra env assignments...]
  local module=$1 port=$2
  shift 2
  env MP_JWT_VERIFY_PUBLICKEY_LOCATION="$work/jwt/public-key.pem" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$pg_host:$pg_port/$bench_db" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg_host:$pg_port/$bench_db" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_HTTP_PORT="$port" QUARKUS_LOG_LEVEL=WARN "$@" \
    java -Xmx1g -jar "$root/$module/target/quarkus-app/quarkus-run.jar" >"$work/logs/$module.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null && return 0
    sleep 0.5
  done
  echo "$module did not become ready; see $work/logs/$module.log" >&2
  return 1
}

loadgen() {
  java -cp "$root/bench/loadgen/target/loadgen.jar:$root/bench/loadgen/target/lib/*" ai.platform.bench.LoadGenerator "$@"
}

cpu_ms() { # pid -> CPU time (user + system) the process has used, in ms; 0 when it is gone
  # Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks.
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print ($12 + $13) * 1000 / hz }' <<<"$stat"
}

with_cpu() { # label rate "name=pid ..." command... -> the command's output, then a JSON line of CPU us per request
  # per process, over the command's whole run at the fixed rate it offers: warm-up included, and the load
  # generator's start counted as if it were sending, so a slight over-estimate.
  local label=$1 rate=$2 procs=$3
  shift 3
  local -A before
  local p start
  for p in $procs; do before[$p]=$(cpu_ms "${p#*=}"); done
  start=$(date +%s%N)
  "$@"
  python3 - "$label" "$rate" "$start" "$(date +%s%N)" $(for p in $procs; do echo "$p=${before[$p]}=$(cpu_ms "${p#*=}")"; done) <<'PY'
import json, sys
label, rate, start, end = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
requests = rate * (end - start) / 1e9
out = {"label": label + "-cpu", "unit": "us_per_request"}
for spec in sys.argv[5:]:
    name, _pid, before, after = spec.split("=")
    out[name] = round((float(after) - float(before)) * 1000 / requests, 1)
print(json.dumps(out))
PY
}
