package io.jwtguard.internal.authz;

import io.jwtguard.internal.diagnostics.Failure;
import java.util.Optional;

/**
 * The outcome of the authorization stage for one request. Immutable.
 *
 * <p>A caller that only needs to know whether the request goes on, and with which principal, reads {@link #allows()},
 * {@link #principalVisible()} and {@link #ignoredFailure()} instead of switching on {@link #kind()}.
 *
 * @param kind what the filter must do
 * @param failure for {@link Kind#REFUSE}, the refusal; for {@link Kind#ALLOW_ANONYMOUS}, the
 *     authentication failure that was ignored (or {@code null} when there was no token); for
 *     {@link Kind#ALLOW_AUTHENTICATED}, {@code null}
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

    /** Whether the request goes on; when not, {@link #failure()} is the refusal to answer with. */
    public boolean allows() {
        return kind != Kind.REFUSE;
    }

    /**
     * Whether the request goes on as the authenticated caller (its principal visible to the application); when it goes
     * on anonymously, no principal is set, even if a token came with it.
     */
    public boolean principalVisible() {
        return kind == Kind.ALLOW_AUTHENTICATED;
    }

    /**
     * The authentication failure an anonymous endpoint let through (an expired or invalid token), worth a debug line;
     * empty for any other decision, and when no token came.
     */
    public Optional<Failure> ignoredFailure() {
        return kind == Kind.ALLOW_ANONYMOUS ? Optional.ofNullable(failure) : Optional.empty();
    }
}
