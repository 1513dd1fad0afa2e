package io.jwtguard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * Hooks into JwtGuard's authentication and authorization, modelled on ASP.NET Core's
 * {@code JwtBearerEvents}. Found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.jwtguard.JwtGuardListener}) or named in {@code jwtguard.listeners}; every
 * method has a default that changes nothing. Implementations must be thread-safe.
 *
 * <p>Fail closed: a listener that throws (or answers {@code null}) in a hook that decides,
 * {@link #messageReceived} or {@link #tokenValidated} (a revocation store that is down), never lets the
 * token through: the request is refused as a server fault, {@code 500 listener_failed}, logged with the
 * listener's class and the exception's class, and counted. One that throws in a hook that only observes a
 * refusal already decided ({@link #authenticationFailed}, {@link #challenge}, {@link #forbidden}) is logged
 * and skipped: the refusal stands.
 */
public interface JwtGuardListener {

    /**
     * A request arrived; return a token to use instead of the {@code Authorization} header and the
     * cookie (for example from a header of your own), or empty to let JwtGuard look as usual.
     */
    default Optional<String> messageReceived(HttpServletRequest request) {
        return Optional.empty();
    }

    /** A token verified; add roles, or reject it (for example a revoked {@code jti}). */
    default TokenDecision tokenValidated(HttpServletRequest request, JwtPrincipal principal) {
        return TokenDecision.accept();
    }

    /** Credentials were refused; {@code refusal} says why (reason code, description, token facts). */
    default void authenticationFailed(HttpServletRequest request, Refusal refusal) {
    }

    /**
     * A 400 or 401 is about to be written. Add headers to {@code response}, or write the whole response
     * yourself and return {@code true} so JwtGuard writes nothing.
     */
    default boolean challenge(HttpServletRequest request, HttpServletResponse response, Refusal refusal) {
        return false;
    }

    /** An authenticated caller is about to get 403 ({@code insufficient_role} or {@code policy_failed}). */
    default void forbidden(HttpServletRequest request, JwtPrincipal principal, Refusal refusal) {
    }
}
