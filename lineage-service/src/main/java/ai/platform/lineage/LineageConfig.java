package ai.platform.lineage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds of lineage queries, so that no single request can ask for the whole graph. */
@ConfigMapping(prefix = "lineage")
public interface LineageConfig {

    Query query();

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
