package ai.platform.registry.resolution;

import ai.platform.registry.RegistryConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * LISTENs, on a connection of its own, to the notifications of model changes that every replica's writes send
 * ({@code V9__resolution_notifications.sql}), and drops the changed model's answers from {@link Resolutions}; all of
 * them when the notification names no model ({@link #EVERY_MODEL}, after a {@code TRUNCATE}). The connection is made
 * with the datasource's own options ({@link DatasourceOptions}).
 *
 * <p>Notifications sent while the connection is down are lost, so the cache is bypassed from the moment it drops
 * until LISTEN runs again on a new one; reconnection is retried with backoff (100 ms doubling up to 5 s) for as long
 * as the service runs. The pool's connections cannot be used: one LISTENing must stay open and out of the pool.
 */
@Singleton
public class ChangeListener {

    /** The channel the triggers notify: one database may hold several services' schemas. */
    public static final String CHANNEL = "model_registry_changes";
    /** How the connection shows in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "model-registry-service changes";
    /**
     * The payload telling that every model changed ({@code V10__truncate_notifications.sql}): no model is called
     * that.
     */
    public static final String EVERY_MODEL = "";

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long LAST_RETRY_MILLIS = 5_000;

    private final Vertx vertx;
    private final Resolutions resolutions;
    private final boolean enabled;
    private final DatasourceOptions datasource;
    private volatile PgConnectOptions options;
    private volatile boolean stopped;
    private volatile PgConnection connection;

    public ChangeListener(Vertx vertx, Resolutions resolutions, RegistryConfig config, MeterRegistry metrics,
            DatasourceOptions datasource) {
        this.vertx = vertx;
        this.resolutions = resolutions;
        this.enabled = config.resolutionCache().enabled();
        this.datasource = datasource;
        Gauge.builder("registry.resolution_cache.listening", resolutions, cache -> cache.isListening() ? 1 : 0)
                .description("1 while this replica receives change notifications and so answers resolutions from"
                        + " its cache; 0 while every resolution queries PostgreSQL")
                .register(metrics);
    }

    /** After the startup beans (of the default priority), the datasource's pool among them: its options exist. */
    void start(@Observes @Priority(ObserverMethod.DEFAULT_PRIORITY + 1) StartupEvent started) {
        if (enabled) {
            // The datasource's own server, as the pool reaches it (TLS, credentials ...), told apart in
            // pg_stat_activity.
            PgConnectOptions listening = datasource.copyOfFirst();
            listening.addProperty("application_name", APPLICATION_NAME);
            // An idle LISTEN connection whose peer vanished (a dropped network path) is otherwise noticed only when
            // the kernel gives up sending: keepalive probes find it, and the cache is bypassed from then on.
            listening.setTcpKeepAlive(true);
            options = listening;
            connect(0);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        PgConnection open = connection;
        if (open != null) {
            open.close();
        }
    }

    private void connect(int failures) {
        PgConnection.connect(vertx, options).onComplete(connected -> {
            if (connected.failed()) {
                retry(failures, connected.cause());
                return;
            }
            PgConnection listener = connected.result();
            // Published before reading `stopped` (both volatile): either stop() sees this connection and closes it,
            // or this sees that the service is shutting down.
            connection = listener;
            if (stopped) {
                listener.close();
                return;
            }
            // Why the connection went; its close handler, next, is what reacts.
            listener.exceptionHandler(failure -> LOG.warnf("The connection listening to %s failed: %s", CHANNEL,
                    failure.getMessage()));
            listener.notificationHandler(notification -> changed(notification.getPayload()));
            listener.query("LISTEN " + CHANNEL).execute().onComplete(listened -> {
                if (stopped) {
                    listener.close();
                    return;
                }
                if (listened.failed()) {
                    connection = null;
                    listener.close();
                    retry(failures, listened.cause());
                    return;
                }
                // Set only now, so that a failed LISTEN is retried once, above, and not also by this handler.
                listener.closeHandler(closed -> lost());
                resolutions.listening();
                if (failures > 0) {
                    LOG.infof("Listening to %s again: resolutions are cached again", CHANNEL);
                }
            });
        });
    }

    private void changed(String model) {
        if (EVERY_MODEL.equals(model)) {
            resolutions.invalidateAll();
        } else {
            resolutions.invalidate(model);
        }
    }

    private void lost() {
        connection = null;
        resolutions.notListening();
        if (!stopped) {
            LOG.warnf("The connection listening to %s was lost: resolutions query PostgreSQL until it is back",
                    CHANNEL);
            retry(0, null);
        }
    }

    private void retry(int failures, Throwable cause) {
        if (stopped) {
            return;
        }
        if (cause != null) {
            LOG.warnf("Cannot listen to %s (attempt %d): %s", CHANNEL, failures + 1, cause.getMessage());
        }
        long delay = Math.min(LAST_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(failures, 16));
        vertx.setTimer(delay, timer -> {
            if (!stopped) {
                connect(failures + 1);
            }
        });
    }
}
