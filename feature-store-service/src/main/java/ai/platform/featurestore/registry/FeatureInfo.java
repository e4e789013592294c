package ai.platform.featurestore.registry;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A feature as the API shows it. */
@Schema(name = "Feature")
public record FeatureInfo(String name, Dtype dtype, String description, int version, OffsetDateTime createdAt) {

    static FeatureInfo of(Feature feature) {
        return new FeatureInfo(feature.name, Dtype.of(feature.dtype), feature.description, feature.version,
                feature.createdAt);
    }
}
