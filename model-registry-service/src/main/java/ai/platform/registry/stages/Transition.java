package ai.platform.registry.stages;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One stage change of a version: from where, to where, who, when and why. */
@Schema(name = "StageTransition")
public record Transition(int version, Stage fromStage, Stage toStage, String transitionedBy,
        OffsetDateTime transitionedAt, String comment) {

    /** From the history alone: it outlives the versions it tells of. */
    static final String SELECT = "SELECT s.version, s.from_stage, s.stage, s.transitioned_by, s.transitioned_at,"
            + " s.comment FROM model_stages s";

    static Transition from(Row row) {
        String from = row.getString("from_stage");
        return new Transition(row.getInteger("version"), from == null ? null : Stage.of(from),
                Stage.of(row.getString("stage")), row.getString("transitioned_by"),
                row.getOffsetDateTime("transitioned_at"), row.getString("comment"));
    }
}
