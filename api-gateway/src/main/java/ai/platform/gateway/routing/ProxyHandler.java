package ai.platform.gateway.routing;

import ai.platform.gateway.GatewayConfig;
import ai.platform.gateway.http.Problems;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.ProxyRequest;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Streams a request to the service that owns its path and the answer back, with vertx-http-proxy: method, path,
 * query, headers and body go on unchanged (bodies flow through with back-pressure, never held whole), hop-by-hop
 * headers are dropped and {@code X-Forwarded-*} are set so that the service builds links to the gateway.
 */
@Singleton
public class ProxyHandler implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(ProxyHandler.class);

    private final ServiceRoutes routes;
    private final HttpClient client;
    private final int connectTimeoutMillis;

    public ProxyHandler(ServiceRoutes routes, GatewayConfig config, Vertx vertx) {
        this.routes = routes;
        this.connectTimeoutMillis = (int) config.connectTimeout().toMillis();
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setDecompressionSupported(false),
                new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerService()));
    }

    @Override
    public void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        Optional<Upstream> target = routes.route(request.path());
        if (target.isEmpty()) {
            Problems.send(rc, 404, "not-found", "Not Found", "No service serves " + request.path());
            return;
        }
        Upstream upstream = target.get();
        // Hold the body until the service connection is there: nothing may be read and dropped meanwhile.
        request.pause();
        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
        ForwardedHeaders.apply(request, proxyRequest.headers());
        RequestOptions options = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(upstream.port(), upstream.host()))
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.secure())
                .setConnectTimeout(connectTimeoutMillis)
                .setIdleTimeout(upstream.timeout().toMillis());
        client.request(options)
                .compose(proxyRequest::send)
                .compose(proxyResponse -> proxyResponse.send())
                .onFailure(failure -> {
                    proxyRequest.release();
                    answerFailure(rc, upstream, failure);
                });
    }

    private static void answerFailure(RoutingContext rc, Upstream upstream, Throwable failure) {
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")
                && !(failure instanceof ConnectTimeoutException)) {
            LOG.warnf("%s did not answer within %s: %s", upstream.name(), upstream.timeout(), failure.getMessage());
            Problems.send(rc, 504, "upstream-timeout", "Gateway Timeout",
                    "The " + upstream.name() + " service did not answer within " + upstream.timeout().toMillis()
                            + " ms");
        } else if (failure instanceof ConnectException || failure instanceof ConnectTimeoutException
                || failure instanceof UnknownHostException) {
            LOG.warnf("%s is unreachable: %s", upstream.name(), failure.getMessage());
            Problems.send(rc, 503, "upstream-unavailable", "Service Unavailable",
                    "The " + upstream.name() + " service is unreachable; try again shortly");
        } else {
            LOG.warnf("Proxying to %s failed: %s", upstream.name(), failure.toString());
            Problems.send(rc, 502, "upstream-failure", "Bad Gateway",
                    "The " + upstream.name() + " service closed the exchange before it completed");
        }
    }
}
