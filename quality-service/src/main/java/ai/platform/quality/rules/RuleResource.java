package ai.platform.quality.rules;

import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.paging.Page;
import ai.platform.support.paging.PageRequest;
import ai.platform.support.persistence.DbTime;
import ai.platform.support.persistence.HqlFilter;
import ai.platform.support.persistence.SqlErrors;
import ai.platform.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Quality rules: {@code /api/v2/data/quality/rules} (design document 5.2). */
@Path("/api/v2/data/quality/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Quality rules")
public class RuleResource {

    private final Caller caller;

    public RuleResource(Caller caller) {
        this.caller = caller;
    }

    @POST
    @WithTransaction
    @Operation(summary = "Create a quality rule", description = "Needs the editor role. Names are unique.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = RuleView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "403", description = "Not an editor")
    @APIResponse(responseCode = "409", description = "A rule of that name exists")
    public Uni<Response> create(@Valid @NotNull RuleRequest request, UriInfo uri) {
        caller.require(Role.EDITOR, "Creating a rule");
        QualityRule rule = new QualityRule();
        rule.name = request.name();
        rule.description = request.description();
        rule.ruleType = request.ruleType().toString();
        rule.dataset = request.dataset();
        rule.definition = request.definition();
        rule.severity = (request.severity() == null ? Severity.ERROR : request.severity()).toString();
        rule.createdBy = caller.subject();
        rule.createdAt = DbTime.now();
        rule.updatedAt = rule.createdAt;
        return rule.<QualityRule>persistAndFlush()
                .onFailure(SqlErrors::isUniqueViolation).transform(e -> duplicate(rule.name))
                .map(saved -> Response.created(uri.getAbsolutePathBuilder().path(saved.id.toString()).build())
                        .entity(RuleView.of(saved)).build());
    }

    @GET
    @WithSession
    @Operation(summary = "List quality rules", description = "Ordered by name; filter by type and dataset.")
    @APIResponse(responseCode = "200", description = "One page of rules")
    @APIResponse(responseCode = "400", description = "Bad paging or filter")
    public Uni<Page<RuleView>> list(@QueryParam("rule_type") RuleType ruleType,
            @QueryParam("dataset") String dataset,
            @Parameter(description = "1 to 1000, default 50") @QueryParam("page_size") Integer pageSize,
            @QueryParam("page_token") String pageToken) {
        PageRequest page = PageRequest.of(pageSize, pageToken);
        HqlFilter filter = new HqlFilter().equal("ruleType", ruleType == null ? null : ruleType.toString())
                .equal("dataset", dataset).after("name", page.cursor());
        return QualityRule.<QualityRule>find(filter.where() + " order by name", filter.params())
                .range(0, page.fetchSize() - 1).list()
                .map(rows -> Page.fromOverfetch(rows, page, r -> r.name).map(RuleView::of));
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "Get a quality rule")
    @APIResponse(responseCode = "200", description = "The rule",
            content = @Content(schema = @Schema(implementation = RuleView.class)))
    @APIResponse(responseCode = "404", description = "No such rule")
    public Uni<RuleView> get(@PathParam("id") UUID id) {
        return QualityRule.<QualityRule>findById(id)
                .map(rule -> {
                    if (rule == null) {
                        throw ProblemException.notFound("Rule", id);
                    }
                    return RuleView.of(rule);
                });
    }

    private static ProblemException duplicate(String name) {
        return ProblemException.conflict("A rule named '" + name + "' already exists");
    }
}
