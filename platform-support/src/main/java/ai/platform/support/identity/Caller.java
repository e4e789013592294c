package ai.platform.support.identity;

import ai.platform.support.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the JWT's {@code sub} and the roles in its {@code groups} claim.
 *
 * <p>Roles are ordered, {@code viewer} < {@code editor} < {@code admin}: each holds the rights of the ones
 * before it, so a token needs only its highest role.
 */
@RequestScoped
public class Caller {

    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public Caller(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    /** The {@code sub} claim: the user every {@code created_by} and {@code owner_id} names. */
    public String subject() {
        String subject = token.getSubject();
        return subject != null ? subject : identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean hasRole(Role role) {
        return Role.highestOf(identity.getRoles()).compareTo(role) >= 0;
    }

    /** Ends the request with 403 unless the caller holds {@code role} (or a higher one). */
    public void require(Role role, String action) {
        if (!hasRole(role)) {
            throw ProblemException.forbidden(action + " needs the '" + role.claim() + "' role");
        }
    }
}
