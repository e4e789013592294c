package ai.platform.registry.aliases;

import ai.platform.registry.lineage.LineageEvents;
import ai.platform.registry.lineage.LineageOutbox;
import ai.platform.registry.models.ModelLookup;
import ai.platform.registry.resolution.Resolutions;
import ai.platform.registry.versioning.ModelVersion;
import ai.platform.registry.webhooks.WebhookOutbox;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Aliases of model versions, for every API that sets or reads them. */
@ApplicationScoped
public class AliasRepository {

    public static final String PATTERN = "[A-Za-z_][A-Za-z0-9_-]{0,254}";
    public static final String MESSAGE = "must start with a letter or '_' and hold only letters, digits, '_' and '-'";

    /** Names that already mean something in a model reference ({@code models:/m@latest}, {@code v3}), as in MLflow. */
    private static final Set<String> RESERVED = Set.of("latest");
    private static final Pattern ALIAS = Pattern.compile(PATTERN);
    private static final Pattern VERSION_REFERENCE = Pattern.compile("[vV][0-9]+");

    private final Pool pool;
    private final Resolutions resolutions;

    public AliasRepository(Pool pool, Resolutions resolutions) {
        this.pool = pool;
        this.resolutions = resolutions;
    }

    /** One alias of a model: the model's name, the alias and the version it points at. */
    public record ModelAlias(String model, String alias, int version) {
    }

    /**
     * Points an alias at a version, moving it if it points elsewhere: one statement, so a reader sees the old or
     * the new version, never none. Sets of one model's aliases queue on the model's row, so the version an alias
     * moved from (told to webhooks) is the one it really left. A malformed or reserved alias is a 400, a missing
     * model or version a 404.
     */
    public Uni<ModelVersion> set(String model, String alias, int version, String setBy) {
        check(alias);
        return pool.withTransaction(sql -> ModelLookup.lock(sql, model).flatMap(modelId -> sql.preparedQuery(
                        "SELECT version FROM model_aliases WHERE model_id = $1 AND alias = $2")
                .execute(Tuple.of(modelId, alias))
                .flatMap(previous -> sql.preparedQuery("INSERT INTO model_aliases (model_id, alias, version)"
                                + " SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM model_versions"
                                + "   WHERE model_id = $1 AND version = $3)"
                                + " ON CONFLICT (model_id, alias) DO UPDATE SET version = EXCLUDED.version,"
                                + "   created_at = now()"
                                + " RETURNING version")
                        .execute(Tuple.of(modelId, alias, version))
                        .flatMap(rows -> {
                            if (rows.size() == 0) {
                                throw ProblemException.notFound("Version", model + "/" + version);
                            }
                            Integer from = previous.size() == 0 ? null : previous.iterator().next().getInteger(0);
                            if (from != null && from == version) {
                                // Already there: nothing changed, so nobody is told (a retried set is not news).
                                return Uni.createFrom().voidItem();
                            }
                            return WebhookOutbox.aliasSet(sql, model, alias, version, from, setBy)
                                    .call(() -> reportAliases(sql, modelId, model, from == null
                                            ? List.of(version) : List.of(version, from)));
                        }))
                .flatMap(v -> sql.preparedQuery(ModelVersion.SELECT + " WHERE v.model_id = $1 AND v.version = $2")
                        .execute(Tuple.of(modelId, version)))
                .map(found -> ModelVersion.from(found.iterator().next()))))
                .onTermination().invoke(() -> resolutions.invalidate(model));
    }

