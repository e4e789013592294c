-- Lineage schema, from section 3.2 of the design document.

CREATE TABLE lineage_nodes (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    node_type   VARCHAR(50)  NOT NULL,
    node_id     VARCHAR(255) NOT NULL,
    name        VARCHAR(255),
    metadata    JSONB,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (node_type, node_id)
);

CREATE TABLE lineage_edges (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    source_node_id  UUID        NOT NULL REFERENCES lineage_nodes (id),
    target_node_id  UUID        NOT NULL REFERENCES lineage_nodes (id),
    edge_type       VARCHAR(50) NOT NULL CHECK (edge_type IN ('data_flow', 'execution_flow')),
    metadata        JSONB,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Both directions of a graph walk start from an index.
CREATE INDEX lineage_edges_by_source ON lineage_edges (source_node_id);
CREATE INDEX lineage_edges_by_target ON lineage_edges (target_node_id);

CREATE TABLE execution_runs (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    run_id         VARCHAR(255) NOT NULL UNIQUE,
    experiment_id  UUID,
    status         VARCHAR(50),
    start_time     TIMESTAMPTZ,
    end_time       TIMESTAMPTZ,
    metadata       JSONB,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
