package ai.platform.featurestore.registry;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A feature group as the API shows it. */
@Schema(name = "FeatureGroup")
public record FeatureGroupView(UUID id, String name, String description, String ownerId, String sourceType,
        String sourceUri, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static FeatureGroupView of(FeatureGroup group) {
        return new FeatureGroupView(group.id, group.name, group.description, group.ownerId, group.sourceType,
                group.sourceUri, group.createdAt, group.updatedAt);
    }
}
