#!/usr/bin/env bash
# Feature store bulk goals (issue 3), each with a baseline measured in the same run:
#   batch   online read of 100 entities x 50 features at 200 requests/s offered: goal p99 <= 10 ms
#           (baseline: bare Redis, 100 pipelined HMGETs of the same 100 fields, redis-benchmark -P 100)
#   ingest  ingestion into offline + online at saturation: goal >= 100,000 feature values/s
#           (baseline: the same rows inserted by one bare SQL statement)
#   materialize  1,000,000 entities x 10 features to Redis: goal <= 20 s, heap bounded
#           (baseline: bare Redis, 1,000,000 pipelined HSETs of the same 20 fields)
#   pit     point-in-time join of 100,000 label rows x 10 features over 10,000,000 offline rows: goal <= 10 s
#           (baseline: the service's lateral join run bare in psql over the same labels)
# The 11M offline rows are generated once by SQL into the bench database and reused by later runs.
# Usage: bench/feature-store-bulk.sh [all|batch|ingest|materialize|pit] [duration_seconds]
source "$(dirname "$0")/lib.sh"
what="${1:-all}"
duration="${2:-20}"
psql_bench() { psql -h "$pg_host" -p "$pg_port" -U postgres -d "$bench_db" -v ON_ERROR_STOP=1 -qtA "$@"; }

ensure_built feature-store-service
ensure_database
keys >/dev/null
start_service feature-store-service 18081 QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379
token=$(keys bench editor)
api=http://127.0.0.1:18081/api/v2/feature-store
results="$work/feature-store-bulk-$(date +%Y%m%d-%H%M%S).jsonl"
emit() { echo "$1" | tee -a "$results"; }

