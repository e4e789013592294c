-- What issue 3 needs of the registry, and the offline store.

-- A group's entity keys (join keys such as user_id, or user_id + item_id), whether it is served online, and how
-- long an online value stays valid.
ALTER TABLE feature_groups
    ADD COLUMN entity_keys TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN online BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN ttl_seconds BIGINT CHECK (ttl_seconds > 0),
    ADD COLUMN tags JSONB NOT NULL DEFAULT '{}'::jsonb;

-- Offline store: one row per (group, entity, event time) holding all the features written at that time. Rows
-- are never updated: a re-sent row is ignored (the primary key), so ingestion is idempotent. The key's order
-- (entity, then time) serves "latest value at or before T" with one backward index scan per entity.
CREATE TABLE feature_rows (
    feature_group_id  UUID        NOT NULL REFERENCES feature_groups (id) ON DELETE CASCADE,
    entity_key        TEXT        NOT NULL,
    event_time        TIMESTAMPTZ NOT NULL,
    values            JSONB       NOT NULL,
    ingested_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (feature_group_id, entity_key, event_time)
);
CREATE INDEX feature_rows_by_ingestion ON feature_rows (feature_group_id, ingested_at);
