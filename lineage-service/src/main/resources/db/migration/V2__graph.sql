-- The graph as the lineage issue needs it: soft deletion (for "the lineage as it was at time T"), one live edge
-- per (source, target, type), no self-loops, and covering indexes so that graph walks read only the index.

ALTER TABLE lineage_nodes
    ALTER COLUMN node_id TYPE TEXT,
    ALTER COLUMN name TYPE TEXT,
    ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN deleted_at TIMESTAMPTZ;
CREATE INDEX lineage_nodes_by_creation ON lineage_nodes (created_at, id);

ALTER TABLE lineage_edges
    ADD COLUMN created_by TEXT,
    ADD COLUMN deleted_at TIMESTAMPTZ,
    ADD CONSTRAINT lineage_edges_no_self_loop CHECK (source_node_id <> target_node_id);
CREATE UNIQUE INDEX lineage_edges_live ON lineage_edges (source_node_id, target_node_id, edge_type)
    WHERE deleted_at IS NULL;
DROP INDEX lineage_edges_by_source;
DROP INDEX lineage_edges_by_target;
CREATE INDEX lineage_edges_out ON lineage_edges (source_node_id)
    INCLUDE (target_node_id, id, created_at, deleted_at);
CREATE INDEX lineage_edges_in ON lineage_edges (target_node_id)
    INCLUDE (source_node_id, id, created_at, deleted_at);

-- A run is also a node of the graph (type 'run'); its inputs and outputs are that node's edges.
ALTER TABLE execution_runs
    ALTER COLUMN run_id TYPE TEXT,
    ADD COLUMN node_id UUID REFERENCES lineage_nodes (id),
    ADD COLUMN job TEXT,
    ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX execution_runs_by_node ON execution_runs (node_id);
