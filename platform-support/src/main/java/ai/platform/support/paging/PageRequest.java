package ai.platform.support.paging;

import ai.platform.support.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code ?page_size=&page_token=} of a list request. The token is an opaque keyset cursor (the sort key of the
 * last item returned), so pages stay stable while rows are inserted, unlike offsets.
 */
public record PageRequest(int size, String cursor) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 1000;

    /** Reads the query parameters; a bad size or a token this service did not issue is a 400. */
    public static PageRequest of(Integer pageSize, String pageToken) {
        int size = pageSize == null ? DEFAULT_SIZE : pageSize;
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.invalidField("page_size", "must be between 1 and " + MAX_SIZE);
        }
        return new PageRequest(size, pageToken == null || pageToken.isBlank() ? null : decode(pageToken));
    }

    /** The query's LIMIT: one more than the page, to learn whether a next page exists. */
    public int fetchSize() {
        return size + 1;
    }

    static String encode(String cursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("page_token", "is not a token this list returned");
        }
    }
}
