package ai.platform.registry.mlflow;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tag as MLflow sends and shows it: {@code {"key", "value"}} in a list, where the platform keeps a map. */
@Schema(name = "MlflowTag")
public record MlflowTag(@NotBlank @Size(max = 250) String key, @NotNull @Size(max = 5000) String value) {

    /** The list MLflow shows, sorted by key. */
    static List<MlflowTag> list(Map<String, Object> tags) {
        List<MlflowTag> list = new ArrayList<>();
        new TreeMap<>(tags).forEach((key, value) -> list.add(new MlflowTag(key, String.valueOf(value))));
        return list;
    }

    /** The map the platform stores; of repeated keys the last wins, as MLflow's set-tag would leave it. */
    static Map<String, String> map(List<MlflowTag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(tag -> map.put(tag.key(), tag.value()));
        }
        return map;
    }
}
