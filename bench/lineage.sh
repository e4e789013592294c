#!/usr/bin/env bash
# Lineage goals (issue 5), against a generated graph of 1,000,000 nodes and 2,000,000 edges:
#  1. downstream depth 10 from 500 fixed start nodes through the API (direct and through the gateway), against
#     the bare recursive SQL walk for the same start nodes in the same run (pgbench), capped at 1,000 nodes and
#     uncapped; goal: API p99 <= 1.5 x bare SQL p99.
#  2. OpenLineage ingestion, one event per request and 50 per request; goal >= 2,000 events/s.
# Needs PostgreSQL on PGHOST:PGPORT (default 127.0.0.1:5432). Usage: bench/lineage.sh [duration_seconds]
# SERVICE_ENV adds environment assignments to the lineage service's JVM (as in feature-store.sh).
source "$(dirname "$0")/lib.sh"
duration="${1:-20}"
connections=2

ensure_built lineage-service api-gateway
ensure_database
keys >/dev/null
start_service lineage-service 18083 ${SERVICE_ENV:-}
start_service api-gateway 18080 GATEWAY_SERVICES_LINEAGE_URL=http://127.0.0.1:18083 \
  GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND=10000000 GATEWAY_RATE_LIMIT_BURST=10000000
token=$(keys bench editor)
psql_bench() { psql -h "$pg_host" -p "$pg_port" -U postgres -d "$bench_db" -v ON_ERROR_STOP=1 -qtA "$@"; }

# --- the graph: node i feeds two nodes a little after it (a DAG), ids derived from i so SQL and API agree ---
graph_version=2   # raise when the generation below changes, so that an older graph is made again
if [ "$(psql_bench -c "SELECT count(*) FROM lineage.lineage_nodes WHERE node_type = 'bench' AND name = 'n1-v$graph_version'")" -lt 1 ]; then
  echo "# generating 1,000,000 nodes and 2,000,000 edges (a few minutes, once)"
  psql_bench <<SQL
SET search_path = lineage;
-- The bench database is the benchmark's own: start from an empty graph.
TRUNCATE lineage_edges, execution_runs, lineage_nodes;
INSERT INTO lineage_nodes (id, node_type, node_id, name)
  SELECT md5('bench' || i)::uuid, 'bench', 'n' || i, 'n' || i || '-v$graph_version' FROM generate_series(1, 1000000) i;
-- Two edges out of every node, to a near one and a farther one (1-5000 and 5001-10000 ahead, kept inside the
-- graph): about 2,000,000 edges, all pointing forward, so the graph is a DAG.
INSERT INTO lineage_edges (source_node_id, target_node_id, edge_type)
  SELECT md5('bench' || i)::uuid, md5('bench' || LEAST(1000000, i + step))::uuid, 'data_flow'
    FROM generate_series(1, 999999) i,
         -- (i * 0 ties random() to the row: without it PostgreSQL draws the two offsets once for all rows)
         LATERAL (VALUES (1 + (random() * 4999 + i * 0)::int), (5001 + (random() * 4999 + i * 0)::int))
           AS offsets(step)
  ON CONFLICT DO NOTHING;
VACUUM ANALYZE lineage_nodes;
VACUUM ANALYZE lineage_edges;
SQL
fi
echo "# graph: $(psql_bench -c "SELECT count(*) FROM lineage.lineage_nodes WHERE node_type = 'bench'") nodes," \
  "$(psql_bench -c "SELECT count(*) FROM lineage.lineage_edges e JOIN lineage.lineage_nodes n ON n.id = e.source_node_id WHERE n.node_type = 'bench'") edges"

# --- the same 500 start nodes for SQL and API: start k is node (k * 1979) % 990000 + 1 ---
paths="$work/lineage-paths.txt"
: >"$paths"
for k in $(seq 1 500); do
  echo "/api/v2/lineage/bench/n$(( (k * 1979) % 990000 + 1 ))?direction=downstream&depth=10&limit=1000" >>"$paths"
done
walk_sql() { # $1: LIMIT clause or empty
  cat <<SQL
\set k random(1, 500)
\set i (:k * 1979) % 990000 + 1
WITH RECURSIVE walk(id, depth) AS (
  SELECT md5('bench' || :i)::uuid, 0
  UNION
  SELECT e.target_node_id, w.depth + 1 FROM walk w JOIN lineage.lineage_edges e ON e.source_node_id = w.id
   WHERE w.depth < 10 AND e.deleted_at IS NULL)
SELECT id FROM walk $1;
SQL
}
walk_sql "LIMIT 1000" >"$work/walk-capped.sql"
walk_sql "" >"$work/walk-uncapped.sql"

pgbench_run() { # label script
  rm -f "$work"/pgbench_log.*
  pgbench -h "$pg_host" -p "$pg_port" -U postgres -n -c "$connections" -j 1 -T "$duration" -l \
    --log-prefix="$work/pgbench_log" -f "$2" "$bench_db" >/dev/null
  python3 - "$1" "$duration" "$work"/pgbench_log.* <<'PY'
import json, sys
label, duration, files = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
lat = sorted(int(line.split()[2]) / 1000 for f in files for line in open(f))
pick = lambda p: lat[min(len(lat) - 1, int(len(lat) * p / 100))]
print(json.dumps({"label": label, "mode": "saturation", "connections": int(2), "requests": len(lat),
                  "rps": round(len(lat) / duration), "p50_ms": pick(50), "p90_ms": pick(90), "p99_ms": pick(99),
                  "max_ms": lat[-1]}))
PY
}
api_run() { # label base-url
  loadgen --label "$1" --url "$2/api/v2/lineage" --paths "$paths" --header "Authorization: Bearer $token" \
    --connections "$connections" --duration "$duration" --warmup 5
}

