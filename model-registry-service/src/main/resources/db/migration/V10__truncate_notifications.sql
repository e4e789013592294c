-- TRUNCATE fires no row triggers, so V9's triggers stay silent while it empties a table, and every replica would keep
-- answering from its cache what is no longer there. A statement-level trigger on each table V9 watches notifies,
-- on commit like the others, an empty payload: no model is called that (a name starts with a letter or a digit), and
-- a replica takes it for "every model changed" and drops all its answers (resolution/ChangeListener). TRUNCATE ...
-- CASCADE fires the triggers of every table it empties; PostgreSQL sends one notification per transaction however
-- many fire.
CREATE FUNCTION notify_every_model_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('model_registry_changes', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER model_versions_truncated AFTER TRUNCATE ON model_versions
    FOR EACH STATEMENT EXECUTE FUNCTION notify_every_model_changed();
CREATE TRIGGER model_aliases_truncated AFTER TRUNCATE ON model_aliases
    FOR EACH STATEMENT EXECUTE FUNCTION notify_every_model_changed();
CREATE TRIGGER registered_models_truncated AFTER TRUNCATE ON registered_models
    FOR EACH STATEMENT EXECUTE FUNCTION notify_every_model_changed();
