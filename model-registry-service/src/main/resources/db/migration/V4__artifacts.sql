-- Files of a model version in the artifact store; a row exists only for a file written whole and verified.
CREATE TABLE model_artifacts (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    model_version_id  UUID          NOT NULL REFERENCES model_versions (id) ON DELETE CASCADE,
    path              VARCHAR(1024) NOT NULL,
    size_bytes        BIGINT        NOT NULL,
    sha256            CHAR(64)      NOT NULL,
    storage_key       TEXT          NOT NULL,
    uploaded_by       VARCHAR(255)  NOT NULL,
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    UNIQUE (model_version_id, path)
);
