package io.jwtguard.internal.authn;

import io.jwtguard.JwtPrincipal;
import io.jwtguard.internal.diagnostics.Failure;
import java.util.Objects;

/**
 * What the authentication stage decided for one request. Immutable. Exactly one of
 * {@link #principal()} (for {@link Kind#AUTHENTICATED}) and {@link #failure()} (otherwise) is set.
 */
public final class AuthenticationResult {

    /** The three outcomes, which the filter switches on exhaustively. */
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
    private final Failure failure;

    private AuthenticationResult(Kind kind, JwtPrincipal principal, Failure failure) {
        this.kind = kind;
        this.principal = principal;
        this.failure = failure;
    }

    static AuthenticationResult authenticated(JwtPrincipal principal) {
        return new AuthenticationResult(Kind.AUTHENTICATED, Objects.requireNonNull(principal), null);
    }

    static AuthenticationResult noToken(Failure missing) {
        return new AuthenticationResult(Kind.NO_TOKEN, null, Objects.requireNonNull(missing));
    }

    static AuthenticationResult failed(Failure failure) {
        return new AuthenticationResult(Kind.FAILED, null, Objects.requireNonNull(failure));
    }

    /** The same caller with more roles (a listener added them). */
    public AuthenticationResult withAddedRoles(java.util.Set<String> roles) {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(principal().getRoles());
        all.addAll(roles);
        JwtPrincipal caller = principal;
        return authenticated(new JwtPrincipal(caller.getName(), all, caller.getClaims()));
    }

    /** A refusal decided outside the validator (a listener rejected the token). */
    public static AuthenticationResult refusedBy(Failure failure) {
        return failed(failure);
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
