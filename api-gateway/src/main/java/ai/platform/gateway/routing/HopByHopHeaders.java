package ai.platform.gateway.routing;

import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Copies headers across the proxy without the hop-by-hop ones (RFC 9110 section 7.6.1): those of the fixed list and
 * any that the message's own {@code Connection} header names. Each hop frames its own message, so the length and
 * transfer coding are set by the side that writes it, never copied.
 */
final class HopByHopHeaders {

    private static final Set<String> ALWAYS = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    private HopByHopHeaders() {
    }

    /** Copies {@code from} into {@code to}, leaving out hop-by-hop headers and those in {@code skip} (lower case). */
    static void copy(MultiMap from, MultiMap to, Set<String> skip) {
        Set<String> named = namedInConnection(from.get("Connection"));
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!ALWAYS.contains(name) && !skip.contains(name) && !named.contains(name)) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }

    /** The header names a {@code Connection} header lists (comma-separated, case-insensitive), in lower case. */
    private static Set<String> namedInConnection(String connection) {
        if (connection == null) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String token : connection.split(",")) {
            names.add(token.trim().toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
