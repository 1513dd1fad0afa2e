package io.jwtguard.internal.authn;

import io.jwtguard.JwtPrincipal;
import io.jwtguard.internal.diagnostics.Failure;
import java.util.List;
import java.util.Objects;

/**
 * What the authentication stage decided for one request. Immutable. Exactly one of
 * {@link #principal()} (for {@link Kind#AUTHENTICATED}) and {@link #failure()} (otherwise) is set.
 */
public final class AuthenticationResult {

    /** The three outcomes. */
    public enum Kind {
        /** A token was present and verified. */
        AUTHENTICATED,
        /** No credentials at all: anonymous, and {@code missing_token} where authentication is needed. */
        NO_TOKEN,
        /** Credentials were present but refused. */
        FAILED
    }

    private final Kind kind;
    private final JwtPrincipal principal;
    private final List<String> rolesClaims;
    private final Failure failure;
    private final Checks checks;
    /** Read once here, so a cached result's revocation check reads no claim; null unless authenticated. */
    private final TokenIds ids;

    private AuthenticationResult(Kind kind, JwtPrincipal principal, List<String> rolesClaims, Failure failure,
            Checks checks, TokenIds ids) {
        this.kind = kind;
        this.principal = principal;
        this.rolesClaims = rolesClaims;
        this.failure = failure;
        this.checks = checks;
        this.ids = ids;
    }

    /**
     * @param rolesClaims the dotted paths the caller's issuer reads roles from, for descriptions
     * @param ids what revocation looks the token up by, read from the decoded token (not from the principal's
     *     claims, which are converted only when read)
     */
    static AuthenticationResult authenticated(JwtPrincipal principal, List<String> rolesClaims, TokenIds ids) {
        return new AuthenticationResult(Kind.AUTHENTICATED, Objects.requireNonNull(principal),
                List.copyOf(rolesClaims), null, Checks.ALL_PASSED, Objects.requireNonNull(ids));
    }

    static AuthenticationResult noToken(Failure missing) {
        return new AuthenticationResult(Kind.NO_TOKEN, null, List.of(), Objects.requireNonNull(missing),
                new Checks(0, Check.HEADER), null);
    }

    static AuthenticationResult failed(Failure failure, Checks checks) {
        return new AuthenticationResult(Kind.FAILED, null, List.of(), Objects.requireNonNull(failure), checks, null);
    }

    /** The same caller with more roles (a listener added them). */
    public AuthenticationResult withAddedRoles(java.util.Set<String> roles) {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(principal().getRoles());
        all.addAll(roles);
        JwtPrincipal caller = principal;
        return authenticated(new JwtPrincipal(caller.getName(), all, caller.getClaims()), rolesClaims, ids);
    }

    /** A refusal decided after every check passed (a listener rejected the token). */
    public static AuthenticationResult refusedBy(Failure failure) {
        return failed(failure, Checks.ALL_PASSED);
    }

    /** What revocation looks the caller's token up by. @throws IllegalStateException unless authenticated */
    public TokenIds ids() {
        if (ids == null) {
            throw new IllegalStateException("not authenticated: " + kind);
        }
        return ids;
    }

    /** Which checks ran, passed, failed or were never reached. */
    public Checks checks() {
        return checks;
    }

    /** Where the caller's issuer reads roles ({@code roles}, {@code realm_access.roles}, ...); empty unless authenticated. */
    public List<String> rolesClaims() {
        return rolesClaims;
    }

    public Kind kind() {
        return kind;
    }

    /** @throws IllegalStateException unless {@link Kind#AUTHENTICATED} */
    public JwtPrincipal principal() {
        if (principal == null) {
            throw new IllegalStateException("not authenticated: " + kind);
        }
        return principal;
    }

    /** @throws IllegalStateException when {@link Kind#AUTHENTICATED} */
    public Failure failure() {
        if (failure == null) {
            throw new IllegalStateException("authenticated");
        }
        return failure;
    }

    @Override
    public String toString() {
        return kind == Kind.AUTHENTICATED ? "AUTHENTICATED " + principal : kind + " " + failure.reason().code();
    }
}
