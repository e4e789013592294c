package ai.platform.registry.storage;

import ai.platform.support.problem.Problem;
import ai.platform.support.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code Range: bytes=...} of RFC 9110 (first-last, first-, -suffix); several ranges are served whole. */
record ByteRange(long start, long end) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    long length() {
        return end - start + 1;
    }

    /** Null when there is no usable single range (the whole file is sent); 416 when it lies outside the file. */
    static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher range = SINGLE.matcher(header.trim());
        if (!range.matches() || range.group(1).isEmpty() && range.group(2).isEmpty()) {
            return null;
        }
        long start;
        long end;
        if (range.group(1).isEmpty()) {
            long suffix = Long.parseLong(range.group(2));
            start = Math.max(0, size - suffix);
            end = size - 1;
        } else {
            start = Long.parseLong(range.group(1));
            end = range.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(range.group(2)));
        }
        if (start >= size || start > end) {
            throw new ProblemException(Problem.of(Response.Status.REQUESTED_RANGE_NOT_SATISFIABLE,
                    "The file has " + size + " bytes; " + header + " lies outside it").withType("range"));
        }
        return new ByteRange(start, end);
    }
}
