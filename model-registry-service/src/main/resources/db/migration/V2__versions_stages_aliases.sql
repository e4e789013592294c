-- Version numbers come from a per-model counter, taken under the model row's lock in the transaction that adds
-- the version: concurrent creators queue on that row, so numbers are 1, 2, 3 ... with no gap and no repeat.
ALTER TABLE registered_models ADD COLUMN last_version INT NOT NULL DEFAULT 0;

-- Stage history: from which stage to which, by whom, when.
ALTER TABLE model_stages ADD COLUMN from_stage VARCHAR(50);
CREATE INDEX model_stages_by_time ON model_stages (transitioned_at);

CREATE INDEX model_versions_by_model_stage ON model_versions (model_id, current_stage, version);
