package ai.platform.registry.versioning;

import ai.platform.registry.stages.Stage;
import ai.platform.support.problem.InvalidParameter;

/** Reads a stage name from a query parameter or field, as MLflow spells them or in any case. */
public final class StageParameter {

    private StageParameter() {
    }

    public static Stage parse(String field, String value) {
        try {
            return Stage.of(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter(field, "must be one of None, Staging, Production, Archived");
        }
    }
}
