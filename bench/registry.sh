#!/usr/bin/env bash
# Model registry goals (issue 4):
#  1. resolve an alias and the latest version through the gateway with 50 concurrent clients; goal p99 <= 5 ms
#     (and the same direct to the service, as the baseline of the run);
#  2. upload and download 1 GB; goal >= 200 MB/s each way with a flat heap (baseline: copying the same file with
#     cp, and reading it with cat, on the same disk).
# Needs PostgreSQL on PGHOST:PGPORT (default 127.0.0.1:5432). Usage: bench/registry.sh [duration_seconds] [size_mb]
# SERVICE_ENV / GATEWAY_ENV add environment assignments to the registry's or the gateway's JVM (as in
# feature-store.sh).
source "$(dirname "$0")/lib.sh"
duration="${1:-20}"
size_mb="${2:-1024}"

ensure_built model-registry-service api-gateway
ensure_database
keys >/dev/null
rm -rf "$work/artifacts"
start_service model-registry-service 18082 REGISTRY_STORAGE_ROOT="$work/artifacts" ${SERVICE_ENV:-}
start_service api-gateway 18080 GATEWAY_SERVICES_MODELS_URL=http://127.0.0.1:18082 \
  GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND=10000000 GATEWAY_RATE_LIMIT_BURST=10000000 ${GATEWAY_ENV:-}
token=$(keys bench admin)
auth=(-H "Authorization: Bearer $token")
name="bench-registry-$(date +%s)"
api() { curl -fsS "${auth[@]}" -H 'Content-Type: application/json' "$@" >/dev/null; }
api -d "{\"name\":\"$name\"}" http://127.0.0.1:18080/api/v2/models/register
for _ in 1 2 3; do api -d '{"model_uri":"s3://bench/model"}' "http://127.0.0.1:18080/api/v2/models/$name/versions"; done
api -d '{"alias":"champion","version":2}' "http://127.0.0.1:18080/api/v2/models/$name/alias"

results="$work/registry-$(date +%Y%m%d-%H%M%S).jsonl"
run() { # label url [loadgen options]
  loadgen --label "$1" --url "$2" --header "Authorization: Bearer $token" --connections 50 \
    --duration "$duration" --warmup 5 "${@:3}"
}
# The services' JIT first, unmeasured: on 2 cores compiling takes each JVM about 10 s of CPU, so without this the
# first run (5 s of warm-up of its own) measured the compilers more than the registry.
for path in alias/champion latest; do
  run warmup "http://127.0.0.1:18080/api/v2/models/$name/$path" --duration 10 --warmup 0 >/dev/null
done
# 50 clients each sending its next request as soon as the answer comes (saturation), then the same 50
# connections at fixed rates below saturation: 2,000 requests/s, and 5,000/s (50 clients at 100 requests/s each).
{
  run alias-direct "http://127.0.0.1:18082/api/v2/models/$name/alias/champion"
  run latest-direct "http://127.0.0.1:18082/api/v2/models/$name/latest"
  run alias-gateway "http://127.0.0.1:18080/api/v2/models/$name/alias/champion"
  run latest-gateway "http://127.0.0.1:18080/api/v2/models/$name/latest"
  run alias-gateway-2000 "http://127.0.0.1:18080/api/v2/models/$name/alias/champion" --rate 2000
  run latest-gateway-2000 "http://127.0.0.1:18080/api/v2/models/$name/latest" --rate 2000
  run alias-gateway-5000 "http://127.0.0.1:18080/api/v2/models/$name/alias/champion" --rate 5000
  run latest-gateway-5000 "http://127.0.0.1:18080/api/v2/models/$name/latest" --rate 5000
} | tee "$results"

# --- 1 GB up and down through the gateway, against cp/cat of the same bytes ---
file="$work/upload.bin"
[ "$(stat -c %s "$file" 2>/dev/null || echo 0)" = $((size_mb * 1048576)) ] \
  || head -c $((size_mb * 1048576)) /dev/urandom >"$file"
sha=$(sha256sum "$file" | cut -d' ' -f1)
api -d '{"model_uri":"registry","await_upload":true}' "http://127.0.0.1:18080/api/v2/models/$name/versions"
heap() { jcmd "$(pgrep -f "model-registry-service/target/quarkus-app" | head -1)" GC.heap_info 2>/dev/null \
  | grep -o 'used [0-9]*K' | head -1; }
echo "# heap before: $(heap)"
sync
copy_s=$( { /usr/bin/time -f %e cp "$file" "$work/copy.bin"; sync; } 2>&1 | tail -1)
up=$(curl -sS "${auth[@]}" -H "X-Content-SHA256: $sha" -H 'Content-Type: application/octet-stream' \
  -T "$file" -o /dev/null -w '%{time_total} %{http_code}' "http://127.0.0.1:18080/api/v2/models/$name/versions/4/artifacts/model.bin")
echo "# heap after upload: $(heap)"
down=$(curl -sS "${auth[@]}" -o "$work/download.bin" -w '%{time_total} %{http_code}' \
  "http://127.0.0.1:18080/api/v2/models/$name/versions/4/artifacts/model.bin")
echo "# heap after download: $(heap)"
cat_s=$( { /usr/bin/time -f %e cat "$work/copy.bin" >/dev/null; } 2>&1 | tail -1)
same=$([ "$(sha256sum "$work/download.bin" | cut -d' ' -f1)" = "$sha" ] && echo yes || echo NO)
rm -f "$work/copy.bin" "$work/download.bin"
python3 - "$results" "$size_mb" "$up" "$down" "$copy_s" "$cat_s" "$same" <<'PY'
import json, sys
runs = {r["label"]: r for r in map(json.loads, open(sys.argv[1]))}
gateway_runs = ("alias-gateway", "latest-gateway", "alias-gateway-2000", "latest-gateway-2000", "alias-gateway-5000",
                "latest-gateway-5000")
for label in ("alias-direct", "latest-direct") + gateway_runs:
    r = runs[label]
    print(f"{label}: p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms, {r['rps']:.0f} req/s, errors {r['errors']}")
for kind in ("alias", "latest"):
    gateway, direct = runs[f"{kind}-gateway"], runs[f"{kind}-direct"]
    print(f"{kind} saturation, gateway / direct: req/s {gateway['rps'] / direct['rps']:.2f}, "
          f"p99 {gateway['p99_ms'] / direct['p99_ms']:.2f}")
for label in gateway_runs:
    p99 = runs[label]["p99_ms"]
    print(f"{label} p99 {p99:.2f} ms (goal <= 5 ms): {'met' if p99 <= 5 else 'MISSED'}")
mb = float(sys.argv[2])
up_s, up_code = sys.argv[3].split()
down_s, down_code = sys.argv[4].split()
copy_s, cat_s = float(sys.argv[5]), float(sys.argv[6])
for name, secs, code, base in (("upload", float(up_s), up_code, copy_s), ("download", float(down_s), down_code, cat_s)):
    rate = mb / secs
    print(f"{name} {mb:.0f} MB through the gateway: {rate:.0f} MB/s (HTTP {code}); baseline {mb / base:.0f} MB/s; "
          f"ratio {rate / (mb / base):.2f} (goal >= 200 MB/s): {'met' if rate >= 200 else 'MISSED'}")
print(f"downloaded bytes identical: {sys.argv[7]}")
PY
