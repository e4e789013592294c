package ai.platform.featurestore.registry;

import ai.platform.support.persistence.DbTime;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Features of groups, with versions: adding a feature that exists with the same type returns it; with another
 * type it becomes the next version, and the older versions stay readable. Call within a Panache session.
 */
@ApplicationScoped
public class FeatureCatalog {

    /** The feature as stored now, and whether this call created it. */
    public record Added(Feature feature, boolean created) {
    }

    public Uni<Added> add(UUID groupId, FeatureRequest request) {
        return Feature.<Feature>find("featureGroupId = ?1 and name = ?2 order by version desc", groupId,
                        request.name())
                .firstResult()
                .flatMap(latest -> {
                    if (latest != null && Dtype.of(latest.dtype) == request.dtype()) {
                        return Uni.createFrom().item(new Added(latest, false));
                    }
                    Feature feature = new Feature();
                    feature.featureGroupId = groupId;
                    feature.name = request.name();
                    feature.dtype = request.dtype().toString();
                    feature.description = request.description();
                    feature.version = latest == null ? 1 : latest.version + 1;
                    feature.createdAt = DbTime.now();
                    return feature.<Feature>persist().map(saved -> new Added(saved, true));
                });
    }

    /** The newest version of each feature of the group, by name. */
    public Uni<Map<String, Feature>> latest(UUID groupId) {
        return Feature.<Feature>list("featureGroupId = ?1 order by name, version desc", groupId).map(all -> {
            Map<String, Feature> latest = new LinkedHashMap<>();
            all.forEach(feature -> latest.putIfAbsent(feature.name, feature));
            return latest;
        });
    }

    public Uni<List<Feature>> allVersions(UUID groupId) {
        return Feature.<Feature>list("featureGroupId = ?1", groupId).map(all -> all.stream()
                .sorted(Comparator.comparing((Feature f) -> f.name).thenComparingInt(f -> f.version)).toList());
    }

    public static ProblemException racingVersions(String name) {
        return ProblemException.conflict("Feature '" + name + "' was changed at the same time; retry");
    }
}
