package ai.platform.support.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: {@code {"items": [...], "next_page_token": "..."}}. The token is absent on the last page.
 */
public record Page<T>(List<T> items, String nextPageToken) {

    /**
     * Builds a page from a query that fetched one row more than the page size: that extra row only says
     * another page exists, and the cursor of the last row kept becomes the next token.
     */
    public static <T> Page<T> fromOverfetch(List<T> rows, PageRequest request, Function<T, String> cursorOf) {
        if (rows.size() <= request.size()) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, request.size());
        return new Page<>(List.copyOf(items), PageRequest.encode(cursorOf.apply(items.get(items.size() - 1))));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextPageToken);
    }
}
