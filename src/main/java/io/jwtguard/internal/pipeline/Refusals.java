package io.jwtguard.internal.pipeline;

import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.diagnostics.CorrelationId;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.diagnostics.Text;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;

/**
 * Owns every refusal: its log line (with a correlation id, never the token; at most a hundred a second, see
 * {@link RefusalLog}), its counter, the listeners' say ({@code challenge}, {@code forbidden}) and the
 * response, written by the {@link Responder}.
 * Thread-safe.
 */
final class Refusals {

    static final System.Logger LOG = System.getLogger("io.jwtguard");

    private final Responder responder;
    private final Listeners listeners;
    private final Metrics metrics;
    private final RefusalLog lines;
    private final RecentRefusals recent;

    Refusals(Responder responder, Listeners listeners, Metrics metrics, Clock clock, RecentRefusals recent) {
        this.responder = responder;
        this.listeners = listeners;
        this.metrics = metrics;
        this.lines = new RefusalLog(LOG, clock, metrics.linesLeftOut());
        this.recent = recent;
    }

    /** Logs and answers a refusal. An included servlet that is refused is left out of the page. */
    void refuse(HttpServletRequest request, HttpServletResponse response, Failure failure) throws IOException {
        Optional<String> correlationId = decide(request, response, failure);
        if (correlationId.isPresent()) {
            responder.refuse(response, failure, correlationId.get());
        }
    }

    /**
     * A refusal someone else sends (Jakarta REST for a resource's rule, Jetty's response for container identity
     * mode): logged, counted and shown to the listeners like every other; the answer to send is returned. Empty
     * when a listener's {@code challenge} answered it itself.
     */
    Optional<Responder.Answer> refuseWithAnswer(HttpServletRequest request, HttpServletResponse response,
            Failure failure) throws IOException {
        Optional<String> correlationId = decide(request, response, failure);
        return correlationId.isEmpty() ? Optional.empty()
                : Optional.of(responder.answer(failure, correlationId.get()));
    }

    /**
     * Whether the log line names what the configuration expected, in production too: the filter order, and the
     * issuers and audiences, which are configuration rather than secrets (the answer to the client names them only
     * with development diagnostics).
     */
    private static boolean showsExpectedInTheLog(Reason reason) {
        return reason == Reason.FILTER_ORDER_WRONG || reason == Reason.ISSUER_MISMATCH
                || reason == Reason.AUDIENCE_MISMATCH;
    }

    /** The log line, the counter and the listeners' say; the correlation id when JwtGuard must still answer. */
    private Optional<String> decide(HttpServletRequest request, HttpServletResponse response, Failure failure)
            throws IOException {
        String correlationId = CorrelationId.next();
        Level level = failure.reason() == Reason.FILTER_ORDER_WRONG ? Level.ERROR : Level.INFO;
        lines.log(level, () -> "JwtGuard refused " + describe(request) + ": " + failure.reason().status() + " "
                + failure.reason().code() + " correlationId=" + correlationId + failure.token().forLog() + " - "
                + failure.forLog(showsExpectedInTheLog(failure.reason())));
        metrics.refused(failure.reason());
        recent.add(request.getMethod(), shownPath(request), failure.reason(), correlationId,
                SoFar.of(request).authentication());
        if (request.getDispatcherType() == DispatcherType.INCLUDE) {
            return Optional.empty();
        }
        int status = failure.reason().status();
        if ((status == 400 || status == 401) && listeners.challenge(request, response, failure)) {
            return Optional.empty();
        }
        AuthenticationResult authenticated = SoFar.of(request).authentication();
        if (status == 403 && authenticated != null && authenticated.kind() == AuthenticationResult.Kind.AUTHENTICATED) {
            listeners.forbidden(request, authenticated.principal(), failure);
        }
        return Optional.of(correlationId);
    }

    /** An {@code @AllowAnonymous} servlet let a request through whose credentials were refused: debug only. */
    void ignoredOnAnonymous(HttpServletRequest request, Failure failure) {
        LOG.log(Level.DEBUG, () -> "JwtGuard let " + describe(request) + " through anonymously"
                + " (@AllowAnonymous) despite " + failure.reason().code() + failure.token().forLog() + " - "
                + failure.description());
    }

    /** An EJB's {@code @RolesAllowed} check refused the caller the servlet called it for. */
    static final Failure EJB_ROLE = Failure.of(io.jwtguard.Reason.INSUFFICIENT_ROLE,
            "the caller does not have a role an enterprise bean this request calls requires");

    /** Whether {@code failure} is, or was caused by, an EJB's access refusal (read by name: no EJB API needed). */
    static boolean refusedByEjb(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.equals("jakarta.ejb.EJBAccessException")) {
                return true;
            }
        }
        return false;
    }

    /** The servlet this dispatch runs: for an include, the included one (Servlet 6.0 §9.3.1). */
    static String servletName(HttpServletRequest request) {
        HttpServletMapping mapping = request.getDispatcherType() == DispatcherType.INCLUDE
                ? (HttpServletMapping) request.getAttribute(RequestDispatcher.INCLUDE_MAPPING)
                : request.getHttpServletMapping();
        return mapping == null ? null : mapping.getServletName();
    }

    static String describe(HttpServletRequest request) {
        if (request == null) {
            return "a request";
        }
        String uri = shownPath(request);
        String dispatch = request.getDispatcherType() == DispatcherType.REQUEST ? ""
                : " (" + request.getDispatcherType() + " to " + servletName(request) + ")";
        return Text.printable(request.getMethod() + " " + uri + dispatch);
    }

    /** The path as a log line or the console shows it: no query, no path parameter values, at most 200 characters. */
    static String shownPath(HttpServletRequest request) {
        String uri = withoutPathParameterValues(request.getRequestURI());
        return Text.printable(uri.length() > 200 ? uri.substring(0, 200) + "..." : uri);
    }

    /**
     * The request URI for a log line, with what follows each {@code ;} in a path segment left out: path
     * parameters (RFC 3986 §3.3) are where {@code ;jsessionid=} and misplaced {@code ;access_token=} values
     * travel, and the log must never hold a credential. The {@code ;} itself stays, so path tricks remain visible.
     * The query string is never logged at all ({@code getRequestURI} excludes it).
     */
    static String withoutPathParameterValues(String uri) {
        if (uri == null) {
            return "";
        }
        StringBuilder shown = new StringBuilder(uri.length());
        boolean parameter = false;
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '/') {
                parameter = false;
            } else if (c == ';' && !parameter) {
                parameter = true;
                shown.append(";...");
                continue;
            }
            if (!parameter) {
                shown.append(c);
            }
        }
        return shown.toString();
    }
}
