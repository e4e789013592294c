package ai.platform.featurestore.offline;

import ai.platform.featurestore.registry.FeatureSelection;
import ai.platform.support.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * Training data, point-in-time correct: {@code POST /api/v2/feature-store/historical}. JSON for up to
 * {@value #MAX_JSON_ROWS} label rows; with {@code Accept: text/csv}, up to {@value #MAX_CSV_ROWS} rows, joined and
 * streamed {@value #CSV_CHUNK} rows at a time so the answer is never held whole.
 */
@Path("/api/v2/feature-store/historical")
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Training data")
public class HistoricalResource {

    static final int MAX_JSON_ROWS = 10_000;
    static final int MAX_CSV_ROWS = 200_000;
    static final int CSV_CHUNK = 5_000;
    private static final String TEXT_CSV = "text/csv";

    private final FeatureSelection selection;
    private final PointInTimeJoin join;
    private final ObjectMapper json;
    private final ObjectWriter csv = new CsvMapper().writer(CsvSchema.emptySchema());

    public HistoricalResource(FeatureSelection selection, PointInTimeJoin join, ObjectMapper json) {
        this.selection = selection;
        this.join = join;
        this.json = json;
    }

    /** The JSON answer: the feature labels, and one flat object per label row (its columns, then features). */
    @Schema(name = "HistoricalResponse")
    public record HistoricalResponse(List<String> features, List<Map<String, Object>> rows) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Training data (JSON)", description = "For each entity row, the newest value of each "
            + "feature with an event time at or before the row's timestamp (and within the group's ttl), never a "
            + "later one; the row's other columns are passed through. Up to " + MAX_JSON_ROWS + " rows; ask for "
            + "text/csv for more.")
    @APIResponse(responseCode = "200", description = "One row per entity row, in order",
            content = @Content(schema = @Schema(implementation = HistoricalResponse.class)))
    @APIResponse(responseCode = "400", description = "Bad features, rows, keys or timestamps")
    @APIResponse(responseCode = "404", description = "No such feature group or view")
    public Uni<HistoricalResponse> asJson(@Valid @NotNull HistoricalRequest request) {
        limit(request, MAX_JSON_ROWS, "; ask for text/csv for up to " + MAX_CSV_ROWS);
        return checked(request).flatMap(rows -> join.join(rows.selected(), rows.rows(), rows.times())
                .map(values -> {
                    List<Map<String, Object>> out = new ArrayList<>(rows.rows().size());
                    List<String> labels = rows.selected().labels();
                    for (int i = 0; i < rows.rows().size(); i++) {
                        Map<String, Object> row = new LinkedHashMap<>(rows.rows().get(i));
                        for (int f = 0; f < labels.size(); f++) {
                            row.put(labels.get(f), values[i][f]);
                        }
                        out.add(row);
                    }
                    return new HistoricalResponse(labels, out);
                }));
    }

    @POST
    // Below JSON in the server's preference: a client that accepts anything gets JSON.
    @Produces(TEXT_CSV + ";qs=0.5")
    @Operation(summary = "Training data (CSV, streamed)", description = "As the JSON form, for up to " + MAX_CSV_ROWS
            + " rows: a header of the rows' columns then the features, one line per entity row; arrays are JSON "
            + "text, missing values empty.")
    @APIResponse(responseCode = "200", description = "The rows as CSV", content = @Content(mediaType = TEXT_CSV))
    @APIResponse(responseCode = "400", description = "Bad features, rows, keys or timestamps")
    @APIResponse(responseCode = "404", description = "No such feature group or view")
    public RestMulti<String> asCsv(@Valid @NotNull HistoricalRequest request) {
        limit(request, MAX_CSV_ROWS, "; split the request");
        // Checked whole before the first byte is sent: a bad row is a 400, not a cut-off stream.
        Multi<String> csvLines = checked(request).onItem().transformToMulti(rows -> {
            int chunks = (rows.rows().size() + CSV_CHUNK - 1) / CSV_CHUNK;
            Multi<String> body = Multi.createFrom().range(0, chunks).onItem().transformToUniAndConcatenate(c -> {
                TrainingRows chunk = rows.slice(c * CSV_CHUNK, Math.min(rows.rows().size(), (c + 1) * CSV_CHUNK));
                return join.join(chunk.selected(), chunk.rows(), chunk.times()).map(values -> lines(chunk, values));
            });
            return Multi.createBy().concatenating().streams(Multi.createFrom().item(line(rows.columns())), body);
        });
        // The header is set here because the produced type carries a quality (qs) that is not the answer's type.
        return RestMulti.fromMultiData(csvLines).header("Content-Type", TEXT_CSV + ";charset=UTF-8").build();
    }

    private Uni<TrainingRows> checked(HistoricalRequest request) {
        return selection.resolve(request.features(), request.featureView(), request.featureViewVersion())
                .map(selected -> TrainingRows.check(selected, request.entities(), request.timestampColumn()));
    }

    private static void limit(HistoricalRequest request, int max, String hint) {
        if (request.entities().size() > max) {
            throw ProblemException.invalidField("entities", "at most " + max + " rows" + hint);
        }
    }

    private String lines(TrainingRows chunk, Object[][] values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < chunk.rows().size(); i++) {
            List<Object> cells = new ArrayList<>();
            for (String column : chunk.inputColumns()) {
                cells.add(chunk.rows().get(i).get(column));
            }
            Collections.addAll(cells, values[i]);
            text.append(line(cells));
        }
        return text.toString();
    }

    /** One CSV line; arrays and objects are written as JSON text, null as an empty cell. */
    private String line(List<?> cells) {
        String[] texts = new String[cells.size()];
        for (int c = 0; c < texts.length; c++) {
            Object cell = cells.get(c);
            try {
                texts[c] = cell == null ? "" : cell instanceof List || cell instanceof Map
                        ? json.writeValueAsString(cell) : cell.toString();
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            return csv.writeValueAsString(texts);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
