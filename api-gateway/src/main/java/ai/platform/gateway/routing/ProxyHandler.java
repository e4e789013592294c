package ai.platform.gateway.routing;

import ai.platform.gateway.GatewayConfig;
import ai.platform.gateway.http.Problems;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DateFormatter;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Streams a request to the service that owns its path and the answer back: method, path, query, headers and body go
 * on unchanged (bodies flow through with back-pressure, never held whole), hop-by-hop headers are dropped and
 * {@code X-Forwarded-*} are set so that the service builds links to the gateway.
 *
 * <p>Written on Vert.x's HTTP client rather than vertx-http-proxy, which it replaced: a CPU profile of the gateway
 * at saturation showed that library's per-request work (copying every header twice, formatting a date, parsing the
 * absolute URI) at 8% of the gateway's CPU, and that each answer left in two socket writes, head and body first,
 * then the end. An answer whose length the service announced and which is small ({@link #BUFFERED_BODY_LIMIT})
 * is now read whole and sent in one write; anything longer or of unknown length still streams.
 */
@Singleton
public class ProxyHandler implements Handler<RoutingContext> {

    /** Answers up to this size are gathered and sent in one write; larger ones stream. */
    public static final int BUFFERED_BODY_LIMIT = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(ProxyHandler.class);
    /**
     * The client's Host goes on as X-Forwarded-Host; the service is addressed by its own name. An
     * {@code Expect: 100-continue} is answered by the gateway itself, so it does not go on.
     */
    private static final Set<String> NOT_FORWARDED_REQUEST_HEADERS = Set.of("host", "expect");
    private static final Set<String> NOT_FORWARDED_RESPONSE_HEADERS = Set.of();

    private final ServiceRoutes routes;
    /**
     * A client per event loop, so that a request and the service connection it borrows share a thread. Vert.x's
     * client opens a connection on the loop of the request that needs one, but lends any idle connection to any
     * loop (the most recently used first): with one shared client, answers crossed between loops, a wake-up and a
     * task switch each way. Each loop's client keeps up to {@code max-connections-per-service} of its own.
     */
    private final ThreadLocal<HttpClient> clients;
    private final int connectTimeoutMillis;

    public ProxyHandler(ServiceRoutes routes, GatewayConfig config, Vertx vertx) {
        this.routes = routes;
        this.connectTimeoutMillis = (int) config.connectTimeout().toMillis();
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setDecompressionSupported(false);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerService());
        this.clients = ThreadLocal.withInitial(() -> vertx.createHttpClient(options, pool));
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
        RequestOptions options = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(upstream.port(), upstream.host()))
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.secure())
                .setMethod(request.method())
                .setURI(request.uri())
                .setConnectTimeout(connectTimeoutMillis)
                .setIdleTimeout(upstream.timeout().toMillis());
        clients.get().request(options).onComplete(connected -> {
            if (connected.failed()) {
                request.resume();
                answerFailure(rc, upstream, connected.cause());
                return;
            }
            forward(rc, upstream, connected.result());
        });
    }

    private void forward(RoutingContext rc, Upstream upstream, HttpClientRequest out) {
        HttpServerRequest in = rc.request();
        HopByHopHeaders.copy(in.headers(), out.headers(), NOT_FORWARDED_REQUEST_HEADERS);
        ForwardedHeaders.apply(in, out.headers());
        // The client going away cancels the service's work on its behalf.
        rc.response().exceptionHandler(failure -> out.reset(0, failure));
        out.response().onComplete(answered -> {
            if (answered.failed()) {
                answerFailure(rc, upstream, answered.cause());
            } else {
                answer(rc, upstream, answered.result());
            }
        });
        if ("100-continue".equalsIgnoreCase(in.getHeader("Expect"))) {
            // The token passed and the service is connected: the client may send its body now. Without this a
            // client that asks (curl does for bodies over 1 MB) waits a second for the go-ahead on every upload.
            in.response().writeContinue();
        }
        String length = in.getHeader("Content-Length");
        if (length != null) {
            out.putHeader("Content-Length", length);
        } else if (isChunked(in.getHeader("Transfer-Encoding"))) {
            out.setChunked(true);
        } else {
            // No body: the head leaves in one write, and the request's end is still read so the connection moves on.
            in.resume();
            out.end();
            return;
        }
        in.pipeTo(out).onFailure(failure -> out.reset(0, failure));
    }

    private void answer(RoutingContext rc, Upstream upstream, HttpClientResponse answer) {
        HttpServerResponse response = rc.response();
        response.setStatusCode(answer.statusCode());
        response.setStatusMessage(answer.statusMessage());
        HopByHopHeaders.copy(answer.headers(), response.headers(), NOT_FORWARDED_RESPONSE_HEADERS);
        if (!response.headers().contains("Date")) {
            // A proxy forwarding an answer without a date adds the time it received it (RFC 9110 section 6.6.1).
            response.putHeader("Date", HttpDate.now());
        }
        long length = contentLength(answer.getHeader("Content-Length"));
        boolean bodiless = rc.request().method() == HttpMethod.HEAD || answer.statusCode() == 204
                || answer.statusCode() == 304;
        if (!bodiless && length >= 0 && length <= BUFFERED_BODY_LIMIT) {
            answer.body().onComplete(body -> {
                if (body.succeeded()) {
                    response.end(body.result());
                } else {
                    failMidAnswer(rc, upstream, body.cause());
                }
            });
            return;
        }
        if (length < 0 && !bodiless) {
            response.setChunked(true); // Vert.x leaves an HTTP/1.0 answer unchunked, ended by closing
        }
        answer.pipeTo(response).onFailure(failure -> failMidAnswer(rc, upstream, failure));
    }

    /** The service failed after its answer began: a problem can still be sent if nothing went to the client. */
    private static void failMidAnswer(RoutingContext rc, Upstream upstream, Throwable failure) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        answerFailure(rc, upstream, failure);
    }

    private static boolean isChunked(String transferEncoding) {
        return transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
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

    /** The HTTP date of the current second, formatted once per second rather than once per answer. */
    static final class HttpDate {

        private record Stamp(long second, String text) {
        }

        private static volatile Stamp current = new Stamp(-1, "");

        private HttpDate() {
        }

        static String now() {
            long millis = System.currentTimeMillis();
            long second = millis / 1000;
            Stamp stamp = current;
            if (stamp.second() != second) {
                stamp = new Stamp(second, DateFormatter.format(new Date(second * 1000)));
                current = stamp;
            }
            return stamp.text();
        }
    }
}