results="$work/lineage-$(date +%Y%m%d-%H%M%S).jsonl"
# Unmeasured first, each side alike: the JVMs' JIT (on 2 cores, compiling takes each JVM about 10 s of CPU, which
# the runs' own 5 s of warm-up do not cover) and PostgreSQL's caches, for the walk both bare and through the API.
warm() { # url [loadgen options]
  loadgen --label warmup --url "$1" --header "Authorization: Bearer $token" --duration 10 --warmup 0 "${@:2}" >/dev/null
}
pgbench -h "$pg_host" -p "$pg_port" -U postgres -n -c "$connections" -j 1 -T 10 -f "$work/walk-capped.sql" \
  "$bench_db" >/dev/null
for base in http://127.0.0.1:18083 http://127.0.0.1:18080; do
  warm "$base/api/v2/lineage" --paths "$paths" --connections "$connections"
done
{
  pgbench_run sql-walk-capped-1000 "$work/walk-capped.sql"
  api_run api-direct http://127.0.0.1:18083
  api_run api-gateway http://127.0.0.1:18080
  pgbench_run sql-walk-uncapped "$work/walk-uncapped.sql"
} | tee "$results"

# --- OpenLineage ingestion ---
# Every run starts from the generated graph alone: events kept from earlier runs (a million rows after a few) made
# each run's figures lower than the last.
psql_bench <<'SQL'
SET search_path = lineage;
DELETE FROM lineage_edges WHERE source_node_id IN (SELECT id FROM lineage_nodes WHERE node_type <> 'bench')
  OR target_node_id IN (SELECT id FROM lineage_nodes WHERE node_type <> 'bench');
DELETE FROM execution_runs;
DELETE FROM lineage_nodes WHERE node_type <> 'bench';
VACUUM ANALYZE lineage_nodes;
VACUUM ANALYZE lineage_edges;
VACUUM ANALYZE execution_runs;
SQL
event='{"eventType":"COMPLETE","eventTime":"2026-11-24T02:00:00Z","producer":"https://example.com/bench","run":{"runId":"{{uuid}}"},"job":{"namespace":"bench","name":"job{{int:200}}"},"inputs":[{"namespace":"bench","name":"table{{int:5000}}","facets":{"schema":{"fields":[{"name":"id","type":"long"}]}}}],"outputs":[{"namespace":"bench","name":"out{{int:100000}}"}]}'
batch="[$(for _ in $(seq 1 50); do printf '%s,' "$event"; done | sed 's/,$//')]"
warm http://127.0.0.1:18083/api/v2/lineage/openlineage --method POST --header "Content-Type: application/json" \
  --body "$event" --connections 16
warm http://127.0.0.1:18083/api/v2/lineage/openlineage --method POST --header "Content-Type: application/json" \
  --body "$batch" --connections 4
{
  loadgen --label ingest-single --url http://127.0.0.1:18083/api/v2/lineage/openlineage --method POST \
    --header "Authorization: Bearer $token" --header "Content-Type: application/json" --body "$event" \
    --connections 16 --duration "$duration" --warmup 5
  loadgen --label ingest-batch-50 --url http://127.0.0.1:18083/api/v2/lineage/openlineage --method POST \
    --header "Authorization: Bearer $token" --header "Content-Type: application/json" --body "$batch" \
    --connections 4 --duration "$duration" --warmup 5
} | tee -a "$results"

python3 - "$results" <<'PY'
import json, sys
runs = {r["label"]: r for r in map(json.loads, open(sys.argv[1]))}
sql, direct, gw = runs["sql-walk-capped-1000"], runs["api-direct"], runs["api-gateway"]
for name, api in (("direct", direct), ("gateway", gw)):
    ratio = api["p99_ms"] / sql["p99_ms"]
    print(f"walk depth 10, cap 1000, {name}: p99 {api['p99_ms']:.2f} ms vs bare SQL {sql['p99_ms']:.2f} ms = "
          f"{ratio:.2f}x (goal <= 1.5x): {'met' if ratio <= 1.5 else 'MISSED'}")
print(f"bare SQL uncapped: p50 {runs['sql-walk-uncapped']['p50_ms']:.2f} ms, p99 {runs['sql-walk-uncapped']['p99_ms']:.2f} ms")
single, batch = runs["ingest-single"], runs["ingest-batch-50"]
for name, r, per in (("one event per request", single, 1), ("50 events per request", batch, 50)):
    rate = r["rps"] * per
    print(f"ingest, {name}: {rate:.0f} events/s, p99 {r['p99_ms']:.1f} ms (goal >= 2000): "
          f"{'met' if rate >= 2000 else 'MISSED'}; errors {r['errors']}")
PY
