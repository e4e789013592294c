-- Materialization (offline -> online), issue 3.

-- Which transaction wrote each offline row. An incremental materialization reads the rows of the transactions its
-- predecessor's snapshot did not see (pg_visible_in_snapshot), looking only from that snapshot's xmin on (every
-- older transaction had ended and was visible to it): exact, with no clock and no safety margin.
ALTER TABLE feature_rows ADD COLUMN ingest_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
DROP INDEX feature_rows_by_ingestion;
CREATE INDEX feature_rows_by_transaction ON feature_rows (feature_group_id, ingest_xid);
-- Newest event of a group (freshness) and event-time ranges (range materialization, monitoring windows).
CREATE INDEX feature_rows_by_event_time ON feature_rows (feature_group_id, event_time);

-- The design's per-group materialization record, one per (group, store): the schedule, the watermark of the
-- incremental runs, and whether ingestion left online writes pending that a run must catch up.
ALTER TABLE materializations
    ADD COLUMN next_run TIMESTAMPTZ,
    ADD COLUMN watermark_snapshot pg_snapshot,
    ADD COLUMN watermark_time TIMESTAMPTZ,
    ADD COLUMN catch_up_since TIMESTAMPTZ,
    ADD COLUMN updated_by VARCHAR(255),
    ADD CONSTRAINT materializations_one_per_store UNIQUE (feature_group_id, storage_type);
CREATE INDEX materializations_due ON materializations (next_run) WHERE schedule IS NOT NULL;

-- One row per run.
CREATE TABLE materialization_jobs (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    feature_group_id  UUID         NOT NULL REFERENCES feature_groups (id) ON DELETE CASCADE,
    mode              VARCHAR(20)  NOT NULL CHECK (mode IN ('incremental', 'range')),
    start_time        TIMESTAMPTZ,
    end_time          TIMESTAMPTZ,
    trigger           VARCHAR(20)  NOT NULL CHECK (trigger IN ('api', 'schedule', 'catch_up')),
    requested_by      VARCHAR(255) NOT NULL,
    status            VARCHAR(20)  NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    attempts          INT          NOT NULL DEFAULT 0,
    rows_read         BIGINT       NOT NULL DEFAULT 0,
    entities_written  BIGINT       NOT NULL DEFAULT 0,
    values_written    BIGINT       NOT NULL DEFAULT 0,
    error             TEXT,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    started_at        TIMESTAMPTZ,
    heartbeat_at      TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ
);
-- At most one queued or running job per group, across replicas: a second request gets 409, a schedule skips.
CREATE UNIQUE INDEX materialization_jobs_one_active ON materialization_jobs (feature_group_id)
    WHERE status IN ('queued', 'running');
CREATE INDEX materialization_jobs_by_group ON materialization_jobs (feature_group_id, created_at DESC);
CREATE INDEX materialization_jobs_by_time ON materialization_jobs (created_at DESC, id);