# A group of float64 features f0..f(n-1) keyed by user_id, created unless it exists; prints its id.
group() { # name feature_count
  local existing
  existing=$(psql_bench -c "SELECT id FROM feature_store.feature_groups WHERE name = '$1'")
  if [ -n "$existing" ]; then echo "$existing"; return; fi
  local features
  features=$(for f in $(seq 0 $(($2 - 1))); do printf '{"name":"f%d","dtype":"float64"},' "$f"; done | sed 's/,$//')
  curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"entity_keys\":[\"user_id\"],\"features\":[$features]}" "$api/groups" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

values_sql() { # feature_count entity_expression
  local pairs
  pairs=$(for f in $(seq 0 $(($1 - 1))); do printf "'f%d', (%s) * 0.5 + %d, " "$f" "$2" "$f"; done | sed 's/, $//')
  echo "jsonb_build_object($pairs)"
}

bench_batch() {
  # Entities are 12-digit ids, the form redis-benchmark's __rand_int__ writes, so the baseline reads the same keys.
  local gid entities=10000
  gid=$(group bench_batch_50x 50)
  if [ "$(psql_bench -c "SELECT count(*) FROM feature_store.feature_rows WHERE feature_group_id = '$gid'")" -lt $entities ]; then
    python3 - "$entities" "$work/batch-rows" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
for start in range(0, n, 2000):
    rows = [{"entity": {"user_id": f"{i:012d}"}, "event_time": "2026-11-20T10:00:00Z",
             "values": {f"f{f}": i * 0.5 + f for f in range(50)}} for i in range(start, min(n, start + 2000))]
    open(f"{out}-{start}.json", "w").write(json.dumps({"feature_group": "bench_batch_50x", "rows": rows}))
PY
    for f in "$work"/batch-rows-*.json; do
      curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        --data-binary "@$f" "$api/ingest"
    done
    rm -f "$work"/batch-rows-*.json
  fi
  local body
  body=$(python3 -c "
import json
features = ['bench_batch_50x:f%d' % f for f in range(50)]
entities = ','.join('{\"user_id\": \"{{int:$entities:12}}\"}' for _ in range(100))
print('{\"features\": %s, \"entities\": [%s]}' % (json.dumps(features), entities))")
  # The answer must hold values, not NOT_FOUND: a run reading keys that were never written measures nothing.
  curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"features": ["bench_batch_50x:f49"], "entities": [{"user_id": "000000000042"}]}' "$api/online" \
    | python3 -c 'import json, sys; v = json.load(sys.stdin)["results"][0]["values"]["bench_batch_50x:f49"]; assert v["status"] == "PRESENT", v'
  # Warm the JIT at saturation first (a JVM compiles for about 10 s of CPU), then measure at the offered rate.
  loadgen --label batch-warmup --url "$api/online" --method POST --body "$body" \
    --header "Authorization: Bearer $token" --header 'Content-Type: application/json' \
    --connections 8 --duration 20 --warmup 2 >/dev/null
  emit "$(loadgen --label batch-100x50-200 --url "$api/online" --method POST --body "$body" \
    --header "Authorization: Bearer $token" --header 'Content-Type: application/json' \
    --connections 16 --rate 200 --duration "$duration" --warmup 3)"
  local fields
  fields=$(for f in $(seq 0 49); do printf 'f%d ' "$f"; done)
  # shellcheck disable=SC2086
  emit "$(redis-benchmark -q -c 1 -P 100 -n 200000 -r "$entities" --csv HMGET "fs:$gid:[\"__rand_int__\"]" $fields \
    | tail -1 | python3 -c "
import csv, json, sys
row = next(csv.reader(sys.stdin))
print(json.dumps({'label': 'redis-hmget-pipelined-100', 'pipelines_per_s': float(row[1]) / 100,
                  'p50_ms': float(row[4]), 'p99_ms': float(row[6])}))")"
}

bench_ingest() {
  group bench_ingest_10 10 >/dev/null
  python3 -c "
rows = ','.join('{\"entity\": {\"user_id\": {{int:1000000000}}}, \"event_time\": \"2026-11-20T10:00:00Z\", '
                '\"values\": {%s}}' % ', '.join('\"f%d\": %d.5' % (f, f) for f in range(10)) for _ in range(1000))
print('{\"feature_group\": \"bench_ingest_10\", \"rows\": [%s]}' % rows)" >"$work/ingest-body.json"
  emit "$(loadgen --label ingest-1000x10 --url "$api/ingest" --method POST --body-file "$work/ingest-body.json" \
    --header "Authorization: Bearer $token" --header 'Content-Type: application/json' \
    --connections 4 --duration "$duration" --warmup 5)"
  local gid started ended
  gid=$(group bench_ingest_baseline 10)
  started=$(date +%s.%N)
  psql_bench -c "INSERT INTO feature_store.feature_rows (feature_group_id, entity_key, event_time, values)
    SELECT '$gid', '[\"' || (random() * 1e9)::int8 || '\"]', now() + e * interval '1 microsecond',
    $(values_sql 10 e) FROM generate_series(1, 200000) e"
  ended=$(date +%s.%N)
  emit "{\"label\": \"sql-insert-200000x10\", \"values_per_s\": $(python3 -c "print(round(2000000 / ($ended - $started)))")}"
}

bench_materialize() {
  local gid n=1000000
  gid=$(group bench_materialize_1m 10)
  if [ "$(psql_bench -c "SELECT count(*) FROM feature_store.feature_rows WHERE feature_group_id = '$gid'")" -lt $n ]; then
    echo "generating $n offline rows..." >&2
    psql_bench -c "SET synchronous_commit = off; INSERT INTO feature_store.feature_rows
      (feature_group_id, entity_key, event_time, values)
      SELECT '$gid', '[\"' || e || '\"]', timestamptz '2026-11-20' + (e % 3600) * interval '1 second',
      $(values_sql 10 e) FROM generate_series(0, $((n - 1))) e ON CONFLICT DO NOTHING"
  fi
  redis-cli --scan --pattern "fs:$gid:*" | xargs -r -n 1000 redis-cli del >/dev/null
  local job started
  started=$(date +%s.%N)
  job=$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"feature_group\": \"bench_materialize_1m\", \"start_time\": \"2026-01-01T00:00:00Z\"}" \
    "$api/materialize" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  local heap=0 status=running
  while [ "$status" = running ] || [ "$status" = queued ]; do
    sleep 0.5
    status=$(curl -fsS -H "Authorization: Bearer $token" "$api/materialize/jobs/$job" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
    used=$(curl -fsS http://127.0.0.1:18081/q/metrics | awk '/^jvm_memory_used_bytes\{area="heap"/ {s += $NF} END {printf "%d", s}')
    [ "$used" -gt "$heap" ] && heap=$used
  done
  local seconds
  seconds=$(python3 -c "print(round($(date +%s.%N) - $started, 2))")
  local written
  written=$(curl -fsS -H "Authorization: Bearer $token" "$api/materialize/jobs/$job")
  emit "$(python3 -c "
import json
job = json.loads('''$written''')
print(json.dumps({'label': 'materialize-1m-x10', 'status': job['status'], 'seconds': $seconds,
                  'entities': job['entities_written'], 'values': job['values_written'],
                  'max_heap_used_mb': round($heap / 1048576)}))")"
  local fields
  fields=$(for f in $(seq 0 9); do printf 'f%d 1763596800000|12.5 ' "$f"; done)
  # shellcheck disable=SC2086
  emit "$(redis-benchmark -q -c 4 -P 100 -n $n -r $n --csv HSET "bench:mat:__rand_int__" $fields | tail -1 \
    | python3 -c "
import csv, json, sys
row = next(csv.reader(sys.stdin))
print(json.dumps({'label': 'redis-hset-pipelined-1m-x10', 'seconds': round($n / float(row[1]), 2)}))")"
  redis-cli --scan --pattern 'bench:mat:*' | xargs -r -n 1000 redis-cli del >/dev/null
}

bench_pit() {
  local gid entities=1000000 versions=10 labels=100000
  gid=$(group bench_pit_10m 10)
  if [ "$(psql_bench -c "SELECT count(*) FROM feature_store.feature_rows WHERE feature_group_id = '$gid'")" -lt $((entities * versions)) ]; then
    echo "generating $((entities * versions)) offline rows (a few minutes, once)..." >&2
    for v in $(seq 0 $((versions - 1))); do
      psql_bench -c "SET synchronous_commit = off; INSERT INTO feature_store.feature_rows
        (feature_group_id, entity_key, event_time, values)
        SELECT '$gid', '[\"' || e || '\"]', timestamptz '2026-11-01' + $v * interval '1 day' + (e % 86400) * interval '1 second',
        $(values_sql 10 "e + $v") FROM generate_series(0, $((entities - 1))) e ON CONFLICT DO NOTHING"
    done
    psql_bench -c "VACUUM ANALYZE feature_store.feature_rows"
  fi
  python3 - "$labels" "$entities" "$work/pit-labels" <<'PY'
import json, random, sys, datetime
n, entities, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
random.seed(11)
base = datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc)
rows = [(random.randrange(entities), base + datetime.timedelta(seconds=random.randrange(11 * 86400)))
        for _ in range(n)]
features = ["bench_pit_10m:f%d" % f for f in range(10)]
json.dump({"features": features, "entities": [{"user_id": e, "event_timestamp": t.isoformat().replace("+00:00", "Z"),
           "label": i % 2} for i, (e, t) in enumerate(rows)]}, open(out + ".json", "w"))
import csv
with open(out + ".csv", "w", newline="") as f:
    csv.writer(f).writerows((i + 1, '["%d"]' % e, t.isoformat()) for i, (e, t) in enumerate(rows))
PY
  # Warm-up (JIT and caches), then the measured run.
  curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H 'Accept: text/csv' \
    --data-binary "@$work/pit-labels.json" "$api/historical"
  local timing lines
  timing=$(curl -fsS -o "$work/pit-out.csv" -w '%{time_total}' -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -H 'Accept: text/csv' --data-binary "@$work/pit-labels.json" "$api/historical")
  lines=$(wc -l <"$work/pit-out.csv")
  emit "{\"label\": \"pit-100k-x10-over-10m\", \"seconds\": $timing, \"csv_lines\": $lines}"
  local started ended
  psql_bench -c "DROP TABLE IF EXISTS bench_labels; CREATE TABLE bench_labels (i int8, k text, t timestamptz)"
  psql_bench -c "\\copy bench_labels FROM '$work/pit-labels.csv' WITH (FORMAT csv)"
  started=$(date +%s.%N)
  psql_bench -c "SELECT l.i, r.values FROM bench_labels l CROSS JOIN LATERAL (SELECT f.values
    FROM feature_store.feature_rows f WHERE f.feature_group_id = '$gid' AND f.entity_key = l.k AND f.event_time <= l.t
    ORDER BY f.event_time DESC LIMIT 1) r" >/dev/null
  ended=$(date +%s.%N)
  emit "{\"label\": \"sql-lateral-100k-over-10m\", \"seconds\": $(python3 -c "print(round($ended - $started, 2))")}"
  psql_bench -c "DROP TABLE bench_labels"
}

case "$what" in
  all) bench_batch; bench_ingest; bench_materialize; bench_pit ;;
  batch|ingest|materialize|pit) "bench_$what" ;;
  *) echo "usage: $0 [all|batch|ingest|materialize|pit] [duration_seconds]" >&2; exit 2 ;;
