package ai.platform.gateway.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes the refusals the gateway makes itself (401, 404, 429, 502, 503, 504): RFC 9457 problem documents, except
 * on the MLflow-compatible paths, whose clients read MLflow's error shape ({@code error_code}, {@code message}) to
 * decide what failed and whether to retry, as the model registry answers there.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:ai-platform:problem:";
    private static final String MLFLOW_PATHS = "/api/2.0/mlflow/";

    private Problems() {
    }

    public static void send(RoutingContext rc, int status, String kind, String title, String detail) {
        HttpServerResponse response = rc.response();
        if (response.headWritten()) {
            // The service already began its answer: all that can be done is to cut the connection.
            response.reset();
            return;
        }
        response.setStatusCode(status);
        if (rc.request().path().startsWith(MLFLOW_PATHS)) {
            response.putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("error_code", mlflowErrorCode(status))
                    .put("message", detail)
                    .toBuffer());
            return;
        }
        JsonObject body = new JsonObject()
                .put("type", TYPE_PREFIX + kind)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", rc.request().path());
        response.putHeader("Content-Type", MEDIA_TYPE).end(body.toBuffer());
    }

    /** MLflow's codes (its databricks ErrorCode enum) for the gateway's refusals. */
    private static String mlflowErrorCode(int status) {
        return switch (status) {
            case 401 -> "UNAUTHENTICATED";
            case 404 -> "ENDPOINT_NOT_FOUND";
            case 429 -> "REQUEST_LIMIT_EXCEEDED";
            case 503, 504 -> "TEMPORARILY_UNAVAILABLE";
            default -> "INTERNAL_ERROR";
        };
    }
}
