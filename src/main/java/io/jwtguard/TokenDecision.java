package io.jwtguard;

import io.jwtguard.Reason;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link JwtGuardListener} decided about a verified token: accept it, accept it with more roles,
 * or reject it with a reason from JwtGuard's table (a 401 or 403 one, e.g. {@code token_expired} for a
 * token your revocation list knows, or {@code insufficient_role}) and a description. Immutable.
 */
public final class TokenDecision {

    private static final TokenDecision ACCEPT = new TokenDecision(Set.of(), null, null);

    private final Set<String> addedRoles;
    private final Reason reason;
    private final String description;

    private TokenDecision(Set<String> addedRoles, Reason reason, String description) {
        this.addedRoles = Set.copyOf(addedRoles);
        this.reason = reason;
        this.description = description;
    }

    public static TokenDecision accept() {
        return ACCEPT;
    }

    /** Accept, with these roles besides the token's own. */
    public static TokenDecision addRoles(Set<String> roles) {
        return new TokenDecision(roles, null, null);
    }

    /**
     * Refuse the token with {@code reason} (status 401 or 403) and a description the client may read: it
     * goes into the challenge and the problem body as it is, so it must not hold secrets.
     */
    public static TokenDecision reject(Reason reason, String description) {
        Objects.requireNonNull(reason, "reason");
        if (reason.status() != 401 && reason.status() != 403) {
            throw new IllegalArgumentException("a listener rejects with a 401 or 403 reason, not " + reason.code());
        }
        return new TokenDecision(Set.of(), reason, Objects.requireNonNull(description, "description"));
    }

    public Set<String> addedRoles() {
        return addedRoles;
    }

    public boolean rejected() {
        return reason != null;
    }

    /** The rejection's reason, or {@code null}. */
    public Reason reason() {
        return reason;
    }

    /** The rejection's description, or {@code null}. */
    public String description() {
        return description;
    }
}
