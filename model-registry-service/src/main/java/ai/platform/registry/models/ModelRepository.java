package ai.platform.registry.models;

import ai.platform.registry.resolution.Resolutions;
import ai.platform.registry.stages.Stage;
import ai.platform.registry.storage.ArtifactStore;
import ai.platform.registry.versioning.Tags;
import ai.platform.registry.webhooks.WebhookOutbox;
import ai.platform.support.paging.PageRequest;
import ai.platform.support.persistence.SqlErrors;
import ai.platform.support.problem.Problem;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads and changes of registered models that filter on tags and versions, through the reactive client. */
@ApplicationScoped
public class ModelRepository {

    /** The problem type suffix of a duplicate name. */
    public static final String ALREADY_EXISTS = "already-exists";

    private final Pool pool;
    private final ArtifactStore artifacts;
    private final Resolutions resolutions;

    public ModelRepository(Pool pool, ArtifactStore artifacts, Resolutions resolutions) {
        this.pool = pool;
        this.artifacts = artifacts;
        this.resolutions = resolutions;
    }

    /** Registers a model; a taken name is a 409 of the kind {@code already-exists}. */
    public Uni<ModelView> create(String name, String description, String project, Map<String, String> tags,
            String createdBy) {
        return pool.withTransaction(sql -> sql.preparedQuery("INSERT INTO registered_models"
                                + " (name, description, project, tags, created_by) VALUES ($1, $2, $3, $4, $5)"
                                + " RETURNING " + ModelView.COLUMNS)
                        .execute(Tuple.of(name, description, project, Tags.json(tags), createdBy))
                        .map(rows -> ModelView.from(rows.iterator().next()))
                        .call(model -> WebhookOutbox.modelCreated(sql, model.id(), name, description, project,
                                createdBy)))
                .onFailure(SqlErrors::isUniqueViolation).transform(e -> duplicate(name));
    }

    /**
     * Gives a model a new name. Files, history and webhooks follow, as they hang on the model's id; a taken name is
     * a 409 of the kind {@code already-exists}.
     */
    public Uni<ModelView> rename(String name, String newName) {
        return pool.withTransaction(sql -> sql.preparedQuery("UPDATE registered_models SET name = $2,"
                                + " updated_at = now() WHERE name = $1 RETURNING " + ModelView.COLUMNS)
                        .execute(Tuple.of(name, newName))
                        .map(rows -> {
                            if (rows.size() == 0) {
                                throw ProblemException.notFound("Model", name);
                            }
                            return ModelView.from(rows.iterator().next());
                        })
                        .call(model -> WebhookOutbox.modelRenamed(sql, model.id(), newName)))
                .onTermination().invoke(() -> resolutions.invalidate(name))
                .onFailure(SqlErrors::isUniqueViolation).transform(e -> duplicate(newName));
    }

