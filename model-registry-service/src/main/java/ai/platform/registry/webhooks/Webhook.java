package ai.platform.registry.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook as the API shows it. Its secret appears once, in the answer to its creation. */
@Schema(name = "Webhook")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Webhook(UUID id, String url, List<String> events, String modelName, String description,
        String createdBy, OffsetDateTime createdAt,
        @Schema(description = "Only in the answer to the creation: keep it to check signatures") String secret) {

    static final String COLUMNS = "id, url, events, model_name, description, created_by, created_at";

    static Webhook from(Row row) {
        return new Webhook(row.getUUID("id"), row.getString("url"), Arrays.asList(row.getArrayOfStrings("events")),
                row.getString("model_name"), row.getString("description"), row.getString("created_by"),
                row.getOffsetDateTime("created_at"), null);
    }

    Webhook withSecret(String shown) {
        return new Webhook(id, url, events, modelName, description, createdBy, createdAt, shown);
    }
}
