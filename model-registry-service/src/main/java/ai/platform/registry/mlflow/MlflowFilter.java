package ai.platform.registry.mlflow;

import ai.platform.support.problem.InvalidParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an MLflow search filter into a SQL condition with its parameters. The filter is what MLflow accepts:
 * comparisons joined by {@code AND}, string values in single or double quotes, e.g.
 * {@code name LIKE 'churn%' AND tags.team = 'risk'}, {@code run_id IN ('a', 'b')}, {@code version_number >= 3},
 * tag keys with other characters in backticks ({@code tags.`data-set` = 'x'}). Values are always bound as
 * parameters, never spliced into the SQL. Anything else is refused (400, {@code INVALID_PARAMETER_VALUE}) rather
 * than half understood.
 */
final class MlflowFilter {

    /** What is searched, and the columns its filter keys stand for. */
    enum Target {
        MODELS(Map.of("name", "m.name"), "m.tags"),
        VERSIONS(Map.of("name", "m.name", "run_id", "v.run_id", "source_path", "v.model_uri",
                "version_number", "v.version"), "v.tags");

        private final Map<String, String> columns;
        private final String tags;

        Target(Map<String, String> columns, String tags) {
            this.columns = columns;
            this.tags = tags;
        }
    }

    private static final Set<String> STRING_OPERATORS = Set.of("=", "!=", "LIKE", "ILIKE", "IN");
    private static final Set<String> NUMBER_OPERATORS = Set.of("=", "!=", "<", "<=", ">", ">=");
    private static final String NUMBER_KEY = "version_number";

    private final String text;
    private final Target target;
    private final List<Object> params;
    private int at;

    private MlflowFilter(String text, Target target, List<Object> params) {
        this.text = text;
        this.target = target;
        this.params = params;
    }

    /**
     * The condition {@code filter} stands for ({@code TRUE} when it is empty), its values appended to
     * {@code params} and referred to as {@code $n} by their position there.
     */
    static String parse(String filter, Target target, List<Object> params) {
        if (filter == null || filter.isBlank()) {
            return "TRUE";
        }
        MlflowFilter parser = new MlflowFilter(filter, target, params);
        List<String> conditions = new ArrayList<>();
        do {
            conditions.add(parser.comparison());
        } while (parser.keyword("AND"));
        parser.skipSpace();
        if (parser.at < filter.length()) {
            throw parser.error("expected AND or the end of the filter");
        }
        return String.join(" AND ", conditions);
    }

    private String comparison() {
        // Keys and attribute names are MLflow's in any case (NAME, Tags.x); a tag's own key is data, kept as written.
        String key = identifier().toLowerCase(Locale.ROOT);
        boolean tag = false;
        String tagKey = null;
        if (peek('.')) {
            at++;
            if (!key.equals("tags") && !key.equals("tag")) {
                throw error("only tags.<key> has a dot; '" + key + "' is not a filter key here");
            }
            tag = true;
            tagKey = peek('`') ? quoted('`') : identifier();
        } else if (!target.columns.containsKey(key)) {
            throw error("'" + key + "' is not a filter key here; use one of " + target.columns.keySet()
                    + " or tags.<key>");
        }
        String operator = operator();
        boolean number = !tag && key.equals(NUMBER_KEY);
        if (!(number ? NUMBER_OPERATORS : STRING_OPERATORS).contains(operator) || tag && operator.equals("IN")) {
            throw error("'" + operator + "' cannot compare " + (tag ? "a tag" : "'" + key + "'"));
        }
        String column = tag ? "(" + target.tags + " ->> " + param(tagKey) + ")" : target.columns.get(key);
        String sqlOperator = operator.equals("!=") ? "<>" : operator;
        if (operator.equals("IN")) {
            return column + " = ANY(" + param(list().toArray(new String[0])) + ")";
        }
        Object value = number ? integer() : string();
        return column + " " + sqlOperator + " " + param(value);
    }

    private String param(Object value) {
        params.add(value);
        return "$" + params.size();
    }

    private String identifier() {
        skipSpace();
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        if (start == at) {
            throw error("expected a filter key");
        }
        return text.substring(start, at);
    }

    private String operator() {
        skipSpace();
        for (String symbol : List.of("!=", "<>", "<=", ">=", "=", "<", ">")) {
            if (text.startsWith(symbol, at)) {
                at += symbol.length();
                return symbol.equals("<>") ? "!=" : symbol;
            }
        }
        for (String word : List.of("ILIKE", "LIKE", "IN")) {
            if (keyword(word)) {
                return word;
            }
        }
        throw error("expected a comparison (=, !=, <, <=, >, >=, LIKE, ILIKE, IN)");
    }

    private String string() {
        skipSpace();
        if (!peek('\'') && !peek('"')) {
            throw error("expected a quoted string");
        }
        return quoted(text.charAt(at));
    }

    private Integer integer() {
        skipSpace();
        int start = at;
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
        try {
            return Integer.valueOf(text.substring(start, at));
        } catch (NumberFormatException e) {
            throw error("expected a version number");
        }
    }

    private List<String> list() {
        skipSpace();
        if (!peek('(')) {
            throw error("expected a parenthesised list of quoted strings after IN");
        }
        at++;
        List<String> values = new ArrayList<>();
        values.add(string());
        skipSpace();
        while (peek(',')) {
            at++;
            values.add(string());
            skipSpace();
        }
        if (!peek(')')) {
            throw error("expected ',' or ')' in the IN list");
        }
        at++;
        return values;
    }

    private String quoted(char quote) {
        int end = text.indexOf(quote, at + 1);
        if (end < 0) {
            throw error("a quoted value is not closed");
        }
        String value = text.substring(at + 1, end);
        at = end + 1;
        return value;
    }

    /** Consumes {@code word} (any case) when it comes next as a whole word. */
    private boolean keyword(String word) {
        skipSpace();
        int end = at + word.length();
        if (text.regionMatches(true, at, word, 0, word.length())
                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            at = end;
            return true;
        }
        return false;
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private InvalidParameter error(String what) {
        return new InvalidParameter("filter", "Invalid filter at position " + at + ": " + what);
    }
}
