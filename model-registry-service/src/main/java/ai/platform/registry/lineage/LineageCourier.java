package ai.platform.registry.lineage;

import ai.platform.registry.RegistryConfig;
import ai.platform.registry.outbox.Courier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Sends {@code lineage_outbox} to the lineage service, a batch of events per request with the registry's own
 * token. Never gives up: the graph must get every event, however long lineage is down (retries settle at five
 * minutes apart).
 */
@ApplicationScoped
public class LineageCourier implements Courier {

    private final LineageClient lineage;
    private final RegistryConfig.Lineage config;
    private final Settings settings;

    public LineageCourier(@RestClient LineageClient lineage, RegistryConfig config) {
        this.lineage = lineage;
        this.config = config.lineage();
        this.settings = new Settings("lineage_outbox", "event", this.config.enabled(), this.config.interval(),
                this.config.batchSize(), Duration.ofMinutes(5), 0);
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public Uni<List<Outcome>> send(List<Row> messages) {
        JsonArray events = new JsonArray();
        messages.forEach(row -> events.add(row.getJsonObject("event")));
        // The lineage service takes a batch whole or not at all: every event shares its outcome.
        return lineage.send(config.token().map(t -> "Bearer " + t).orElse(null), events)
                .onItemOrFailure().transform((response, failure) -> messages.stream().map(row -> {
                    long id = row.getLong("id");
                    if (failure != null) {
                        Integer code = failure instanceof WebApplicationException web
                                ? web.getResponse().getStatus() : null;
                        return Outcome.failed(id, code, failure.toString());
                    }
                    return response.getStatus() < 300 ? Outcome.delivered(id, response.getStatus())
                            : Outcome.failed(id, response.getStatus(), "HTTP " + response.getStatus());
                }).toList());
    }
}
