package ai.platform.notebooks.manager;

import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.paging.Page;
import ai.platform.support.paging.PageRequest;
import ai.platform.support.persistence.DbTime;
import ai.platform.support.persistence.HqlFilter;
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
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Notebooks: {@code /api/v2/notebooks} (design document 4.2). A caller sees the notebooks they own and those
 * shared with them; an admin sees all. A notebook the caller may not see is answered as absent (404), so that
 * its existence is not disclosed either.
 */
@Path("/api/v2/notebooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notebooks")
public class NotebookResource {

    private static final String VISIBLE = "(ownerId = :caller or :admin = true or id in "
            + "(select s.notebookId from NotebookShare s where s.userId = :caller))";

    private final Caller caller;

    public NotebookResource(Caller caller) {
        this.caller = caller;
    }

    @POST
    @WithTransaction
    @Operation(summary = "Create a notebook", description = "Needs the editor role; the caller becomes its owner.")
    @APIResponse(responseCode = "201", description = "Created, as version 1",
            content = @Content(schema = @Schema(implementation = NotebookView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields or not an nbformat 4 document")
    @APIResponse(responseCode = "403", description = "Not an editor")
    public Uni<Response> create(@Valid @NotNull NotebookRequest request, UriInfo uri) {
        caller.require(Role.EDITOR, "Creating a notebook");
        Map<String, Object> content = request.content() == null ? NbFormat.empty() : request.content();
        NbFormat.check(content);
        OffsetDateTime now = DbTime.now();
        Notebook notebook = new Notebook();
        notebook.name = request.name();
        notebook.description = request.description();
        notebook.project = request.project();
        notebook.ownerId = caller.subject();
        notebook.content = content;
        notebook.currentVersion = 1;
        notebook.createdAt = now;
        notebook.updatedAt = now;
        return notebook.<Notebook>persistAndFlush().flatMap(saved -> {
            NotebookVersion first = new NotebookVersion();
            first.notebookId = saved.id;
            first.version = 1;
            first.content = content;
            first.createdBy = saved.ownerId;
            first.createdAt = now;
            return first.persist().map(v -> Response
                    .created(uri.getAbsolutePathBuilder().path(saved.id.toString()).build())
                    .entity(NotebookView.full(saved)).build());
        });
    }

    @GET
    @WithSession
    @Operation(summary = "List the notebooks the caller can see", description = "Newest last; documents left out.")
    @APIResponse(responseCode = "200", description = "One page of notebooks")
    @APIResponse(responseCode = "400", description = "Bad paging")
    public Uni<Page<NotebookView>> list(@QueryParam("project") String project,
            @QueryParam("page_size") Integer pageSize, @QueryParam("page_token") String pageToken) {
        PageRequest page = PageRequest.of(pageSize, pageToken);
        HqlFilter filter = new HqlFilter().and(VISIBLE, visibility()).equal("project", project);
        if (page.cursor() != null) {
            Cursor cursor = Cursor.parse(page.cursor());
            filter.and("createdAt > :at or (createdAt = :at and id > :id)",
                    Map.of("at", cursor.createdAt(), "id", cursor.id()));
        }
        return Notebook.<Notebook>find(filter.where() + " order by createdAt, id", filter.params())
                .range(0, page.fetchSize() - 1).list()
                .map(rows -> Page.fromOverfetch(rows, page, n -> Cursor.of(n).toString())
                        .map(NotebookView::summary));
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "Get a notebook with its current document")
    @APIResponse(responseCode = "200", description = "The notebook",
            content = @Content(schema = @Schema(implementation = NotebookView.class)))
    @APIResponse(responseCode = "404", description = "No such notebook, or not visible to the caller")
    public Uni<NotebookView> get(@PathParam("id") UUID id) {
        Map<String, Object> params = visibility();
        params.put("notebook", id);
        return Notebook.<Notebook>find("id = :notebook and " + VISIBLE, params).firstResult()
                .map(notebook -> {
                    if (notebook == null) {
                        throw ProblemException.notFound("Notebook", id);
                    }
                    return NotebookView.full(notebook);
                });
    }

    private Map<String, Object> visibility() {
        Map<String, Object> params = new HashMap<>();
        params.put("caller", caller.subject());
        params.put("admin", caller.hasRole(Role.ADMIN));
        return params;
    }

    /** The keyset position of a notebook in the list order: creation time, then id. */
    private record Cursor(OffsetDateTime createdAt, UUID id) {

        static Cursor of(Notebook notebook) {
            return new Cursor(notebook.createdAt, notebook.id);
        }

        static Cursor parse(String text) {
            try {
                int split = text.lastIndexOf('|');
                return new Cursor(OffsetDateTime.parse(text.substring(0, split)),
                        UUID.fromString(text.substring(split + 1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("page_token", "is not a token this list returned");
            }
        }

        @Override
        public String toString() {
            return createdAt + "|" + id;
        }
    }
}
