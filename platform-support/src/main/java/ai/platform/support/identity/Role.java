package ai.platform.support.identity;

import java.util.Collection;
import java.util.Locale;

/** The platform's roles, lowest first; see {@link Caller}. */
public enum Role {
    NONE, VIEWER, EDITOR, ADMIN;

    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role highestOf(Collection<String> claims) {
        Role highest = NONE;
        for (Role role : values()) {
            if (role != NONE && claims.contains(role.claim())) {
                highest = role;
            }
        }
        return highest;
    }
}
