#!/usr/bin/env bash
# The gateway's own cost: the same small GET (a registered model, ~300 bytes of JSON) sent to the model registry
# directly and through the gateway, in one run: at saturation (50 connections) and at a fixed offered rate.
# Goal (issue 2): the gateway adds at most 0.3 ms at p50 and keeps at least 70% of the direct throughput.
# Needs PostgreSQL on PGHOST:PGPORT (default 127.0.0.1:5432). Usage: bench/gateway.sh [duration_seconds] [rate]
source "$(dirname "$0")/lib.sh"
duration="${1:-20}"
rate="${2:-2000}"

ensure_built model-registry-service api-gateway
ensure_database
keys >/dev/null
start_service model-registry-service 18082
# Rate limiting stays on (its cost is part of the gateway's) with a limit the benchmark cannot reach.
start_service api-gateway 18080 GATEWAY_SERVICES_MODELS_URL=http://127.0.0.1:18082 \
  GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND=10000000 GATEWAY_RATE_LIMIT_BURST=10000000 ${GATEWAY_ENV:-}

token=$(keys bench editor)
name="bench-model-$(date +%s)"
curl -fs -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"name\":\"$name\",\"project\":\"benchmarks\",\"description\":\"A model registered by the gateway benchmark so that the response is about three hundred bytes long.\"}" \
  http://127.0.0.1:18082/api/v2/models/register
size=$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:18080/api/v2/models/$name" | wc -c)
echo "# response body: $size bytes; duration ${duration}s per run; fixed rate ${rate}/s; $(nproc) cores"

run() { # label url mode-args...
  loadgen --label "$1" --url "$2" --header "Authorization: Bearer $token" --duration "$duration" --warmup 5 "${@:3}"
}
results="$work/gateway-$(date +%Y%m%d-%H%M%S).jsonl"
# Two alternating rounds: the machine is shared and drifts, so each figure is the mean of a direct and a gateway
# run taken side by side rather than one run of each minutes apart.
for round in 1 2; do
  run direct-saturation "http://127.0.0.1:18082/api/v2/models/$name" --connections 50
  run gateway-saturation "http://127.0.0.1:18080/api/v2/models/$name" --connections 50
  run direct-fixed-rate "http://127.0.0.1:18082/api/v2/models/$name" --connections 50 --rate "$rate"
  run gateway-fixed-rate "http://127.0.0.1:18080/api/v2/models/$name" --connections 50 --rate "$rate"
done | tee "$results"

python3 - "$results" <<'PY'
import json, sys
from collections import defaultdict
runs = defaultdict(list)
for r in map(json.loads, open(sys.argv[1])):
    runs[r["label"]].append(r)
mean = lambda label, key: sum(r[key] for r in runs[label]) / len(runs[label])
added = mean("gateway-fixed-rate", "p50_ms") - mean("direct-fixed-rate", "p50_ms")
added99 = mean("gateway-fixed-rate", "p99_ms") - mean("direct-fixed-rate", "p99_ms")
kept = mean("gateway-saturation", "rps") / mean("direct-saturation", "rps")
print(f"direct {mean('direct-saturation', 'rps'):.0f} req/s, gateway {mean('gateway-saturation', 'rps'):.0f} req/s "
      f"at saturation (50 connections); p50 direct {mean('direct-fixed-rate', 'p50_ms'):.3f} ms, "
      f"gateway {mean('gateway-fixed-rate', 'p50_ms'):.3f} ms at fixed rate")
print(f"gateway adds {added:.3f} ms at p50 (goal <= 0.3): {'met' if added <= 0.3 else 'MISSED'}")
print(f"gateway adds {added99:.3f} ms at p99 at {runs['gateway-fixed-rate'][0]['offered_rps']}/s offered")
print(f"gateway keeps {kept:.0%} of direct throughput (goal >= 70%): {'met' if kept >= 0.7 else 'MISSED'}")
PY
