package ai.platform.registry.storage;

import ai.platform.support.problem.InvalidParameter;
import java.util.regex.Pattern;

/** A file path inside a version, as clients name it: relative, no {@code ..}, no empty segments. */
final class ArtifactPaths {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._+@=-][A-Za-z0-9 ._+@=,-]{0,254}");

    private ArtifactPaths() {
    }

    static String check(String path) {
        if (path == null || path.length() > 1024) {
            throw new InvalidParameter("path", "must be a relative path of at most 1024 characters");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
                throw new InvalidParameter("path", "must be a relative path of names made of letters, digits and "
                        + "'._+@=,-' (no '..', no empty segments)");
            }
        }
        return path;
    }
}
