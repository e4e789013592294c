-- Where a version came from, and the lineage events the registry owes the lineage service. An event is written
-- in the transaction that makes the change, so none is lost; a relay delivers them, retrying until accepted.
ALTER TABLE model_versions
    ADD COLUMN training_datasets JSONB NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN parent_version INT;

CREATE TABLE lineage_outbox (
    id               BIGSERIAL PRIMARY KEY,
    event            JSONB       NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at     TIMESTAMPTZ,
    last_error       TEXT
);
CREATE INDEX lineage_outbox_due ON lineage_outbox (next_attempt_at) WHERE delivered_at IS NULL;
