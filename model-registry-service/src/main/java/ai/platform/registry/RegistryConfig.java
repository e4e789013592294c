package ai.platform.registry;

import ai.platform.support.identity.Role;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Model registry settings. */
@ConfigMapping(prefix = "registry")
public interface RegistryConfig {

    /** The role a caller needs to move a version into Production (or out of it). */
    @WithDefault("admin")
    Role productionRole();

    Storage storage();

    Lineage lineage();

    Webhooks webhooks();

    ResolutionCache resolutionCache();

    /**
     * The cache of alias and latest-version answers ({@code resolution/}), kept right on every replica by
     * PostgreSQL notifications sent in the transaction of each change.
     */
    interface ResolutionCache {

        /** Whether answers are cached at all; without the cache every resolution queries PostgreSQL. */
        @WithDefault("true")
        boolean enabled();

        /**
         * The longest an answer is served from the cache. Changes reach every replica within milliseconds through
         * notifications, so this is only a safety net: it bounds how long a notification that never arrived (a
         * connection that died without anyone noticing) can leave an answer stale.
         */
        @WithDefault("60s")
        java.time.Duration ttl();

        /** Models whose answers are kept at once; the least used are dropped first. */
        @WithDefault("10000")
        long maximumModels();
    }

    /** Delivery of webhook events (outbox relay). */
    interface Webhooks {

        /** Whether deliveries are sent at all; they are recorded either way. */
        @WithDefault("true")
        boolean enabled();

        /** How often the relay looks for deliveries to send. */
        @WithDefault("1s")
        java.time.Duration interval();

        /** Deliveries claimed at once (sent concurrently). */
        @WithDefault("20")
        int batchSize();

        /**
         * Attempts before a delivery is given up on. With the defaults the waits between them are 1 s, 2 s, ... 2048 s,
         * then 1 h seven times: about 8 hours from the first attempt to the last.
         */
        @WithDefault("20")
        int maxAttempts();

        /** The longest wait between two attempts; waits double from one second up to it. */
        @WithDefault("1h")
        java.time.Duration maxBackoff();

        /** How long a receiver may take to connect, and to answer. */
        @WithDefault("10s")
        java.time.Duration timeout();

        /**
         * Whether webhook URLs may reach loopback, link-local (the cloud's metadata service), site-local and
         * unique-local addresses: the registry's own networks, inside the cluster. Off unless every admin who can
         * subscribe may reach them anyway (a local run, tests).
         */
        @WithDefault("false")
        boolean allowPrivateNetworks();
    }

    /** Delivery of the registry's lineage events (outbox relay). */
    interface Lineage {

        /** Whether events are delivered at all; they are recorded in the outbox either way. */
        @WithDefault("true")
        boolean enabled();

        /** The bearer token the registry sends to the lineage service (editor role). */
        java.util.Optional<String> token();

        /** How often the relay looks for events to deliver. */
        @WithDefault("2s")
        java.time.Duration interval();

        /** Events sent in one request. */
        @WithDefault("100")
        int batchSize();
    }

    interface Storage {

        /** The directory (a Kubernetes volume in a cluster) holding the versions' files. */
        @WithDefault(".local/artifacts")
        String root();
    }
}
