-- Feature store schema, from section 1.2 of the design document.
-- users(id) and projects(id) are not platform tables: owners are the JWT's `sub`.

CREATE TABLE feature_groups (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name         VARCHAR(255) NOT NULL UNIQUE,
    description  TEXT,
    owner_id     VARCHAR(255) NOT NULL,
    source_type  VARCHAR(50)  CHECK (source_type IN ('batch', 'stream')),
    source_uri   TEXT,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE features (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    feature_group_id  UUID NOT NULL REFERENCES feature_groups (id) ON DELETE CASCADE,
    name              VARCHAR(255) NOT NULL,
    dtype             VARCHAR(50)  NOT NULL,
    description       TEXT,
    version           INT          NOT NULL DEFAULT 1,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (feature_group_id, name, version)
);

CREATE TABLE materializations (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    feature_group_id  UUID NOT NULL REFERENCES feature_groups (id) ON DELETE CASCADE,
    storage_type      VARCHAR(50) CHECK (storage_type IN ('online', 'offline')),
    schedule          VARCHAR(100),
    last_run          TIMESTAMPTZ,
    status            VARCHAR(50),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Offline history, one row per (entity, feature, event time). The feature store issue may replace this
-- layout with a faster one (the design leaves it open); this is the design document's starting point.
CREATE TABLE feature_values (
    entity_id         VARCHAR(255) NOT NULL,
    feature_group_id  UUID         NOT NULL REFERENCES feature_groups (id) ON DELETE CASCADE,
    feature_name      VARCHAR(255) NOT NULL,
    value             JSONB,
    event_time        TIMESTAMPTZ  NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (entity_id, feature_group_id, feature_name, event_time)
);
