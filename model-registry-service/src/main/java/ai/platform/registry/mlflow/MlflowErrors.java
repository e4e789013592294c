package ai.platform.registry.mlflow;

import ai.platform.support.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * MLflow clients read a failure as {@code {"error_code", "message"}}, not as a problem document. Every problem
 * answered on an MLflow path is rewritten to that shape here, whichever layer raised it (JSON parsing, bean
 * validation, the role checks, the repositories the adapter shares with the platform API): the adapter throws the
 * platform's own exceptions and keeps one set of rules.
 */
public class MlflowErrors {

    /** Where the MLflow REST API is served. */
    public static final String PREFIX = "/api/2.0/mlflow";

    @ServerResponseFilter
    public void rewrite(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem && request.getUriInfo().getPath().startsWith(PREFIX)) {
            ErrorCode code = ErrorCode.of(problem);
            response.setStatus(code.status(problem));
            response.setEntity(Map.of("error_code", code.name(), "message", message(problem)), new Annotation[0],
                    MediaType.APPLICATION_JSON_TYPE);
        }
    }

    /** The detail, with each invalid field named, as MLflow's own messages name the parameter. */
    private static String message(Problem problem) {
        if (problem.errors() == null || problem.errors().isEmpty()) {
            return problem.detail();
        }
        return problem.detail() + ": " + problem.errors().stream()
                .map(error -> "'" + error.field() + "' " + error.message())
                .collect(Collectors.joining("; "));
    }
}
