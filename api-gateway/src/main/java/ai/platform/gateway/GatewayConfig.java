package ai.platform.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Everything the gateway can be told: where the services are, how long to wait, how much to let through. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The services behind the gateway, by name ({@code feature-store}, {@code models}, ...). */
    Map<String, Service> services();

    /** How long to wait for a TCP connection to a service before answering 503. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Connections kept open to each service; the proxy reuses them (HTTP/1.1 keep-alive). */
    @WithDefault("200")
    int maxConnectionsPerService();

    RateLimit rateLimit();

    Catalog catalog();

    interface Service {

        /** Base URL of the service: a Kubernetes Service, a local port, a test server. */
        URI url();

        /** Path prefixes routed to this service; the path goes on unchanged. */
        List<String> prefixes();

        /** How long the service may stay silent (no response bytes) before the gateway answers 504. */
        @WithDefault("30s")
        Duration timeout();
    }

    /** A token bucket per identity ({@code sub}); each gateway replica keeps its own buckets. */
    interface RateLimit {

        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second for one identity. */
        @WithDefault("1000")
        long requestsPerSecond();

        /** Requests one identity may send at once above the sustained rate. */
        @WithDefault("2000")
        long burst();
    }

    /** The merged OpenAPI document and the status page. */
    interface Catalog {

        /** How often the services' OpenAPI documents are fetched again (a service that came back is seen then). */
        @WithDefault("15s")
        Duration refreshInterval();

        /** Timeout of one health, info or OpenAPI request to a service. */
        @WithDefault("2s")
        Duration probeTimeout();
    }
}
