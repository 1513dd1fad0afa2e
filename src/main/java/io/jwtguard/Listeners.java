package io.jwtguard;

import io.jwtguard.diagnostics.Failure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The application's {@link JwtGuardListener}s, called in order; a listener that throws is logged (its
 * class and the exception's class, never a stack trace on the request path) and skipped. Immutable and
 * thread-safe.
 */
final class Listeners {

    private static final System.Logger LOG = System.getLogger("io.jwtguard");

    private final List<JwtGuardListener> listeners;

    Listeners(List<JwtGuardListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    /** The first token a listener supplies. */
    Optional<String> messageReceived(HttpServletRequest request) {
        for (JwtGuardListener listener : listeners) {
            Optional<String> token = safely(listener, "messageReceived", l -> l.messageReceived(request));
            if (token != null && token.isPresent() && !token.get().isBlank()) {
                return token;
            }
        }
        return Optional.empty();
    }

    /** Every listener's decision combined: the first rejection wins; added roles are united. */
    TokenDecision tokenValidated(HttpServletRequest request, JwtPrincipal principal) {
        Set<String> added = new LinkedHashSet<>();
        for (JwtGuardListener listener : listeners) {
            TokenDecision decision = safely(listener, "tokenValidated", l -> l.tokenValidated(request, principal));
            if (decision == null) {
                continue;
            }
            if (decision.rejected()) {
                return decision;
            }
            added.addAll(decision.addedRoles());
        }
        return added.isEmpty() ? TokenDecision.accept() : TokenDecision.addRoles(added);
    }

    void authenticationFailed(HttpServletRequest request, Failure failure) {
        listeners.forEach(listener -> safely(listener, "authenticationFailed", l -> {
            l.authenticationFailed(request, failure);
            return null;
        }));
    }

    /** Whether a listener wrote the response itself. */
    boolean challenge(HttpServletRequest request, HttpServletResponse response, Failure failure) {
        for (JwtGuardListener listener : listeners) {
            if (Boolean.TRUE.equals(safely(listener, "challenge", l -> l.challenge(request, response, failure)))) {
                return true;
            }
        }
        return false;
    }

    void forbidden(HttpServletRequest request, JwtPrincipal principal, Failure failure) {
        listeners.forEach(listener -> safely(listener, "forbidden", l -> {
            l.forbidden(request, principal, failure);
            return null;
        }));
    }

    private static <T> T safely(JwtGuardListener listener, String hook, Function<JwtGuardListener, T> call) {
        try {
            return call.apply(listener);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "JwtGuard: listener " + listener.getClass().getName() + "." + hook + " threw "
                    + e.getClass().getName() + "; ignored");
            return null;
        }
    }
}
