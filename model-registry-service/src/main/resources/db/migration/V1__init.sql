-- Model registry schema, from section 2.2 of the design document.
-- users(id) becomes the JWT's `sub`; projects(id) becomes a project name.

CREATE TABLE registered_models (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name         VARCHAR(255) NOT NULL UNIQUE,
    description  TEXT,
    project      VARCHAR(255),
    created_by   VARCHAR(255) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE model_versions (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    model_id       UUID         NOT NULL REFERENCES registered_models (id) ON DELETE CASCADE,
    version        INT          NOT NULL,
    model_uri      TEXT         NOT NULL,
    run_id         VARCHAR(255),
    status         VARCHAR(50)  NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'ready', 'failed', 'archived')),
    current_stage  VARCHAR(50)  NOT NULL DEFAULT 'None'
                   CHECK (current_stage IN ('None', 'Staging', 'Production', 'Archived')),
    description    TEXT,
    metadata       JSONB,
    created_by     VARCHAR(255) NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (model_id, version)
);

CREATE TABLE model_stages (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    model_version_id  UUID         NOT NULL REFERENCES model_versions (id) ON DELETE CASCADE,
    stage             VARCHAR(50)  NOT NULL,
    transitioned_by   VARCHAR(255) NOT NULL,
    transitioned_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    comment           TEXT
);
CREATE INDEX model_stages_by_version ON model_stages (model_version_id, transitioned_at);

CREATE TABLE model_aliases (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    model_id    UUID         NOT NULL REFERENCES registered_models (id) ON DELETE CASCADE,
    alias       VARCHAR(255) NOT NULL,
    version     INT          NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (model_id, alias)
);
