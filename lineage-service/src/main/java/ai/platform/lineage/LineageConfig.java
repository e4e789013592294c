package ai.platform.lineage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** Bounds of lineage queries, so that no single request can ask for the whole graph; how events are written. */
@ConfigMapping(prefix = "lineage")
public interface LineageConfig {

    Query query();

    OpenLineage openlineage();

    /**
     * Group commit of OpenLineage requests holding one event: they wait while earlier groups are being written
     * and are then written together, one batch for many requests, each answered once its own event is stored.
     */
    interface OpenLineage {

        /**
         * Groups written at once. While this many are in flight, new single events queue up and form the next
         * group; more at once means smaller groups and more serialization conflicts between them.
         */
        @WithDefault("2")
        @Min(1)
        int groupsInFlight();

        /** The most events in one group; a larger group holds its transaction (and its locks) longer. */
        @WithDefault("64")
        @Min(1)
        int groupMaxEvents();

        /** Requests that may wait for a group; beyond it a request is refused with 503, to retry later. */
        @WithDefault("2000")
        @Min(1)
        int queueCapacity();
    }

    interface Query {

        /** Depth when the caller gives none. */
        @WithDefault("3")
        int defaultDepth();

        /** The deepest walk a caller may ask for. */
        @WithDefault("25")
        int maxDepth();

        /** Nodes returned when the caller gives no limit; more makes the answer {@code truncated}. */
        @WithDefault("1000")
        int defaultNodeLimit();

        /** The largest node limit a caller may ask for. */
        @WithDefault("10000")
        int maxNodeLimit();
    }
}
