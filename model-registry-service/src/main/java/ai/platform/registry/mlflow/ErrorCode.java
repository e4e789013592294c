package ai.platform.registry.mlflow;

import ai.platform.registry.models.ModelRepository;
import ai.platform.support.problem.Problem;

/** The error codes of MLflow's REST API that this adapter answers with, and which problem each stands for. */
public enum ErrorCode {
    INVALID_PARAMETER_VALUE, BAD_REQUEST, RESOURCE_DOES_NOT_EXIST, RESOURCE_ALREADY_EXISTS, INVALID_STATE,
    UNAUTHENTICATED, PERMISSION_DENIED, ENDPOINT_NOT_FOUND, TEMPORARILY_UNAVAILABLE, INTERNAL_ERROR;

    /** By the problem's kind where it names one, else by its status. */
    static ErrorCode of(Problem problem) {
        String kind = problem.type() != null && problem.type().startsWith(Problem.TYPE_PREFIX)
                ? problem.type().substring(Problem.TYPE_PREFIX.length()) : "";
        return switch (kind) {
            case "validation", "bad-request" -> INVALID_PARAMETER_VALUE;
            case "not-found" -> RESOURCE_DOES_NOT_EXIST;
            case ModelRepository.ALREADY_EXISTS -> RESOURCE_ALREADY_EXISTS;
            case "conflict" -> INVALID_STATE;
            case "unauthenticated" -> UNAUTHENTICATED;
            case "forbidden" -> PERMISSION_DENIED;
            case "unavailable" -> TEMPORARILY_UNAVAILABLE;
            default -> switch (problem.status()) {
                case 401 -> UNAUTHENTICATED;
                case 403 -> PERMISSION_DENIED;
                case 404, 405 -> ENDPOINT_NOT_FOUND;
                case 409 -> INVALID_STATE;
                case 503 -> TEMPORARILY_UNAVAILABLE;
                default -> problem.status() < 500 ? BAD_REQUEST : INTERNAL_ERROR;
            };
        };
    }

    /**
     * The status sent with the code: the problem's own, except for a duplicate, which MLflow's server answers with
     * 400 rather than 409 (clients that look at the status as well as the code see what they would from MLflow).
     */
    int status(Problem problem) {
        return this == RESOURCE_ALREADY_EXISTS ? 400 : problem.status();
    }
}
