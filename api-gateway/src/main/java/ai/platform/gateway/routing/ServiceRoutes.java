package ai.platform.gateway.routing;

import ai.platform.gateway.GatewayConfig;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The routing table: which service owns a request path. The longest matching prefix wins. */
@Singleton
public class ServiceRoutes {

    private final List<Upstream> upstreams;
    /** (prefix, upstream) pairs, longest prefix first, so {@code /api/v2/models/x} is never caught by a shorter one. */
    private final List<Map.Entry<String, Upstream>> byPrefix;

    public ServiceRoutes(GatewayConfig config) {
        this.upstreams = config.services().entrySet().stream()
                .map(e -> new Upstream(e.getKey(), e.getValue().url(), e.getValue().prefixes(), e.getValue().timeout()))
                .sorted(Comparator.comparing(Upstream::name))
                .toList();
        this.byPrefix = upstreams.stream()
                .flatMap(u -> u.prefixes().stream().map(p -> Map.entry(stripTrailingSlash(p), u)))
                .sorted(Comparator.comparing((Map.Entry<String, Upstream> e) -> e.getKey().length()).reversed())
                .toList();
    }

    public Optional<Upstream> route(String path) {
        for (Map.Entry<String, Upstream> entry : byPrefix) {
            if (entry.getValue().owns(path, entry.getKey())) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    public List<Upstream> upstreams() {
        return upstreams;
    }

    private static String stripTrailingSlash(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
