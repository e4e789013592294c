-- Feature views (issue 3): a named, versioned selection of features across groups, for serving and training
-- ("the features of model X"). A version never changes; a different selection under the same name is the next one.
CREATE TABLE feature_views (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name         VARCHAR(255) NOT NULL,
    version      INT          NOT NULL CHECK (version > 0),
    description  TEXT,
    features     TEXT[]       NOT NULL,
    owner_id     VARCHAR(255) NOT NULL,
    tags         JSONB        NOT NULL DEFAULT '{}'::jsonb,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (name, version)
);
