package ai.platform.support.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;

/** Field paths in the form the client sent them: {@code rows[3].values.age}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /** Bean-validation paths carry Java names; the API speaks snake_case. */
    static String snakeCase(String javaName) {
        if (javaName == null) {
            return "";
        }
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
