package ai.platform.featurestore.registry;

import ai.platform.featurestore.views.FeatureViews;
import ai.platform.support.problem.Problem;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The features a serving or training request asks for: either listed as {@code group:feature}, or a feature view's
 * (by name, its newest version unless one is given). Every feature is checked to exist; the groups' schemas come
 * from {@link GroupSchemas}' cache.
 */
@ApplicationScoped
public class FeatureSelection {

    /** A requested feature: its label in answers ({@code group:feature}), its group and its name. */
    public record Ref(String label, String group, String feature) {
    }

    /** The features in the order asked, and their groups by name in order of first appearance. */
    public record Selected(List<Ref> refs, Map<String, GroupSchema> groups) {

        public List<String> labels() {
            return refs.stream().map(Ref::label).toList();
        }

        /**
         * Checks that an entity names every key of every selected group (a string or an integer), adding an error
         * for each missing or mistyped key under {@code at} (such as {@code entities[3]}).
         */
        public void checkKeys(Map<String, Object> entity, String at, List<Problem.FieldError> errors) {
            for (GroupSchema group : groups.values()) {
                for (String key : group.entityKeys()) {
                    Object value = entity.get(key);
                    if (!(value instanceof String || value instanceof Integer || value instanceof Long)) {
                        errors.add(new Problem.FieldError(at + "." + key,
                                "must be a string or an integer (a key of " + group.name() + ")"));
                    }
                }
            }
        }

        /** The requested features of one group. */
        public List<Ref> of(GroupSchema group) {
            return refs.stream().filter(ref -> ref.group().equals(group.name())).toList();
        }
    }

    private final GroupSchemas groups;
    private final FeatureViews views;

    public FeatureSelection(GroupSchemas groups, FeatureViews views) {
        this.groups = groups;
        this.views = views;
    }

    public Uni<Selected> resolve(List<String> features, String view, Integer viewVersion) {
        boolean listed = features != null && !features.isEmpty();
        if (listed == (view != null)) {
            throw ProblemException.invalidField("features", "name the features (group:feature) or a feature_view,"
                    + " one of the two");
        }
        if (!listed) {
            return views.get(view, viewVersion).flatMap(found -> resolve(found.features(), "feature_view"));
        }
        return resolve(features, "features");
    }

    /** Checks the labels and finds their groups; {@code field} names them in errors. */
    public Uni<Selected> resolve(List<String> labels, String field) {
        List<Ref> refs = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            int split = label == null ? -1 : label.indexOf(':');
            if (split < 1 || split == label.length() - 1) {
                throw ProblemException.invalidField(field + "[" + i + "]", "must be group:feature");
            }
            refs.add(new Ref(label, label.substring(0, split), label.substring(split + 1)));
        }
        List<String> names = refs.stream().map(Ref::group).distinct().toList();
        return Multi.createFrom().iterable(names).onItem().transformToUniAndConcatenate(groups::get)
                .collect().asList()
                .map(schemas -> {
                    Map<String, GroupSchema> byName = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        byName.put(names.get(i), schemas.get(i));
                    }
                    List<Problem.FieldError> errors = new ArrayList<>();
                    Set<String> seen = new HashSet<>();
                    for (int i = 0; i < refs.size(); i++) {
                        Ref ref = refs.get(i);
                        if (!seen.add(ref.label())) {
                            errors.add(new Problem.FieldError(field + "[" + i + "]", "repeats " + ref.label()));
                        }
                        if (!byName.get(ref.group()).features().containsKey(ref.feature())) {
                            errors.add(new Problem.FieldError(field + "[" + i + "]", "group " + ref.group()
                                    + " has no feature " + ref.feature()));
                        }
                    }
                    if (!errors.isEmpty()) {
                        throw ProblemException.invalid(errors);
                    }
                    return new Selected(refs, byName);
                });
    }
}
