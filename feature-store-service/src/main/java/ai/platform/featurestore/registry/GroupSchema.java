package ai.platform.featurestore.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What ingestion and serving need to know of a group: its id, entity keys, online flag, ttl and the type of each
 * feature (newest version).
 */
public record GroupSchema(UUID id, String name, List<String> entityKeys, boolean online, Duration ttl,
        Map<String, Dtype> features) {
}
