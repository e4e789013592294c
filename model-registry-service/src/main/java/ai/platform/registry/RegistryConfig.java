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

    interface Storage {

        /** The directory (a Kubernetes volume in a cluster) holding the versions' files. */
        @WithDefault(".local/artifacts")
        String root();
    }
}
