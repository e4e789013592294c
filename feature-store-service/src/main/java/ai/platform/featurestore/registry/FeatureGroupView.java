package ai.platform.featurestore.registry;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A feature group as the API shows it. */
@Schema(name = "FeatureGroup")
public record FeatureGroupView(UUID id, String name, String description, String ownerId, String sourceType,
        String sourceUri, List<String> entityKeys, boolean online, Long ttlSeconds, Map<String, Object> tags,
        List<FeatureInfo> features, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** Without features (lists). */
    static FeatureGroupView of(FeatureGroup group) {
        return of(group, null);
    }

    static FeatureGroupView of(FeatureGroup group, List<FeatureInfo> features) {
        return new FeatureGroupView(group.id, group.name, group.description, group.ownerId, group.sourceType,
                group.sourceUri, group.entityKeys == null ? List.of() : List.of(group.entityKeys), group.online,
                group.ttlSeconds, group.tags == null ? Map.of() : group.tags, features, group.createdAt,
                group.updatedAt);
    }
}
