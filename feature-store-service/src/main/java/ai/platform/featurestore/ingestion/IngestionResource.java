package ai.platform.featurestore.ingestion;

import ai.platform.featurestore.materialization.MaterializationState;
import ai.platform.featurestore.registry.GroupSchema;
import ai.platform.featurestore.registry.GroupSchemas;
import ai.platform.featurestore.online.OnlineKeys;
import ai.platform.featurestore.online.OnlineStore;
import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** {@code POST /api/v2/feature-store/ingest} (design document 1.3). */
@Path("/api/v2/feature-store/ingest")
@Tag(name = "Ingestion")
public class IngestionResource {

    private static final Logger LOG = Logger.getLogger(IngestionResource.class);

    private final GroupSchemas groups;
    private final OnlineStore online;
    private final MaterializationState materialization;
    private final Pool pool;
    private final Caller caller;
    private final MeterRegistry metrics;

    public IngestionResource(GroupSchemas groups, OnlineStore online, MaterializationState materialization,
            Pool pool, Caller caller, MeterRegistry metrics) {
        this.metrics = metrics;
        this.groups = groups;
        this.online = online;
        this.materialization = materialization;
        this.pool = pool;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write feature values",
            description = "Body: {\"feature_group\": name or id, \"rows\": [{\"entity\": {key: value}, "
                    + "\"event_time\": RFC 3339, \"values\": {feature: value}}]}. Every value is checked against "
                    + "its feature's type; one bad row refuses all, listing every bad field. Rows go to the offline "
                    + "store (a re-sent row changes nothing) and, for online groups, to the online store, where an "
                    + "older event never overwrites a newer one. Needs the editor role.")
    @APIResponse(responseCode = "200", description = "Written",
            content = @Content(schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(responseCode = "400", description = "Bad rows; errors name each row and field")
    @APIResponse(responseCode = "404", description = "No such feature group")
    public Uni<IngestResult> ingest(JsonNode body) {
        caller.require(Role.EDITOR, "Ingesting features");
        if (body == null || !body.isObject() || !body.path("feature_group").isTextual()) {
            throw ProblemException.invalidField("feature_group", "must name a feature group (name or id)");
        }
        return groups.get(body.get("feature_group").asText()).flatMap(group -> {
            List<IngestRow> rows = RowParser.parse(group, body.get("rows"));
            return writeOffline(group, rows).flatMap(offline -> writeOnline(group, offline.online())
                    .map(outcome -> {
                        Counter.builder("feature_store.ingest.rows").description("Rows newly written offline")
                                .tag("group", group.name()).tag("online", outcome.state()).register(metrics)
                                .increment(offline.inserted());
                        return new IngestResult(group.name(), rows.size(), offline.inserted(),
                                rows.size() - offline.inserted(), outcome.state(), outcome.error());
                    }));
        });
    }

    /** What the offline write did, and the rows to write online: each row as the offline store holds it. */
    private record OfflineOutcome(int inserted, List<IngestRow> online) {
    }

    /**
     * One statement for the batch. A row already stored (same entity and event time) is left as it is, and goes
     * online as stored, not as re-sent: online and offline never disagree, and re-sending a batch whose online
     * write was pending heals the online store.
     */
    private Uni<OfflineOutcome> writeOffline(GroupSchema group, List<IngestRow> rows) {
        return pool.preparedQuery("WITH input AS (SELECT k, t, v FROM unnest($2::text[], $3::timestamptz[],"
                        + " $4::text[]) AS r(k, t, v)),"
                        + " inserted AS (INSERT INTO feature_rows (feature_group_id, entity_key, event_time, values)"
                        + " SELECT $1, k, t, v::jsonb FROM input ON CONFLICT DO NOTHING"
                        + " RETURNING entity_key, event_time)"
                        + " SELECT i.k, i.t, stored.values::text FROM input i"
                        + " LEFT JOIN inserted n ON n.entity_key = i.k AND n.event_time = i.t"
                        + " LEFT JOIN feature_rows stored ON stored.feature_group_id = $1 AND stored.entity_key = i.k"
                        + " AND stored.event_time = i.t WHERE n.entity_key IS NULL")
                .execute(Tuple.of(group.id(),
                        rows.stream().map(IngestRow::entityKey).toArray(String[]::new),
                        rows.stream().map(IngestRow::eventTime).toArray(OffsetDateTime[]::new),
                        rows.stream().map(IngestRow::valuesJson).toArray(String[]::new)))
                .map(duplicates -> {
                    if (duplicates.size() == 0) {
                        return new OfflineOutcome(rows.size(), rows);
                    }
                    Map<String, String> stored = new HashMap<>();
                    for (Row duplicate : duplicates) {
                        // Null when another transaction stored the row meanwhile: its own online write covers it.
                        stored.put(duplicate.getString(0) + "@" + duplicate.getOffsetDateTime(1).toInstant(),
                                duplicate.getString(2));
                    }
                    List<IngestRow> online = new ArrayList<>(rows.size());
                    for (IngestRow row : rows) {
                        String key = row.entityKey() + "@" + row.eventTime().toInstant();
                        if (!stored.containsKey(key)) {
                            online.add(row);
                        } else if (stored.get(key) != null) {
                            online.add(row.withValues(new JsonObject(stored.get(key))));
                        }
                    }
                    return new OfflineOutcome(rows.size() - duplicates.size(), online);
                });
    }

    /** How the online write went: written, disabled, or pending (with why) when Redis could not be written. */
    private record OnlineOutcome(String state, String error) {
    }

    private Uni<OnlineOutcome> writeOnline(GroupSchema group, List<IngestRow> rows) {
        if (!group.online()) {
            return Uni.createFrom().item(new OnlineOutcome("disabled", null));
        }
        List<OnlineStore.Write> writes = rows.stream().map(row -> {
            long eventTime = row.eventTime().toInstant().toEpochMilli();
            return new OnlineStore.Write(OnlineKeys.redisKey(group.id(), row.entityKey()), row.values().entrySet()
                    .stream().map(value -> new OnlineStore.Value(value.getKey(), value.getValue(), eventTime))
                    .toList());
        }).toList();
        long ttl = group.ttl() == null ? 0 : group.ttl().toMillis();
        return online.write(writes, ttl)
                .map(v -> new OnlineOutcome("written", null))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Online write for %s failed; the rows are kept offline: %s", group.name(),
                            failure.toString());
                    // The rows are committed offline; a catch-up materialization copies them once Redis is back.
                    OnlineOutcome pending = new OnlineOutcome("pending", "The online store could not be written (a"
                            + " catch-up materialization will copy the rows once it can): " + failure.getMessage());
                    return materialization.requestCatchUp(group.id()).replaceWith(pending)
                            .onFailure().recoverWithItem(unrecorded -> {
                                // The rows are stored all the same: a scheduled or requested run copies them.
                                LOG.errorf("Could not record the catch-up of %s: %s", group.name(), unrecorded);
                                return pending;
                            });
                });
    }
}
