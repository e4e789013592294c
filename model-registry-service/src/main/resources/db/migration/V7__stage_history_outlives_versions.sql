-- A version's stage history outlives the version: "what was in Production on date D" must still be answerable
-- after a version that was there is deleted. History rows name their version by model and number (numbers are
-- never given out again), and lose only the link to the version's row when it goes. They go with their model.
ALTER TABLE model_stages ADD COLUMN model_id UUID, ADD COLUMN version INT;
UPDATE model_stages s SET model_id = v.model_id, version = v.version FROM model_versions v
    WHERE v.id = s.model_version_id;
ALTER TABLE model_stages ALTER COLUMN model_id SET NOT NULL, ALTER COLUMN version SET NOT NULL,
    ALTER COLUMN model_version_id DROP NOT NULL,
    DROP CONSTRAINT model_stages_model_version_id_fkey,
    ADD CONSTRAINT model_stages_model_version_id_fkey FOREIGN KEY (model_version_id)
        REFERENCES model_versions (id) ON DELETE SET NULL,
    ADD CONSTRAINT model_stages_model_id_fkey FOREIGN KEY (model_id)
        REFERENCES registered_models (id) ON DELETE CASCADE;
DROP INDEX model_stages_by_version;
CREATE INDEX model_stages_by_version ON model_stages (model_id, version, transitioned_at);
