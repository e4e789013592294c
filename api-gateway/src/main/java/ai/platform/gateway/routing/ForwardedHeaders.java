package ai.platform.gateway.routing;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/** The {@code X-Forwarded-*} headers that let a service see the client's view of the request. */
final class ForwardedHeaders {

    private ForwardedHeaders() {
    }

    static void apply(HttpServerRequest request, MultiMap headers) {
        String host = request.authority() != null ? request.authority().toString() : request.getHeader("Host");
        if (host != null && !headers.contains("X-Forwarded-Host")) {
            headers.set("X-Forwarded-Host", host);
        }
        if (!headers.contains("X-Forwarded-Proto")) {
            headers.set("X-Forwarded-Proto", request.scheme());
        }
        if (request.authority() != null && request.authority().port() > 0 && !headers.contains("X-Forwarded-Port")) {
            headers.set("X-Forwarded-Port", Integer.toString(request.authority().port()));
        }
        String client = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        if (client != null) {
            String chain = headers.get("X-Forwarded-For");
            headers.set("X-Forwarded-For", chain == null ? client : chain + ", " + client);
        }
    }
}
