package ai.platform.lineage.nodes;

import ai.platform.support.problem.ProblemException;
import java.util.regex.Pattern;

/**
 * Node types. The design names dataset, run, model and artifact; the platform adds job, model_version,
 * feature_group and notebook. The set is open: any lower-case identifier is a type, so new producers
 * (a Spark job, a dashboard) need no release of this service.
 */
public final class NodeType {

    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9_]{0,49}");

    private NodeType() {
    }

    public static boolean isValid(String type) {
        return type != null && FORM.matcher(type).matches();
    }

    public static String check(String field, String type) {
        if (type == null || !FORM.matcher(type).matches()) {
            throw ProblemException.invalidField(field,
                    "must be a lower-case identifier such as dataset, run, model, model_version or job");
        }
        return type;
    }
}
