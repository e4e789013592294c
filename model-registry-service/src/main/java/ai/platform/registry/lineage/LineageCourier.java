package ai.platform.registry.lineage;

import ai.platform.registry.RegistryConfig;
import ai.platform.registry.outbox.Courier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Sends {@code lineage_outbox} to the lineage service, a batch of events per request with the registry's own
 * token. Retries whatever may go through later, however long lineage is down (retries settle at five minutes
 * apart): the graph must get every event it can take.
 *
 * <p>The lineage service takes a batch whole or refuses it whole, so one event it refuses (400: not valid
 * OpenLineage) would hold back every event batched with it, forever. A batch refused for what it holds is
 * therefore split in halves, sent in order, down to the events refused on their own, which are given up on (kept
 * in the outbox with the answer as their {@code last_error}); everything else goes through.
 */
@ApplicationScoped
public class LineageCourier implements Courier {

    /** Refusals that say nothing about the events themselves: the token, the role, the rate; retried as they are. */
    private static final Set<Integer> NOT_ABOUT_THE_EVENTS = Set.of(401, 403, 408, 429);

    /** The longest one request may take, whatever the client's idle timeouts. */
    private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(30);

    /**
     * No new split is sent after this long: with {@link #REQUEST_DEADLINE} a round ends well within the relay's
     * claim on its messages ({@link #LEASE}), so they are not claimed and sent twice meanwhile.
     */
    private static final Duration ROUND_BUDGET = Duration.ofSeconds(60);

    private static final Duration LEASE = Duration.ofMinutes(2);

    private static final int MAX_ERROR_LENGTH = 500;

    private final LineageClient lineage;
    private final RegistryConfig.Lineage config;
    private final Settings settings;

    public LineageCourier(@RestClient LineageClient lineage, RegistryConfig config) {
        this.lineage = lineage;
        this.config = config.lineage();
        this.settings = new Settings("lineage_outbox", "event", this.config.enabled(), this.config.interval(),
                this.config.batchSize(), Duration.ofMinutes(5), 0, LEASE);
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public Uni<List<Outcome>> send(List<Row> messages) {
        return deliver(messages, System.nanoTime() + ROUND_BUDGET.toNanos());
    }

    /** How the lineage service answered one request. */
    private record Answer(Integer code, String error) {

        boolean accepted() {
            return code != null && code < 300;
        }

        /** A 4xx about the events sent (not 401, 403, 408, 429): splitting can tell which. */
        boolean refusesEvents() {
            return code != null && code >= 400 && code < 500 && !NOT_ABOUT_THE_EVENTS.contains(code);
        }
    }

    private Uni<List<Outcome>> deliver(List<Row> messages, long budgetEnds) {
        return post(messages).flatMap(answer -> {
            if (answer.accepted()) {
                return Uni.createFrom().item(all(messages, id -> Outcome.delivered(id, answer.code())));
            }
            if (!answer.refusesEvents()) {
                return Uni.createFrom().item(all(messages, id -> Outcome.failed(id, answer.code(), answer.error())));
            }
            if (messages.size() == 1) {
                return Uni.createFrom().item(List.of(Outcome.givenUp(messages.get(0).getLong("id"), answer.code(),
                        answer.error())));
            }
            if (System.nanoTime() > budgetEnds) {
                return Uni.createFrom().item(all(messages, id -> Outcome.failed(id, answer.code(),
                        answer.error() + " (refused in a batch; to be split on the next attempt)")));
            }
            List<Row> first = messages.subList(0, messages.size() / 2);
            List<Row> second = messages.subList(messages.size() / 2, messages.size());
            return deliver(first, budgetEnds).flatMap(firstOutcomes -> {
                // The halves go in order: when the first must be retried, so must the second, or a later event
                // about a version (its aliases, its stage) could reach the graph before an earlier one.
                Outcome retried = firstOutcomes.stream().filter(o -> !o.delivered() && !o.givenUp()).findFirst()
                        .orElse(null);
                Uni<List<Outcome>> secondOutcomes = retried == null ? deliver(second, budgetEnds)
                        : Uni.createFrom().item(all(second, id -> Outcome.failed(id, retried.responseCode(),
                                "Not sent: an earlier event of its batch is to be retried first")));
                return secondOutcomes.map(rest -> {
                    List<Outcome> outcomes = new ArrayList<>(firstOutcomes);
                    outcomes.addAll(rest);
                    return outcomes;
                });
            });
        });
    }

    private Uni<Answer> post(List<Row> messages) {
        JsonArray events = new JsonArray();
        messages.forEach(row -> events.add(row.getJsonObject("event")));
        return lineage.send(config.token().map(t -> "Bearer " + t).orElse(null), events)
                .ifNoItem().after(REQUEST_DEADLINE).fail()
                .onItemOrFailure().transform((response, failure) -> {
                    if (failure == null) {
                        return new Answer(response.getStatus(),
                                response.getStatus() < 300 ? null : "HTTP " + response.getStatus());
                    }
                    if (failure instanceof WebApplicationException web) {
                        int status = web.getResponse().getStatus();
                        return new Answer(status, truncate("HTTP " + status + body(web.getResponse())));
                    }
                    return new Answer(null, truncate(failure.toString()));
                });
    }

    /** The problem the lineage service answered with, which names the refused fields; empty when unreadable. */
    private static String body(Response response) {
        try {
            String body = response.readEntity(String.class);
            return body == null || body.isBlank() ? "" : ": " + body;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static List<Outcome> all(List<Row> messages, LongFunction<Outcome> outcome) {
        return messages.stream().map(row -> outcome.apply(row.getLong("id"))).toList();
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