    /** The version an alias points at (usually from the cache of resolutions); a missing model or alias is a 404. */
    public Uni<ModelVersion> resolve(String model, String alias) {
        return resolutions.alias(model, alias, () -> pool.preparedQuery(ModelVersion.SELECT
                                + " JOIN model_aliases al ON al.model_id = v.model_id"
                                + " AND al.version = v.version WHERE m.name = $1 AND al.alias = $2")
                        .execute(Tuple.of(model, alias))
                        .map(rows -> rows.size() == 0 ? Optional.<ModelVersion>empty()
                                : Optional.of(ModelVersion.from(rows.iterator().next()))))
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("Alias", model + "@" + alias)));
    }

    /** A model's aliases, by name; a missing model is a 404. */
    public Uni<Map<String, Integer>> list(String model) {
        return pool.withConnection(sql -> ModelLookup.id(sql, model).flatMap(modelId -> sql.preparedQuery(
                        "SELECT alias, version FROM model_aliases WHERE model_id = $1 ORDER BY alias")
                .execute(Tuple.of(modelId))
                .map(rows -> {
                    Map<String, Integer> aliases = new LinkedHashMap<>();
                    rows.forEach(row -> aliases.put(row.getString("alias"), row.getInteger("version")));
                    return aliases;
                })));
    }

    /** The aliases of several models in one query (a page of search results), by model and alias. */
    public Uni<List<ModelAlias>> ofModels(List<String> models) {
        return pool.preparedQuery("SELECT m.name, a.alias, a.version FROM model_aliases a"
                        + " JOIN registered_models m ON m.id = a.model_id WHERE m.name = ANY($1)"
                        + " ORDER BY m.name, a.alias")
                .execute(Tuple.of(models.toArray(new String[0])))
                .map(rows -> {
                    List<ModelAlias> aliases = new ArrayList<>();
                    rows.forEach(row -> aliases.add(new ModelAlias(row.getString("name"), row.getString("alias"),
                            row.getInteger("version"))));
                    return aliases;
                });
    }

    /**
     * Deletes an alias; a missing model or alias is a 404. It queues on the model's row as {@link #set} does, so
     * the aliases reported to lineage are enqueued in the order the changes commit: a delete cannot report its
     * version's aliases from before a concurrent set, after that set's own report.
     */
    public Uni<Void> delete(String model, String alias) {
        return pool.withTransaction(sql -> ModelLookup.lock(sql, model).flatMap(modelId -> sql.preparedQuery(
                        "DELETE FROM model_aliases WHERE model_id = $1 AND alias = $2 RETURNING version")
                .execute(Tuple.of(modelId, alias))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Alias", model + "@" + alias);
                    }
                    return reportAliases(sql, modelId, model, List.of(rows.iterator().next().getInteger("version")));
                })))
                .onTermination().invoke(() -> resolutions.invalidate(model));
    }

    /** Tells lineage the aliases these versions have now, in the transaction that changed them. */
    private static Uni<Void> reportAliases(SqlClient sql, UUID modelId, String model, List<Integer> versions) {
        return sql.preparedQuery("SELECT v, COALESCE(array_agg(a.alias ORDER BY a.alias)"
                        + "   FILTER (WHERE a.alias IS NOT NULL), '{}') AS aliases"
                        + " FROM unnest($2::int[]) v LEFT JOIN model_aliases a ON a.model_id = $1 AND a.version = v"
                        + " GROUP BY v ORDER BY v")
                .execute(Tuple.of(modelId, versions.toArray(new Integer[0])))
                .flatMap(rows -> {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    Uni<Void> reported = Uni.createFrom().voidItem();
                    for (Row row : rows) {
                        JsonObject event = LineageEvents.aliasesChanged(model, row.getInteger("v"),
                                List.of(row.getArrayOfStrings("aliases")), now);
                        reported = reported.call(() -> LineageOutbox.enqueue(sql, event));
                    }
                    return reported;
                });
    }

    private static void check(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw ProblemException.invalidField("alias", MESSAGE);
        }
        if (RESERVED.contains(alias.toLowerCase(Locale.ROOT)) || VERSION_REFERENCE.matcher(alias).matches()) {
            throw ProblemException.invalidField("alias", "'" + alias + "' is reserved");
        }
    }
}
