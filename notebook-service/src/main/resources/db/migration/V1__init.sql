-- Notebooks schema. Section 4 of the design document names the capabilities (notebooks with versions,
-- sharing, cell execution, outputs) but no tables; these hold them.

CREATE TABLE notebooks (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name            VARCHAR(255) NOT NULL,
    description     TEXT,
    owner_id        VARCHAR(255) NOT NULL,
    project         VARCHAR(255),
    -- The current document in nbformat 4 JSON.
    content         JSONB        NOT NULL,
    current_version INT          NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX notebooks_by_owner ON notebooks (owner_id);

CREATE TABLE notebook_versions (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    notebook_id  UUID         NOT NULL REFERENCES notebooks (id) ON DELETE CASCADE,
    version      INT          NOT NULL,
    content      JSONB        NOT NULL,
    created_by   VARCHAR(255) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (notebook_id, version)
);

CREATE TABLE notebook_shares (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    notebook_id  UUID         NOT NULL REFERENCES notebooks (id) ON DELETE CASCADE,
    user_id      VARCHAR(255) NOT NULL,
    permission   VARCHAR(20)  NOT NULL CHECK (permission IN ('view', 'edit')),
    shared_by    VARCHAR(255) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (notebook_id, user_id)
);

CREATE TABLE cell_executions (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    notebook_id   UUID         NOT NULL REFERENCES notebooks (id) ON DELETE CASCADE,
    cell_id       VARCHAR(255),
    code          TEXT         NOT NULL,
    status        VARCHAR(20)  NOT NULL CHECK (status IN ('queued', 'running', 'ok', 'error', 'aborted')),
    outputs       JSONB,
    execution_count INT,
    executed_by   VARCHAR(255) NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX cell_executions_by_notebook ON cell_executions (notebook_id, created_at);
