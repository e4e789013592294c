package ai.platform.support.persistence;

/** LIKE patterns from user text: the user's {@code %} and {@code _} match themselves, not anything. */
public final class LikePatterns {

    /** The escape character the patterns use; a query says {@code like :p escape '\'}. */
    public static final char ESCAPE = '\\';

    private LikePatterns() {
    }

    public static String startingWith(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
