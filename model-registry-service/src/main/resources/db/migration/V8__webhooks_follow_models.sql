-- A model-scoped webhook follows its model through renames: it is bound to the model's id once the model exists
-- (at subscribe time, or when a model of that name is registered), and model_name follows the model's name.
-- When the model is deleted the binding goes and the name stays, waiting for a model of that name, as before.
ALTER TABLE webhooks ADD COLUMN model_id UUID REFERENCES registered_models (id) ON DELETE SET NULL;
UPDATE webhooks w SET model_id = m.id FROM registered_models m WHERE m.name = w.model_name;
CREATE INDEX webhooks_by_model ON webhooks (model_id);
