-- Tags: string keys to string values, on models and on versions (as in MLflow); searched with @>.
ALTER TABLE registered_models ADD COLUMN tags JSONB NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE model_versions ADD COLUMN tags JSONB NOT NULL DEFAULT '{}'::jsonb;
CREATE INDEX registered_models_tags ON registered_models USING gin (tags jsonb_path_ops);
CREATE INDEX model_versions_tags ON model_versions USING gin (tags jsonb_path_ops);
CREATE INDEX model_versions_by_run ON model_versions (run_id);
