package ai.platform.gateway.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes RFC 9457 problem documents for the refusals the gateway makes itself (401, 404, 429, 503, 504). */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:ai-platform:problem:";

    private Problems() {
    }

    public static void send(RoutingContext rc, int status, String kind, String title, String detail) {
        HttpServerResponse response = rc.response();
        if (response.headWritten()) {
            // The service already began its answer: all that can be done is to cut the connection.
            response.reset();
            return;
        }
        JsonObject body = new JsonObject()
                .put("type", TYPE_PREFIX + kind)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", rc.request().path());
        response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).end(body.toBuffer());
    }
}
