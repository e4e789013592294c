package ai.platform.registry.webhooks;

import ai.platform.registry.RegistryConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where webhooks may send: not into the registry's own networks unless {@code registry.webhooks.allow-private-networks}
 * says so. A webhook POSTs to any URL an admin names, from inside the cluster: without this, a subscription could
 * reach the cloud's metadata service (169.254.169.254), the registry's own loopback, or in-cluster services that
 * trust their network. The host is checked at subscribe time and again at every send, where the connection is made
 * to the very address checked: a name that resolved to a public address at first and to a private one later (DNS
 * rebinding) is refused then, and cannot answer a second lookup differently.
 */
@ApplicationScoped
public class WebhookTargets {

    private final Vertx vertx;
    private final boolean allowPrivateNetworks;

    public WebhookTargets(io.vertx.mutiny.core.Vertx vertx, RegistryConfig config) {
        this.vertx = vertx.getDelegate();
        this.allowPrivateNetworks = config.webhooks().allowPrivateNetworks();
    }

    /** A URL refused: not http(s) with a host, or its host resolves to an address of a private network. */
    public static final class Refused extends RuntimeException {

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * At subscribe time: why the URL is refused, if it is. A host that does not resolve now is accepted, as its
     * name may not be published yet; every send checks it again.
     */
    public Future<Optional<String>> refusal(String url) {
        URI uri;
        try {
            uri = target(url);
        } catch (Refused e) {
            return Future.succeededFuture(Optional.of(e.getMessage()));
        }
        if (allowPrivateNetworks) {
            return Future.succeededFuture(Optional.empty());
        }
        return resolve(uri.getHost()).map(addresses -> Optional.ofNullable(privateAddress(uri.getHost(), addresses)))
                .recover(failure -> failure instanceof UnknownHostException
                        ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(failure));
    }

    /**
     * At send time: the request to {@code url}, bound to the address its host resolves to now, or failed with
     * {@link Refused} when that address is in a private network.
     */
    Future<RequestOptions> pin(String url, RequestOptions request) {
        URI uri;
        try {
            uri = target(url);
        } catch (Refused e) {
            return Future.failedFuture(e);
        }
        request.setAbsoluteURI(url);
        if (allowPrivateNetworks) {
            return Future.succeededFuture(request);
        }
        return resolve(uri.getHost()).compose(addresses -> {
            String refused = privateAddress(uri.getHost(), addresses);
            if (refused != null) {
                return Future.failedFuture(new Refused(refused));
            }
            // Host header and TLS name stay the URL's; only where to connect is fixed.
            return Future.succeededFuture(request.setServer(SocketAddress.inetSocketAddress(request.getPort(),
                    addresses[0].getHostAddress())));
        });
    }

    private static URI target(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new Refused("must name a host");
        }
        return uri;
    }

    /** Lookups block: they run on a worker thread, never on an event loop. */
    private Future<InetAddress[]> resolve(String host) {
        return vertx.executeBlocking(() -> InetAddress.getAllByName(host), false);
    }

    /** Why the host is refused, when one of its addresses is private (any of them could be the one used). */
    private static String privateAddress(String host, InetAddress[] addresses) {
        return Arrays.stream(addresses).filter(WebhookTargets::isPrivate).findFirst()
                .map(address -> "must not reach a private network: " + host + " resolves to "
                        + address.getHostAddress() + " (loopback, link-local, site-local and unique-local addresses "
                        + "are refused unless registry.webhooks.allow-private-networks is set)")
                .orElse(null);
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7, unique local (IPv6's private networks).
            return (bytes[0] & 0xfe) == 0xfc;
        }
        // 0.0.0.0/8 ("this network") and 100.64.0.0/10 (shared address space, used by some clusters' pod networks).
        return bytes[0] == 0 || (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
    }
}
