package ai.platform.featurestore.materialization;

import ai.platform.featurestore.registry.GroupSchema;
import ai.platform.featurestore.registry.GroupSchemas;
import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.paging.Page;
import ai.platform.support.paging.PageRequest;
import ai.platform.support.problem.InvalidParameter;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Materialization, offline to online: {@code /api/v2/feature-store/materialize} (design document 1.3). */
@Path("/api/v2/feature-store/materialize")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Materialization")
public class MaterializationResource {

    private static final Set<String> STATUSES = Set.of("queued", "running", "succeeded", "failed");

    private final Caller caller;
    private final GroupSchemas groups;
    private final MaterializationJobs jobs;
    private final MaterializationState state;
    private final MaterializationRunner runner;

    public MaterializationResource(Caller caller, GroupSchemas groups, MaterializationJobs jobs,
            MaterializationState state, MaterializationRunner runner) {
        this.caller = caller;
        this.groups = groups;
        this.jobs = jobs;
        this.state = state;
        this.runner = runner;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Materialize a group", description = "Starts a job copying the group's newest offline "
            + "values to the online store: the events between start_time and end_time, or, with neither, "
            + "incrementally what was ingested since the last incremental run (the first takes everything). "
            + "One job per group at a time. Follow the Location to see it finish. Needs the editor role.")
    @APIResponse(responseCode = "202", description = "Queued and started",
            content = @Content(schema = @Schema(implementation = MaterializationJob.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "No such feature group")
    @APIResponse(responseCode = "409", description = "The group is not online, or a job of it is already running")
    public Uni<Response> materialize(@Valid @NotNull MaterializeRequest request, UriInfo uri) {
        caller.require(Role.EDITOR, "Materializing features");
        if (request.startTime() != null && request.endTime() != null
                && request.startTime().isAfter(request.endTime())) {
            throw ProblemException.invalidField("start_time", "must not be after end_time");
        }
        boolean range = request.startTime() != null || request.endTime() != null;
        return groups.get(request.featureGroup()).flatMap(group -> {
            if (!group.online()) {
                throw ProblemException.conflict("Feature group " + group.name() + " is not served online");
            }
            return jobs.submit(new MaterializationJobs.Submission(group.id(), range ? "range" : "incremental",
                            request.startTime(), request.endTime(), "api", caller.subject()))
                    .flatMap(queued -> queued == null ? alreadyActive(group) : jobs.claim(queued.id())
                            .map(claimed -> claimed == null ? queued : claimed));
        }).map(job -> {
            if ("running".equals(job.status())) {
                runner.start(job);
            }
            return Response.accepted(job).location(uri.getBaseUriBuilder()
                    .path("/api/v2/feature-store/materialize/jobs/{id}").build(job.id())).build();
        });
    }

    private Uni<MaterializationJob> alreadyActive(GroupSchema group) {
        return jobs.active(group.id()).map(active -> {
            throw ProblemException.conflict("Feature group " + group.name() + " is being materialized already"
                    + (active == null ? "" : " (job " + active.id() + ", " + active.status() + ")"));
        });
    }

    @GET
    @Path("/jobs")
    @Operation(summary = "List materialization jobs", description = "Newest first; of one group, of one status.")
    @APIResponse(responseCode = "200", description = "A page of jobs")
    @APIResponse(responseCode = "400", description = "Bad paging or status")
    @APIResponse(responseCode = "404", description = "No such feature group")
    public Uni<Page<MaterializationJob>> list(@QueryParam("feature_group") String group,
            @QueryParam("status") String status, @QueryParam("page_size") Integer pageSize,
            @QueryParam("page_token") String pageToken) {
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalidField("status", "must be one of " + STATUSES);
        }
        PageRequest page = PageRequest.of(pageSize, pageToken);
        Uni<UUID> groupId = group == null ? Uni.createFrom().nullItem() : groups.get(group).map(GroupSchema::id);
        return groupId.flatMap(id -> jobs.list(id, status, page));
    }

    @GET
    @Path("/jobs/{id}")
    @Operation(summary = "A materialization job", description = "Its status, counts, times and error.")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(schema = @Schema(implementation = MaterializationJob.class)))
    @APIResponse(responseCode = "404", description = "No such job")
    public Uni<MaterializationJob> get(@PathParam("id") String id) {
        return jobs.get(jobId(id)).map(job -> {
            if (job == null) {
                throw ProblemException.notFound("Materialization job", id);
            }
            return job;
        });
    }

    @GET
    @Path("/schedules")
    @Operation(summary = "List materialization schedules", description = "Groups with a schedule, by name.")
    @APIResponse(responseCode = "200", description = "A page of schedules")
    public Uni<Page<MaterializationSchedule>> schedules(@QueryParam("page_size") Integer pageSize,
            @QueryParam("page_token") String pageToken) {
        PageRequest page = PageRequest.of(pageSize, pageToken);
        return state.scheduled(page.cursor(), page.fetchSize())
                .map(rows -> Page.fromOverfetch(rows, page, MaterializationSchedule::featureGroup));
    }

    @GET
    @Path("/schedules/{group}")
    @Operation(summary = "A group's materialization state", description = "Its schedule (if any), next and last "
            + "run, watermark, and pending catch-up.")
    @APIResponse(responseCode = "200", description = "The state",
            content = @Content(schema = @Schema(implementation = MaterializationSchedule.class)))
    @APIResponse(responseCode = "404", description = "No such feature group")
    public Uni<MaterializationSchedule> schedule(@PathParam("group") String group) {
        return groups.get(group).flatMap(schema -> state.get(schema.id()));
    }

    @PUT
    @Path("/schedules/{group}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Schedule a group's materialization", description = "Incremental runs on a cron schedule "
            + "(UTC), each run by one replica. Replaces the group's schedule. Needs the editor role.")
    @APIResponse(responseCode = "200", description = "The schedule",
            content = @Content(schema = @Schema(implementation = MaterializationSchedule.class)))
    @APIResponse(responseCode = "400", description = "Not a cron expression")
    @APIResponse(responseCode = "404", description = "No such feature group")
    @APIResponse(responseCode = "409", description = "The group is not online")
    public Uni<MaterializationSchedule> setSchedule(@PathParam("group") String group,
            @Valid @NotNull ScheduleRequest request) {
        caller.require(Role.EDITOR, "Scheduling materialization");
        CronSchedule cron;
        try {
            cron = CronSchedule.parse(request.cron());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cron", e.getMessage());
        }
        return groups.get(group).flatMap(schema -> {
            if (!schema.online()) {
                throw ProblemException.conflict("Feature group " + schema.name() + " is not served online");
            }
            return state.setSchedule(schema.id(), cron, caller.subject()).flatMap(set -> state.get(schema.id()));
        });
    }

    @DELETE
    @Path("/schedules/{group}")
    @Operation(summary = "Stop a group's scheduled materialization", description = "Needs the editor role.")
    @APIResponse(responseCode = "204", description = "No schedule any more")
    @APIResponse(responseCode = "404", description = "No such feature group")
    public Uni<Void> clearSchedule(@PathParam("group") String group) {
        caller.require(Role.EDITOR, "Unscheduling materialization");
        return groups.get(group).flatMap(schema -> state.clearSchedule(schema.id(), caller.subject()));
    }

    private static UUID jobId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("id", "must be a job id (a UUID)");
        }
    }
}