    /** Removes one tag (nothing happens when the model does not have it); a missing model is a 404. */
    public Uni<Void> removeTag(String name, String key) {
        return pool.preparedQuery("UPDATE registered_models SET tags = tags - $2, updated_at = now() WHERE name = $1")
                .execute(Tuple.of(name, key))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("Model", name);
                    }
                    return null;
                });
    }

    /**
     * A duplicate name is a conflict of its own kind, so that an adapter (the MLflow API's
     * {@code RESOURCE_ALREADY_EXISTS}) can tell it from a conflict of state.
     */
    public static ProblemException duplicate(String name) {
        return new ProblemException(Problem.of(Status.CONFLICT, "A model named '" + name + "' is already registered")
                .withType(ALREADY_EXISTS));
    }

    /**
     * Models matching every filter given; {@code stage}: having a version in it. Keyset paged: the cursor is the
     * last name ({@link ModelOrder#NAME}) or {@code created_at|name} ({@link ModelOrder#NEWEST}).
     */
    public Uni<List<ModelView>> list(String namePrefix, String project, JsonObject tag, Stage stage,
            ModelOrder order, PageRequest page) {
        String afterName = null;
        OffsetDateTime afterTime = null;
        if (page.cursor() != null) {
            if (order == ModelOrder.NAME) {
                afterName = page.cursor();
            } else {
                try {
                    int split = page.cursor().indexOf('|');
                    afterTime = OffsetDateTime.parse(page.cursor().substring(0, split));
                    afterName = page.cursor().substring(split + 1);
                } catch (RuntimeException e) {
                    throw ProblemException.invalidField("page_token", "is not a token this list returned");
                }
            }
        }
        // Keyset conditions are appended with their own parameters ($5 on), after the filters' four.
        String keyset;
        List<Object> params = new ArrayList<>(Arrays.asList(namePrefix, project, tag,
                stage == null ? null : stage.toString()));
        if (order == ModelOrder.NAME) {
            keyset = " AND ($5::text IS NULL OR m.name > $5) ORDER BY m.name LIMIT $6";
            params.add(afterName);
        } else {
            keyset = " AND ($5::timestamptz IS NULL OR (m.created_at, m.name) < ($5, $6::text))"
                    + " ORDER BY m.created_at DESC, m.name DESC LIMIT $7";
            params.add(afterTime);
            params.add(afterName);
        }
        params.add(page.fetchSize());
        return pool.preparedQuery("SELECT " + ModelView.COLUMNS.replaceAll("(\\w+)", "m.$1")
                        + " FROM registered_models m"
                        + " WHERE ($1::text IS NULL OR starts_with(m.name, $1))"
                        + " AND ($2::text IS NULL OR m.project = $2)"
                        + " AND ($3::jsonb IS NULL OR m.tags @> $3::jsonb)"
                        + " AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM model_versions v"
                        + "   WHERE v.model_id = m.id AND v.current_stage = $4))"
                        + keyset)
                .execute(Tuple.from(params))
                .map(rows -> {
                    List<ModelView> models = new ArrayList<>();
                    rows.forEach(row -> models.add(ModelView.from(row)));
                    return models;
                });
    }

    static String cursorOf(ModelView model, ModelOrder order) {
        return order == ModelOrder.NAME ? model.name() : model.createdAt() + "|" + model.name();
    }

    public Uni<Optional<ModelView>> find(String name) {
        return pool.preparedQuery("SELECT " + ModelView.COLUMNS + " FROM registered_models WHERE name = $1")
                .execute(Tuple.of(name))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(ModelView.from(rows.iterator().next())));
    }

    /** New description (if given) and tags merged in; empty when there is no such model. */
    public Uni<Optional<ModelView>> update(String name, String description, JsonObject tags) {
        return pool.preparedQuery("UPDATE registered_models SET description = COALESCE($2, description),"
                        + " tags = tags || COALESCE($3, '{}'::jsonb), updated_at = now() WHERE name = $1"
                        + " RETURNING " + ModelView.COLUMNS)
                .execute(Tuple.of(name, description, tags))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(ModelView.from(rows.iterator().next())));
    }

    /**
     * Deletes a model with its versions, stages, aliases and files, unless one of its versions is in Production
     * (409). The model row is locked first, so a version cannot reach Production between the check and the delete.
     * Files go after the rows: a failure there leaves unreachable files, never rows without their files.
     */
    public Uni<Void> delete(String name) {
        return deleteRows(name).flatMap(id -> artifacts.deleteAll(id.toString()));
    }

    private Uni<UUID> deleteRows(String name) {
        return pool.withTransaction(sql -> ModelLookup.lock(sql, name)
                .flatMap(id -> sql.preparedQuery("SELECT array_agg(version ORDER BY version) FROM model_versions"
                                + " WHERE model_id = $1 AND current_stage = 'Production'")
                        .execute(Tuple.of(id))
                        .flatMap(rows -> {
                            Object[] live = rows.iterator().next().getArrayOfIntegers(0);
                            if (live != null && live.length > 0) {
                                throw ProblemException.conflict("Model '" + name + "' has versions in Production ("
                                        + Arrays.toString(live) + "); move them out first");
                            }
                            return sql.preparedQuery("DELETE FROM registered_models WHERE id = $1")
                                    .execute(Tuple.of(id)).replaceWith(id);
                        })))
                .onTermination().invoke(() -> resolutions.invalidate(name));
    }
}