esac

python3 - "$results" <<'PY'
import json, sys
r = {x["label"]: x for x in map(json.loads, open(sys.argv[1]))}
def verdict(ok): return "met" if ok else "MISSED"
if "batch-100x50-200" in r:
    b, redis = r["batch-100x50-200"], r["redis-hmget-pipelined-100"]
    print(f"batch 100x50 at 200/s: p99 {b['p99_ms']:.2f} ms (goal <= 10): {verdict(b['p99_ms'] <= 10)}; "
          f"bare Redis pipeline p99 {redis['p99_ms']:.2f} ms; errors {b['errors']}")
if "ingest-1000x10" in r:
    i, sql = r["ingest-1000x10"], r["sql-insert-200000x10"]
    values = i["rps"] * 10000
    print(f"ingest: {values:,.0f} values/s offline+online (goal >= 100,000): {verdict(values >= 100000)}; "
          f"bare SQL insert {sql['values_per_s']:,} values/s = {values / sql['values_per_s']:.0%} of it; errors {i['errors']}")
if "materialize-1m-x10" in r:
    m, redis = r["materialize-1m-x10"], r["redis-hset-pipelined-1m-x10"]
    print(f"materialize 1M x 10: {m['seconds']} s (goal <= 20): {verdict(m['status'] == 'succeeded' and m['seconds'] <= 20)}; "
          f"{m['entities']:,} entities, heap max {m['max_heap_used_mb']} MB of 1024; bare Redis HSETs {redis['seconds']} s "
          f"= {m['seconds'] / redis['seconds']:.1f}x")
if "pit-100k-x10-over-10m" in r:
    p, sql = r["pit-100k-x10-over-10m"], r["sql-lateral-100k-over-10m"]
    print(f"point-in-time 100k x 10 over 10M rows: {p['seconds']} s (goal <= 10): {verdict(p['seconds'] <= 10)}; "
          f"{p['csv_lines'] - 1:,} rows; bare SQL join {sql['seconds']} s = {float(p['seconds']) / sql['seconds']:.1f}x")
PY
