package ai.platform.registry.webhooks;

import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.paging.Page;
import ai.platform.support.paging.PageRequest;
import ai.platform.support.problem.InvalidParameter;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhooks: {@code /api/v2/models/webhooks}, under the registry's gateway prefix ({@code webhooks} is therefore
 * not a model name). Managing them needs the admin role: a webhook sends the registry's events to any URL it
 * names (not into private networks, unless configured: see {@link WebhookTargets}).
 */
@Path("/api/v2/models/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Deliveries are POSTs of {id, type, occurred_at, data} with headers "
        + "X-Platform-Event, X-Platform-Delivery, X-Platform-Timestamp (Unix seconds) and X-Platform-Signature: "
        + "sha256=<hex HMAC-SHA256 under the secret of '<timestamp>.<body>'>; a 2xx answer delivers, anything else "
        + "is retried with exponential backoff.")
public class WebhookResource {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookRepository webhooks;
    private final WebhookTargets targets;
    private final Caller caller;

    public WebhookResource(WebhookRepository webhooks, WebhookTargets targets, Caller caller) {
        this.webhooks = webhooks;
        this.targets = targets;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Subscribe a URL to registry events",
            description = "Events: model.created, version.created, version.stage_changed, alias.set; of one model or "
                    + "of all. The answer holds the signing secret (generated when not given), shown this once. "
                    + "Needs the admin role.")
    @APIResponse(responseCode = "201", description = "Subscribed",
            content = @Content(schema = @Schema(implementation = Webhook.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields; a URL whose host resolves to a private network "
            + "(loopback, link-local, site-local, unique-local) unless registry.webhooks.allow-private-networks")
    public Uni<Response> create(@Valid @NotNull WebhookRequest request, UriInfo uri) {
        caller.require(Role.ADMIN, "Managing webhooks");
        String secret = request.secret() != null ? request.secret() : generatedSecret();
        return Uni.createFrom().completionStage(() -> targets.refusal(request.url()).toCompletionStage())
                .flatMap(refusal -> {
                    if (refusal.isPresent()) {
                        throw ProblemException.invalidField("url", refusal.get());
                    }
                    return webhooks.create(request, secret, caller.subject());
                })
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                        .entity(created.withSecret(secret)).build());
    }

    @GET
    @Operation(summary = "List webhooks, newest first", description = "Needs the admin role.")
    @APIResponse(responseCode = "200", description = "One page of webhooks")
    @APIResponse(responseCode = "400", description = "Bad paging")
    public Uni<Page<Webhook>> list(@QueryParam("page_size") Integer pageSize,
            @QueryParam("page_token") String pageToken) {
        caller.require(Role.ADMIN, "Managing webhooks");
        PageRequest page = PageRequest.of(pageSize, pageToken);
        return webhooks.list(page).map(rows -> Page.fromOverfetch(rows, page, w -> w.createdAt() + "|" + w.id()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a webhook", description = "Needs the admin role.")
    @APIResponse(responseCode = "200", description = "The webhook",
            content = @Content(schema = @Schema(implementation = Webhook.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such webhook")
    public Uni<Webhook> get(@PathParam("id") String id) {
        caller.require(Role.ADMIN, "Managing webhooks");
        return webhooks.get(uuid(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Unsubscribe", description = "Its delivery history goes with it; deliveries still due are "
            + "not sent. Needs the admin role.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "The id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such webhook")
    public Uni<Response> delete(@PathParam("id") String id) {
        caller.require(Role.ADMIN, "Managing webhooks");
        return webhooks.delete(uuid(id)).map(v -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "A webhook's deliveries, newest first",
            description = "Each with its status (pending, delivered, failed: given up on), attempts, the last "
                    + "response code and error, and the payload. Needs the admin role.")
    @APIResponse(responseCode = "200", description = "One page of deliveries")
    @APIResponse(responseCode = "400", description = "Bad id, status or paging")
    @APIResponse(responseCode = "404", description = "No such webhook")
    public Uni<Page<Delivery>> deliveries(@PathParam("id") String id,
            @Parameter(description = "pending, delivered or failed") @QueryParam("status") Delivery.Status status,
            @QueryParam("page_size") Integer pageSize, @QueryParam("page_token") String pageToken) {
        caller.require(Role.ADMIN, "Managing webhooks");
        PageRequest page = PageRequest.of(pageSize, pageToken);
        return webhooks.deliveries(uuid(id), status, page)
                .map(rows -> Page.fromOverfetch(rows, page, d -> Long.toString(d.id())));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("id", "must be a UUID");
        }
    }

    private static String generatedSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }
}
