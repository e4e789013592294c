package ai.platform.gateway.routing;

import io.vertx.core.MultiMap;
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
        String connection = from.get("Connection");
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!ALWAYS.contains(name) && !skip.contains(name) && !namedIn(connection, name)) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }

    /** True when the {@code Connection} header lists {@code name} (a comma-separated, case-insensitive list). */
    private static boolean namedIn(String connection, String name) {
        if (connection == null) {
            return false;
        }
        for (String token : connection.split(",")) {
            if (token.trim().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
