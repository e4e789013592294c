package ai.platform.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends HTTP requests and reports latency percentiles and throughput.
 *
 * <pre>
 * java -cp 'target/loadgen.jar:target/lib/*' ai.platform.bench.LoadGenerator \
 *     --url URL [--method GET] [--body TEXT] [--header 'Name: value']... \
 *     [--paths FILE] [--connections 50] [--rate 0] [--duration 20] [--warmup 5] [--label name]
 *     [--timeline FILE]
 * </pre>
 *
 * <p>{@code --paths FILE}: each request takes a random line of the file as its path and query (the URL's own
 * path is then ignored), so that a run spreads over many resources. In {@code --body}, {@code {{uuid}}} becomes a
 * new random UUID and {@code {{int:N}}} a random number below N, per request ({@code {{int:N:W}}}: zero-padded to W digits, as
 * redis-benchmark's {@code __rand_int__} writes them, so a baseline and a run can read the same keys).
 *
 * {@code --timeline FILE}: also write each 100 ms's request count, mean and maximum latency (warm-up included)
 * as CSV with wall-clock times, to see when a run stalled.
 *
 * With {@code --rate 0} every connection sends its next request when the previous answer arrives (saturation).
 * With {@code --rate R} requests are started R times a second whatever the answers do, and each latency is
 * counted from when the request should have started, so a stall shows in the percentiles instead of silently
 * lowering the rate (coordinated omission).
 */
public final class LoadGenerator {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(?:int:(\\d+)(?::(\\d+))?|uuid)}}");

    private final Options options;
    private final Vertx vertx;
    private final HttpClient client;
    private final RequestOptions request;
    private final String bodyTemplate;
    private final List<String> paths;
    private final Recorder recorder = new Recorder(3);
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    /**
     * Fixed-rate requests due and not yet answered; more than the connections means they queue in this process.
     * (Saturation runs leave it at zero: their requests only go out when an answer came back.)
     */
    private final AtomicLong outstanding = new AtomicLong();
    private volatile boolean measuring;
    private volatile boolean running = true;
    /** Latency over time when {@code --timeline} asks for it, else null. */
    private final Timeline timeline;
    /** Starts the requests of a fixed-rate run; null in a saturation run. */
    private Thread pacer;

    private LoadGenerator(Options options) {
        this.options = options;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.threads));
        URI url = options.url;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(options.connections).setMaxWaitQueueSize(-1));
        this.request = new RequestOptions().setMethod(HttpMethod.valueOf(options.method))
                .setHost(url.getHost()).setPort(url.getPort())
                .setURI(url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
        options.headers.forEach(h -> request.addHeader(h[0], h[1]));
        this.bodyTemplate = options.body;
        this.paths = options.paths;
        this.timeline = options.timeline == null ? null
                : new Timeline(options.warmup.plus(options.duration).toSeconds() + 5);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        LoadGenerator generator = new LoadGenerator(options);
        try {
            generator.run();
        } finally {
            generator.vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private void run() throws InterruptedException, IOException {
        if (options.rate > 0) {
            startOpenLoop();
        } else {
            for (int i = 0; i < options.connections; i++) {
                sendClosedLoop();
            }
        }
        Thread.sleep(options.warmup.toMillis());
        long settleMillis = settle();
        recorder.reset();
        completed.set(0);
        errors.set(0);
        measuring = true;
        long started = System.nanoTime();
        Thread.sleep(options.duration.toMillis());
        measuring = false;
        long elapsed = System.nanoTime() - started;
        Histogram histogram = recorder.getIntervalHistogram();
        long done = completed.get();
        running = false;
        if (pacer != null) {
            pacer.join(); // it must not hand requests to an event loop that is closing
        }
        report(histogram, done, errors.get(), elapsed, settleMillis);
        if (timeline != null) {
            timeline.write(options.timeline);
        }
    }

    /** One connection's loop: the next request leaves when the previous answer is complete. */
    private void sendClosedLoop() {
        if (!running) {
            return;
        }
        long start = System.nanoTime();
        send(start, this::sendClosedLoop);
    }

    /**
     * Request k is due at origin + k / rate. A pacing thread sleeps until each one is due and hands it to the event
     * loop, so a request leaves within tens of microseconds of its time; its latency counts from that time.
     * (Before, a 1 ms timer sent request k only once k + 1 requests were due: every latency carried one whole
     * period of the rate, 5 ms at 200/s, on top of up to 1 ms of timer lateness.)
     */
    private void startOpenLoop() {
        Context loop = vertx.getOrCreateContext();
        long origin = System.nanoTime();
        double nanosPerRequest = 1e9 / options.rate;
        pacer = new Thread(() -> {
            for (long k = 0; ; k++) {
                long intended = origin + (long) (k * nanosPerRequest);
                for (long wait; (wait = intended - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait); // may return early: a request must not leave before its time
                }
                if (!running) {
                    return;
                }
                // Counted when due, not when the event loop gets to it: a queue of tasks is a backlog too.
                outstanding.incrementAndGet();
                loop.runOnContext(ignored -> send(intended, () -> { }));
            }
        }, "pacer");
        pacer.setDaemon(true);
        pacer.start();
    }

    /**
     * Waits, after the warm-up, until no request queues inside the load generator, at most 30 s; returns how long.
     * A fresh load generator JVM runs interpreted at first and, on two cores shared with the services, can fall a
     * second behind its schedule: packet captures showed the gateway answering every request it was sent within
     * milliseconds while this process sent 500 a second instead of 5,000. Measuring from that backlog counted the
     * load generator's own warm-up as the service's latency. Only this process's backlog is waited out: a service
     * that cannot keep up never lets it drain, and the report says how long the wait took.
     */
    private long settle() throws InterruptedException {
        long start = System.nanoTime();
        long limit = start + 30_000_000_000L;
        while (options.rate > 0 && outstanding.get() > options.connections && System.nanoTime() < limit) {
            Thread.sleep(10);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void send(long intendedStart, Runnable then) {
        RequestOptions options = paths.isEmpty() ? request
                : new RequestOptions(request).setURI(paths.get(ThreadLocalRandom.current().nextInt(paths.size())));
        client.request(options)
                .compose(req -> bodyTemplate == null ? req.send() : req.send(body()))
                // The answer's bytes are read and dropped, not gathered into one buffer: gathering a large answer
                // (a 460 KB batch read) cost the load generator CPU that the service shares on a small machine.
                .compose(response -> response.handler(bytes -> { }).end().map(done -> response.statusCode()))
                .onComplete(result -> {
                    if (this.options.rate > 0) {
                        outstanding.decrementAndGet();
                    }
                    if (timeline != null && result.succeeded()) {
                        timeline.record(intendedStart, (System.nanoTime() - intendedStart) / 1000);
                    }
                    if (measuring) {
                        if (result.succeeded() && result.result() < 400) {
                            recorder.recordValue(Math.max(1, (System.nanoTime() - intendedStart) / 1000));
                            completed.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                    then.run();
                });
    }

    private Buffer body() {
        if (!bodyTemplate.contains("{{")) {
            return Buffer.buffer(bodyTemplate);
        }
        StringBuilder out = new StringBuilder(bodyTemplate.length() + 64);
        Matcher placeholder = PLACEHOLDER.matcher(bodyTemplate);
        while (placeholder.find()) {
            String value = placeholder.group(1) != null
                    ? number(ThreadLocalRandom.current().nextInt(Integer.parseInt(placeholder.group(1))),
                            placeholder.group(2))
                    : new UUID(ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong())
                            .toString();
            placeholder.appendReplacement(out, value);
        }
        placeholder.appendTail(out);
        return Buffer.buffer(out.toString());
    }

    private static String number(int value, String width) {
        return width == null ? Integer.toString(value) : String.format("%0" + width + "d", value);
    }

    private void report(Histogram histogram, long done, long failed, long elapsedNanos, long settleMillis) {
        double seconds = elapsedNanos / 1e9;
        String line = String.format(Locale.ROOT,
                "{\"label\":\"%s\",\"mode\":\"%s\",\"connections\":%d,\"offered_rps\":%d,\"requests\":%d,"
                        + "\"errors\":%d,\"rps\":%.0f,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,"
                        + "\"p999_ms\":%.3f,\"max_ms\":%.3f,\"settle_ms\":%d}",
                options.label, options.rate > 0 ? "fixed-rate" : "saturation", options.connections, options.rate,
                done, failed, done / seconds, ms(histogram, 50), ms(histogram, 90), ms(histogram, 99),
                ms(histogram, 99.9), histogram.getMaxValue() / 1000.0, settleMillis);
        System.out.println(line);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The command line. */
    private static final class Options {
        URI url;
        String method = "GET";
        String body;
        List<String[]> headers = new ArrayList<>();
        List<String> paths = List.of();
        int connections = 50;
        int rate;
        int threads = 1;
        Duration duration = Duration.ofSeconds(20);
        Duration warmup = Duration.ofSeconds(5);
        String label = "run";
        Path timeline;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--url" -> o.url = URI.create(value);
                    case "--method" -> o.method = value;
                    case "--body" -> o.body = value;
                    case "--body-file" -> o.body = read(value);
                    case "--paths" -> o.paths = List.of(read(value).split("\\R"));
                    case "--header" -> o.headers.add(value.split(":\\s*", 2));
                    case "--connections" -> o.connections = Integer.parseInt(value);
                    case "--rate" -> o.rate = Integer.parseInt(value);
                    case "--threads" -> o.threads = Integer.parseInt(value);
                    case "--duration" -> o.duration = Duration.ofSeconds(Long.parseLong(value));
                    case "--warmup" -> o.warmup = Duration.ofSeconds(Long.parseLong(value));
                    case "--label" -> o.label = value;
                    case "--timeline" -> o.timeline = Path.of(value);
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]);
                }
            }
            if (o.url == null) {
                throw new IllegalArgumentException("--url is required");
            }
            return o;
        }

        private static String read(String file) {
            try {
                return Files.readString(Path.of(file)).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
