package ai.platform.registry.mlflow;

import ai.platform.registry.models.ModelView;
import ai.platform.registry.versioning.ModelVersion;
import ai.platform.support.paging.PageRequest;
import ai.platform.support.problem.InvalidParameter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * MLflow's searches: a filter (see {@link MlflowFilter}), {@code order_by} clauses and {@code max_results}, paged
 * by an offset token as MLflow's own server pages them (its clients may re-order the results freely, which a
 * keyset cursor would not survive). Pages are at most {@link PageRequest#MAX_SIZE} rows; a larger
 * {@code max_results} gets a next page token, as MLflow allows a backend to do.
 */
@ApplicationScoped
class MlflowSearch {

    /** One page of results and the token of the next, null on the last. */
    record Found<T>(List<T> items, String nextPageToken) {
    }

    /** What one search orders by: its order_by keys and columns, and the order that breaks ties. */
    private record Ordering(Map<String, String> columns, String tiebreak) {
    }

    private static final Ordering MODELS = new Ordering(Map.of("name", "m.name",
            "last_updated_timestamp", "m.updated_at", "timestamp", "m.updated_at",
            "creation_timestamp", "m.created_at"), "m.name");
    private static final Ordering VERSIONS = new Ordering(Map.of("name", "m.name", "version_number", "v.version",
            "creation_timestamp", "v.created_at", "last_updated_timestamp", "v.updated_at",
            "timestamp", "v.updated_at"), "m.name, v.version DESC");

    /** MLflow's own ceilings on {@code max_results}. */
    static final int MAX_MODELS = 1000;
    static final int MAX_VERSIONS = 200_000;

    private final Pool pool;

    MlflowSearch(Pool pool) {
        this.pool = pool;
    }

    Uni<Found<ModelView>> models(String filter, List<String> orderBy, long maxResults, String pageToken) {
        List<Object> params = new ArrayList<>();
        String where = MlflowFilter.parse(filter, MlflowFilter.Target.MODELS, params);
        return page("SELECT " + ModelView.COLUMNS.replaceAll("(\\w+)", "m.$1") + " FROM registered_models m WHERE "
                + where + " ORDER BY " + order(orderBy, MODELS), params, maxResults, MAX_MODELS, pageToken,
                ModelView::from);
    }

    Uni<Found<ModelVersion>> versions(String filter, List<String> orderBy, long maxResults, String pageToken) {
        List<Object> params = new ArrayList<>();
        String where = MlflowFilter.parse(filter, MlflowFilter.Target.VERSIONS, params);
        return page(ModelVersion.SELECT + " WHERE " + where + " ORDER BY " + order(orderBy, VERSIONS), params,
                maxResults, MAX_VERSIONS, pageToken, ModelVersion::from);
    }

    private <T> Uni<Found<T>> page(String query, List<Object> params, long maxResults, int ceiling,
            String pageToken, Function<Row, T> read) {
        if (maxResults < 1 || maxResults > ceiling) {
            throw new InvalidParameter("max_results", "must be between 1 and " + ceiling);
        }
        int size = (int) Math.min(maxResults, PageRequest.MAX_SIZE);
        int offset = offset(pageToken);
        params.add(size + 1);
        params.add(offset);
        return pool.preparedQuery(query + " LIMIT $" + (params.size() - 1) + " OFFSET $" + params.size())
                .execute(Tuple.from(params))
                .map(rows -> {
                    List<T> items = new ArrayList<>();
                    rows.forEach(row -> items.add(read.apply(row)));
                    if (items.size() <= size) {
                        return new Found<>(items, null);
                    }
                    return new Found<>(List.copyOf(items.subList(0, size)), token(offset + size));
                });
    }

    /** {@code key [ASC|DESC]} clauses, then the tiebreak, so that offsets address the same rows page after page. */
    private static String order(List<String> orderBy, Ordering ordering) {
        List<String> clauses = new ArrayList<>();
        if (orderBy != null) {
            for (String clause : orderBy) {
                String[] words = clause.trim().split("\\s+");
                String column = ordering.columns().get(words[0].toLowerCase(Locale.ROOT));
                String direction = words.length == 2 ? words[1].toUpperCase(Locale.ROOT) : "ASC";
                if (column == null || words.length > 2 || !direction.equals("ASC") && !direction.equals("DESC")) {
                    throw new InvalidParameter("order_by", "'" + clause + "' is not '<key> [ASC|DESC]' with a key of "
                            + ordering.columns().keySet());
                }
                clauses.add(column + " " + direction);
            }
        }
        clauses.add(ordering.tiebreak());
        return String.join(", ", clauses);
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token) {
        if (token == null || token.isBlank()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("offset:")) {
                int offset = Integer.parseInt(decoded.substring("offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new InvalidParameter("page_token", "is not a token this search returned");
    }
}
