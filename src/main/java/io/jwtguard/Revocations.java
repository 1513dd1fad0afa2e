package io.jwtguard;

import jakarta.servlet.ServletContext;

/**
 * Signs callers out: what a logout endpoint calls. A servlet obtains it with {@link #of(ServletContext)} (the filter
 * also publishes it under {@link #CONTEXT_ATTRIBUTE}); {@link LogoutServlet} is the ready-made endpoint. A revoked token is refused with {@code 401 token_revoked}
 * on every instance that shares the {@link RevocationStore}, cached tokens included, within the replicas'
 * staleness bound (docs/sign-out.md). Thread-safe.
 */
public interface Revocations {

    /** The {@code ServletContext} attribute under which the filter publishes this. */
    String CONTEXT_ATTRIBUTE = "io.jwtguard.Revocations";

    /**
     * This application's: {@code Revocations.of(getServletContext())} in a logout servlet.
     *
     * @throws IllegalStateException when no JwtGuard filter authenticates this application's requests, or JwtGuard
     *     could not start
     */
    static Revocations of(ServletContext context) {
        return Implementation.runtime().revocations(context);
    }

    /** Whether a sign-out reached the shared store, or is held by this instance until the store is back. */
    enum Outcome {
        /** In the store: every instance refuses the token. */
        SHARED,
        /** The store is unreachable: this instance refuses the token now, and records it when the store returns. */
        PENDING
    }

    /**
     * Revokes the caller's token (its {@code jti}) and, when it has one, its session ({@code sid}: every token
     * issued from the same refresh-token family, and that family's refresh tokens).
     *
     * @throws IllegalArgumentException when the token has neither a {@code jti} nor a {@code sid} to revoke it by
     */
    Outcome revoke(JwtPrincipal caller);

    /** Revokes every token and refresh token of the caller's subject issued until now, on every instance. */
    Outcome signOutEverywhere(JwtPrincipal caller);

    /**
     * Whether other instances read the same store (Redis, an application's own), so that a sign-out reaches them;
     * {@code false} for the memory store, which only this instance has.
     */
    default boolean sharedWithOtherInstances() {
        return true;
    }
}
