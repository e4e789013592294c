package ai.platform.registry.mlflow;

import ai.platform.registry.aliases.AliasRepository;
import ai.platform.registry.models.ModelView;
import ai.platform.registry.versioning.VersionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Registered models in MLflow's shape, with their latest versions and aliases: three queries for a whole page of
 * models, whatever its size, rather than two more per model.
 */
@ApplicationScoped
class MlflowViews {

    private final VersionRepository versions;
    private final AliasRepository aliases;

    MlflowViews(VersionRepository versions, AliasRepository aliases) {
        this.versions = versions;
        this.aliases = aliases;
    }

    Uni<MlflowRegisteredModel> model(ModelView model) {
        return models(List.of(model)).map(list -> list.get(0));
    }

    Uni<List<MlflowRegisteredModel>> models(List<ModelView> models) {
        if (models.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> names = models.stream().map(ModelView::name).toList();
        return versions.latestPerStage(names).flatMap(latest -> aliases.ofModels(names).map(aliasRows -> {
            Map<String, List<MlflowModelVersion>> latestByModel = new HashMap<>();
            latest.forEach(version -> latestByModel.computeIfAbsent(version.name(), k -> new ArrayList<>())
                    .add(MlflowModelVersion.of(version)));
            Map<String, List<MlflowRegisteredModel.Alias>> aliasesByModel = new HashMap<>();
            aliasRows.forEach(row -> aliasesByModel.computeIfAbsent(row.model(), k -> new ArrayList<>())
                    .add(new MlflowRegisteredModel.Alias(row.alias(), Integer.toString(row.version()))));
            return models.stream().map(model -> MlflowRegisteredModel.of(model,
                    latestByModel.getOrDefault(model.name(), List.of()),
                    aliasesByModel.getOrDefault(model.name(), List.of()))).toList();
        }));
    }
}
