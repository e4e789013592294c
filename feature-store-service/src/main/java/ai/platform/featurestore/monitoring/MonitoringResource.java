package ai.platform.featurestore.monitoring;

import ai.platform.featurestore.registry.GroupSchemas;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Monitoring of feature groups: {@code /api/v2/feature-store/monitoring/groups/{group}}. Latency and throughput are
 * Prometheus metrics at {@code /q/metrics}: {@code feature_store_online_read_seconds},
 * {@code feature_store_ingest_rows_total}, {@code feature_store_materialization_values_total},
 * {@code feature_store_materialization_failures_total}.
 */
@Path("/api/v2/feature-store/monitoring")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Monitoring")
public class MonitoringResource {

    private final GroupSchemas groups;
    private final GroupMonitor monitor;

    public MonitoringResource(GroupSchemas groups, GroupMonitor monitor) {
        this.groups = groups;
        this.monitor = monitor;
    }

    @GET
    @Path("/groups/{group}")
    @Operation(summary = "A feature group's data health", description = "Offline rows and entities, event-time "
            + "bounds and freshness, online keys, null rate per feature over the most recent rows, and the last "
            + "materialization with its lag. The group by name or id.")
    @APIResponse(responseCode = "200", description = "The statistics",
            content = @Content(schema = @Schema(implementation = GroupStats.class)))
    @APIResponse(responseCode = "404", description = "No such feature group")
    public Uni<GroupStats> group(@PathParam("group") String group) {
        return groups.get(group).flatMap(monitor::stats);
    }
}
