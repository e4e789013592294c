-- Every replica caches alias and latest-version answers per model (resolution/Resolutions) and drops a model's
-- answers when this channel names it. Triggers, rather than each writer's code, send the notifications, so that no
-- write path can forget one: the registry's own APIs, another replica, a fix made by hand in psql. A notification
-- sent in a transaction is delivered when it commits, and not at all when it rolls back; PostgreSQL sends one per
-- distinct model name per transaction however many rows changed.

-- A version's row or an alias changed: its model's answers may show it (aliases, stage, status, tags ...).
-- While a model is deleted its row is gone before the cascade reaches these tables: the model's own trigger names it.
CREATE FUNCTION notify_model_changed() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM pg_notify('model_registry_changes', m.name) FROM registered_models m
        WHERE m.id = OLD.model_id OR m.id = NEW.model_id;
    RETURN NULL;
END
$$;

-- A model was renamed or deleted: what was cached under its old name no longer holds.
CREATE FUNCTION notify_model_renamed_or_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('model_registry_changes', OLD.name);
    RETURN NULL;
END
$$;

CREATE TRIGGER model_versions_changed AFTER INSERT OR UPDATE OR DELETE ON model_versions
    FOR EACH ROW EXECUTE FUNCTION notify_model_changed();
CREATE TRIGGER model_aliases_changed AFTER INSERT OR UPDATE OR DELETE ON model_aliases
    FOR EACH ROW EXECUTE FUNCTION notify_model_changed();
CREATE TRIGGER registered_models_renamed_or_deleted AFTER UPDATE OF name OR DELETE ON registered_models
    FOR EACH ROW EXECUTE FUNCTION notify_model_renamed_or_deleted();
