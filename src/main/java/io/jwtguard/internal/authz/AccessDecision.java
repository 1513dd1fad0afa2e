package io.jwtguard.internal.authz;

import io.jwtguard.internal.diagnostics.Failure;

/**
 * The outcome of the authorization stage for one request. Immutable.
 *
 * @param kind what the filter must do
 * @param failure for {@link Kind#REFUSE}, the refusal; for {@link Kind#ALLOW_ANONYMOUS}, the
 *     authentication failure that was ignored (or {@code null} when there was no token)
 */
public record AccessDecision(Kind kind, Failure failure) {

    public enum Kind {
        /** Go on with the authenticated principal. */
        ALLOW_AUTHENTICATED,
        /** Go on without a principal. */
        ALLOW_ANONYMOUS,
        /** Answer with {@link #failure()}. */
        REFUSE
    }
}
