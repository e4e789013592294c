package ai.platform.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document, the body of every error response of the platform.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title a short summary of the kind of problem, the same for every occurrence
 * @param status the HTTP status code
 * @param detail what went wrong this time, for a person to read
 * @param instance the request path the problem occurred on
 * @param errors for invalid input, one entry per offending field
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Prefix of the platform's own problem types; the suffix names the kind ({@code validation}, ...). */
    public static final String TYPE_PREFIX = "urn:ai-platform:problem:";

    /** One invalid field: its JSON path in the request (or the query parameter's name) and what is wrong. */
    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {
    }

    public static Problem of(Response.StatusType status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null, null);
    }

    public Problem withType(String kind) {
        return new Problem(TYPE_PREFIX + kind, title, status, detail, instance, errors);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
