#!/usr/bin/env bash
# Online read (issue 3): 1 entity x 10 features, direct and through the gateway, at a fixed 5,000 requests/s
# offered (goal p99 <= 2 ms direct, <= 3 ms gateway) and at saturation with 50 connections (goal direct >= 30% of
# bare Redis doing the same HMGET with redis-benchmark -c 50, gateway >= 70% of direct), in one run.
# Needs PostgreSQL on PGHOST:PGPORT and Redis on 127.0.0.1:6379. Usage: bench/feature-store.sh [duration_seconds]
# SERVICE_ENV / GATEWAY_ENV add environment assignments to the service or gateway JVM (a profiler, GC logging).
source "$(dirname "$0")/lib.sh"
duration="${1:-20}"
entities=10000

ensure_built feature-store-service api-gateway
ensure_database
keys >/dev/null
start_service feature-store-service 18081 QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379 ${SERVICE_ENV:-}
service_pid=${pids[-1]}
start_service api-gateway 18080 GATEWAY_SERVICES_FEATURE_STORE_URL=http://127.0.0.1:18081 \
  GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND=10000000 GATEWAY_RATE_LIMIT_BURST=10000000 ${GATEWAY_ENV:-}
gateway_pid=${pids[-1]}
# CPU per request of each process at the fixed rate: what decides the tail when four processes share two cores.
processes="service=$service_pid gateway=$gateway_pid redis=$(pgrep -o -x redis-server || echo 0)"
token=$(keys bench editor)
group="bench_online_$(date +%s)"
features=$(for f in $(seq 0 9); do printf '{"name":"f%d","dtype":"float64"},' "$f"; done | sed 's/,$//')
gid=$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"name\":\"$group\",\"entity_keys\":[\"user_id\"],\"features\":[$features]}" \
  http://127.0.0.1:18081/api/v2/feature-store/groups | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
# Entities are 12-digit ids, the form redis-benchmark's __rand_int__ takes, so both read the same keys.
python3 - "$group" "$entities" "$work/fs-rows" <<'PY'
import json, sys
group, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for start in range(0, n, 5000):
    rows = [{"entity": {"user_id": f"{i:012d}"}, "event_time": "2026-11-20T10:00:00Z",
             "values": {f"f{f}": i * 0.5 + f for f in range(10)}} for i in range(start, min(n, start + 5000))]
    open(f"{out}-{start}.json", "w").write(json.dumps({"feature_group": group, "rows": rows}))
PY
for f in "$work"/fs-rows-*.json; do
  curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary "@$f" \
    http://127.0.0.1:18081/api/v2/feature-store/ingest
done
rm -f "$work"/fs-rows-*.json
query=$(for f in $(seq 0 9); do printf 'features=%s:f%d&' "$group" "$f"; done)
paths="$work/fs-paths.txt"
python3 -c "
import random
random.seed(7)
print('\n'.join('/api/v2/feature-store/online?${query}entity=user_id:%012d' % random.randrange($entities) for _ in range(5000)))" >"$paths"

results="$work/feature-store-$(date +%Y%m%d-%H%M%S).jsonl"
run() { # label base-url options...
  loadgen --label "$1" --url "$2/api/v2/feature-store/online" --paths "$paths" \
    --header "Authorization: Bearer $token" --duration "$duration" --warmup 5 "${@:3}"
}
fields=$(for f in $(seq 0 9); do printf 'f%d ' "$f"; done)
# Unmeasured first: a JVM compiles for about 10 s of CPU, which a measured run would otherwise count.
run warm-direct http://127.0.0.1:18081 --connections 50 >/dev/null
run warm-gateway http://127.0.0.1:18080 --connections 50 >/dev/null
{
  run direct-saturation http://127.0.0.1:18081 --connections 50
  run gateway-saturation http://127.0.0.1:18080 --connections 50
  with_cpu direct-5000 5000 "$processes" run direct-5000 http://127.0.0.1:18081 --connections 50 --rate 5000
  with_cpu gateway-5000 5000 "$processes" run gateway-5000 http://127.0.0.1:18080 --connections 50 --rate 5000
  # shellcheck disable=SC2086
  redis-benchmark -q -c 50 -n 400000 -r "$entities" --csv HMGET "fs:$gid:[\"__rand_int__\"]" $fields \
    | tail -1 | python3 -c "
import csv, json, sys
row = next(csv.reader(sys.stdin))
print(json.dumps({'label': 'redis-hmget', 'rps': float(row[1]), 'p50_ms': float(row[4]), 'p99_ms': float(row[6])}))"
} | tee "$results"

python3 - "$results" <<'PY'
import json, sys
r = {x["label"]: x for x in map(json.loads, open(sys.argv[1]))}
for label in ("direct-5000-cpu", "gateway-5000-cpu"):
    c = r[label]
    print(f"CPU per request at 5,000/s, {label[:-4]}: service {c['service']} us, gateway {c['gateway']} us, redis {c['redis']} us")
d5, g5, ds, gs, redis = r["direct-5000"], r["gateway-5000"], r["direct-saturation"], r["gateway-saturation"], r["redis-hmget"]
def verdict(ok): return "met" if ok else "MISSED"
print(f"5,000/s offered: direct p99 {d5['p99_ms']:.2f} ms (goal <= 2): {verdict(d5['p99_ms'] <= 2)}; "
      f"gateway p99 {g5['p99_ms']:.2f} ms (goal <= 3): {verdict(g5['p99_ms'] <= 3)}; errors {d5['errors']}/{g5['errors']}")
print(f"saturation: bare Redis HMGET {redis['rps']:.0f}/s, direct {ds['rps']:.0f}/s = {ds['rps'] / redis['rps']:.0%} "
      f"(goal >= 30%): {verdict(ds['rps'] / redis['rps'] >= 0.3)}; gateway {gs['rps']:.0f}/s = "
      f"{gs['rps'] / ds['rps']:.0%} of direct (goal >= 70%): {verdict(gs['rps'] / ds['rps'] >= 0.7)}")
PY
