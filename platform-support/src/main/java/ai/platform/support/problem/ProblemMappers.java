package ai.platform.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a request into an RFC 9457 problem response: the client learns what it got wrong,
 * never a stack trace or a class name.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return e.problem().withInstance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.of(Status.BAD_REQUEST, "The request has invalid fields").withType("validation")
                .withErrors(errors).withInstance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated("A valid bearer token is required", uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated("The bearer token is invalid or expired", uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(Status.FORBIDDEN, "Your roles do not allow this operation").withType("forbidden")
                .withInstance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e instanceof InvalidParameter invalid) {
            return Problem.of(Status.BAD_REQUEST, "The request has invalid parameters").withType("validation")
                    .withErrors(List.of(new Problem.FieldError(invalid.field(), invalid.getMessage())))
                    .withInstance(uri.getPath()).toResponse();
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            // The JSON reader wraps what it could not parse; the client deserves to know what it was.
            return jsonProblem(json, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            LOG.error("Request failed", e);
        }
        String detail = switch (status.getStatusCode()) {
            case 404 -> "Nothing exists at " + uri.getPath();
            case 405 -> "This method is not allowed on " + uri.getPath();
            case 406 -> "None of the accepted media types can be produced";
            case 413 -> "The request body is too large";
            case 415 -> "This media type is not supported here";
            default -> status.getReasonPhrase();
        };
        return Problem.of(status, detail).withInstance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("Unexpected failure", e);
        return Problem.of(Status.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; the X-Request-Id header identifies it in the service's logs")
                .withInstance(uri.getPath()).toResponse();
    }

    private static Response unauthenticated(String detail, UriInfo uri) {
        return Response.fromResponse(Problem.of(Status.UNAUTHORIZED, detail).withType("unauthenticated")
                        .withInstance(uri.getPath()).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static Response jsonProblem(JsonProcessingException e, UriInfo uri) {
        Problem problem;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = JsonPaths.of(mapping.getPath());
            problem = Problem.of(Status.BAD_REQUEST, "The request body has fields of the wrong type or format")
                    .withType("validation")
                    .withErrors(List.of(new Problem.FieldError(field, expectation(mapping))));
        } else if (e instanceof MismatchedInputException mismatch) {
            problem = Problem.of(Status.BAD_REQUEST,
                    "The request body must be " + JsonTypes.describe(mismatch.getTargetType())).withType("malformed");
        } else {
            problem = Problem.of(Status.BAD_REQUEST, "The request body is not well-formed JSON (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")").withType("malformed");
        }
        return problem.withInstance(uri.getPath()).toResponse();
    }

    private static String expectation(JsonMappingException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String expected = "must be " + JsonTypes.describe(mismatch.getTargetType());
            if (e instanceof InvalidFormatException invalid && invalid.getValue() != null) {
                return expected + ", got '" + invalid.getValue() + "'";
            }
            return expected;
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException refused
                && refused.getMessage() != null) {
            // A type's own factory refused the value and said why (e.g. a dtype that does not exist).
            return refused.getMessage();
        }
        return "has an invalid value";
    }

    /** {@code create.request.entity_keys[0]} -> {@code entity_keys[0]}: the path as the client wrote it. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    && field.isEmpty() && isBodyParameter(violation)) {
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT && node.getName() != null
                    && node.getName().startsWith("<")) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(JsonPaths.snakeCase(node.getName()));
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /** A violation on a request body's own fields has a path below the parameter; a query parameter's does not. */
    private static boolean isBodyParameter(ConstraintViolation<?> violation) {
        int depth = 0;
        for (Path.Node ignored : violation.getPropertyPath()) {
            depth++;
        }
        return depth > 2;
    }
}
