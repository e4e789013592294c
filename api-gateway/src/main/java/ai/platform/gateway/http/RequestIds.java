package ai.platform.gateway.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/** Keeps the client's {@code X-Request-Id} (if it is a sane one) or makes one; the services log it too. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");

    private RequestIds() {
    }

    public static void assign(RoutingContext rc) {
        String id = rc.request().getHeader(HEADER);
        if (id == null || !ACCEPTABLE.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
            rc.request().headers().set(HEADER, id);
        }
        MDC.put("request_id", id);
        String requestId = id;
        // Set as the response goes out, replacing the copy a service sends back, so it appears once.
        rc.addHeadersEndHandler(v -> rc.response().headers().set(HEADER, requestId));
        rc.next();
    }
}
