package io.jwtguard.internal.pipeline;

import io.jwtguard.JwtGuardListener;
import io.jwtguard.JwtPrincipal;
import io.jwtguard.TokenDecision;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.diagnostics.Failure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;

/**
 * The application's {@link JwtGuardListener}s, called in order; a listener that throws is logged (its
 * class and the exception's class, never a stack trace on the request path) and skipped. Immutable and
 * thread-safe.
 */
final class Listeners {

    private static final System.Logger LOG = Refusals.LOG;

    private final List<JwtGuardListener> listeners;

    Listeners(List<JwtGuardListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** ServiceLoader's listeners, then those named in {@code jwtguard.listeners}; problems go to {@code problems}. */
    static Listeners load(List<String> named, ClassLoader loader, Problems problems) {
        List<JwtGuardListener> found = new ArrayList<>();
        try {
            ServiceLoader.load(JwtGuardListener.class, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            problems.add("a JwtGuardListener listed in META-INF/services cannot be loaded: " + e.getMessage());
        }
        for (String name : named) {
            try {
                Class<?> type = Class.forName(name, true, loader);
                if (!JwtGuardListener.class.isAssignableFrom(type)) {
                    problems.add("jwtguard.listeners: " + name + " does not implement io.jwtguard.JwtGuardListener");
                } else if (found.stream().noneMatch(type::isInstance)) {
                    found.add((JwtGuardListener) type.getConstructor().newInstance());
                }
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                problems.add("jwtguard.listeners: cannot create " + name + " (" + e.getClass().getSimpleName()
                        + "); it needs a public no-argument constructor");
            }
        }
        return new Listeners(found);
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    /** The first token a listener supplies. @throws HookFailed when a listener throws */
    Optional<String> messageReceived(HttpServletRequest request) {
        for (JwtGuardListener listener : listeners) {
            Optional<String> token = deciding(listener, "messageReceived", l -> l.messageReceived(request));
            if (token != null && token.isPresent() && !token.get().isBlank()) {
                return token;
            }
        }
        return Optional.empty();
    }

    /**
     * Every listener's decision combined: the first rejection wins; added roles are united.
     *
     * @throws HookFailed when a listener throws or answers null: nobody decided, so the token is not let through
     */
    TokenDecision tokenValidated(HttpServletRequest request, JwtPrincipal principal) {
        Set<String> added = new LinkedHashSet<>();
        for (JwtGuardListener listener : listeners) {
            TokenDecision decision = deciding(listener, "tokenValidated", l -> l.tokenValidated(request, principal));
            if (decision == null) {
                throw HookFailed.of(listener, "tokenValidated", "returned null instead of a TokenDecision");
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

    /** A hook whose answer decides: when it throws, the request is refused as a server fault (fail closed). */
    private static <T> T deciding(JwtGuardListener listener, String hook, Function<JwtGuardListener, T> call) {
        try {
            return call.apply(listener);
        } catch (RuntimeException | LinkageError e) {
            throw HookFailed.of(listener, hook, "threw " + e.getClass().getName());
        }
    }

    /**
     * A deciding hook failed. Carries what the log line says (the listener's class, the hook, the exception's
     * class: never its message, which may hold a token or a store's address).
     */
    static final class HookFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private HookFailed(String message) {
            super(message, null, false, false);
        }

        static HookFailed of(JwtGuardListener listener, String hook, String what) {
            return new HookFailed("listener " + listener.getClass().getName() + "." + hook + " " + what);
        }
    }

    /** A hook that only observes or adds to a refusal already decided: logged and skipped, the refusal stands. */
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
