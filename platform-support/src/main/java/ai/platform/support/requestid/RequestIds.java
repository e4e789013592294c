package ai.platform.support.requestid;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Keeps the {@code X-Request-Id} the gateway (or client) sent, or makes one, puts it in every log line of the
 * request ({@code %X{request_id}}) and returns it. Registered on the HTTP layer so that it also covers requests
 * refused before any resource runs (401, 404, 413).
 */
@Singleton
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    /** Ids are echoed into logs and headers: accept only a bounded, printable form. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String id = rc.request().getHeader(HEADER);
            if (id == null || !ACCEPTABLE.matcher(id).matches()) {
                id = UUID.randomUUID().toString();
                rc.request().headers().set(HEADER, id);
            }
            MDC.put(MDC_KEY, id);
            rc.response().putHeader(HEADER, id);
            rc.next();
        }, 1000);
    }
}
