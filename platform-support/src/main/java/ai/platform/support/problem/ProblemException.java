package ai.platform.support.problem;

import jakarta.ws.rs.core.Response.Status;
import java.util.List;

/**
 * Thrown by service code to end a request with a problem response. Carries no stack trace: it is an answer to
 * the client, not a fault of the service.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(Problem.of(Status.NOT_FOUND, what + " '" + id + "' does not exist")
                .withType("not-found"));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(Status.CONFLICT, detail).withType("conflict"));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(Status.BAD_REQUEST, detail).withType("bad-request"));
    }

    public static ProblemException invalidField(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(Status.BAD_REQUEST, "The request has invalid fields")
                .withType("validation").withErrors(errors));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(Status.FORBIDDEN, detail).withType("forbidden"));
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(Status.SERVICE_UNAVAILABLE, detail).withType("unavailable"));
    }
}
