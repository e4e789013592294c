package ai.platform.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** One service behind the gateway: its name, where it listens and which path prefixes belong to it. */
public record Upstream(String name, URI url, List<String> prefixes, Duration timeout) {

    public String host() {
        return url.getHost();
    }

    public int port() {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "https".equals(url.getScheme()) ? 443 : 80;
    }

    public boolean secure() {
        return "https".equals(url.getScheme());
    }

    /** True when {@code path} is the prefix or lies below it: {@code /api/v2/models/x}, not {@code /api/v2/modelsx}. */
    boolean owns(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
