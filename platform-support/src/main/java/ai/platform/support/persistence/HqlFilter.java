package ai.platform.support.persistence;

import java.util.HashMap;
import java.util.Map;

/**
 * The WHERE clause of a list query, built from the filters a client gave: absent filters add nothing, values
 * are always bound as parameters. {@code Entity.find(filter.where() + " order by name", filter.params())}.
 */
public final class HqlFilter {

    private final StringBuilder where = new StringBuilder("1 = 1");
    private final Map<String, Object> params = new HashMap<>();

    public HqlFilter equal(String field, Object value) {
        return value == null ? this : clause(field + " = :", value);
    }

    /** {@code field} starts with {@code prefix}, taken literally ({@code %} and {@code _} match themselves). */
    public HqlFilter startsWith(String field, String prefix) {
        if (prefix == null) {
            return this;
        }
        String name = bind(LikePatterns.startingWith(prefix));
        where.append(" and ").append(field).append(" like :").append(name).append(" escape '\\'");
        return this;
    }

    /** Keyset paging: rows whose {@code field} sorts after the cursor of the last page. */
    public HqlFilter after(String field, Object cursor) {
        return cursor == null ? this : clause(field + " > :", cursor);
    }

    /** Any other condition, with its named parameters. */
    public HqlFilter and(String condition, Map<String, Object> conditionParams) {
        where.append(" and (").append(condition).append(')');
        params.putAll(conditionParams);
        return this;
    }

    public String where() {
        return where.toString();
    }

    public Map<String, Object> params() {
        return params;
    }

    private HqlFilter clause(String prefix, Object value) {
        where.append(" and ").append(prefix).append(bind(value));
        return this;
    }

    private String bind(Object value) {
        String name = "p" + params.size();
        params.put(name, value);
        return name;
    }
}
