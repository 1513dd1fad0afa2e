package io.jwtguard;

import io.jwtguard.authn.AuthenticatedRequest;
import io.jwtguard.authn.AuthenticationResult;
import io.jwtguard.authz.AccessDecision;
import io.jwtguard.authz.Rule;
import io.jwtguard.authz.RuleReport;
import io.jwtguard.config.InvalidSettingsException;
import io.jwtguard.config.Settings;
import io.jwtguard.cors.CorsDecision;
import io.jwtguard.diagnostics.Failure;
import io.jwtguard.diagnostics.Reason;
import io.jwtguard.diagnostics.Text;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the combined filter and the three stage filters share: settings built once in {@link #init},
 * the three stages as methods that return decisions, and the one place that writes responses (through
 * {@link Responder}). Stages hand their results to later ones through request attributes, which clients
 * cannot set, so every dispatch of one request (FORWARD, INCLUDE, ASYNC, ERROR) reuses the principal
 * found on the original request instead of verifying the token again. Thread-safe after {@code init}.
 */
abstract class GuardFilter implements Filter {

    static final System.Logger LOG = System.getLogger("io.jwtguard");

    /** The {@link AuthenticationResult} of this request, set by the authentication stage. */
    static final String AUTHENTICATION = "io.jwtguard.authentication";
    /** Present once the CORS stage has run for this request. */
    static final String CORS_DONE = "io.jwtguard.cors";
    /** The development-only rule table endpoint. */
    static final String RULES_PATH = "/.well-known/jwtguard";

    private final Clock clock;
    private volatile Guard guard;
    private volatile RuleReport report;
    private volatile FilterOrder order;

    GuardFilter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        ServletContext context = filterConfig.getServletContext();
        try {
            Guard built = Guard.build(context, key -> Optional.ofNullable(filterConfig.getInitParameter(key)), clock);
            Settings settings = built.settings();
            settings.warnings().forEach(warning -> LOG.log(Level.WARNING, "JwtGuard: " + warning));
            built.rules().warnings().forEach(warning -> LOG.log(Level.WARNING, "JwtGuard: " + warning));
            RuleReport rules = RuleReport.of(built.rules(), context);
            LOG.log(Level.INFO, "JwtGuard rules for " + contextName(context) + ":" + rules.toText());
            rules.rows().stream().filter(RuleReport.Row::loginNeedsAuthentication).forEach(row -> LOG.log(Level.WARNING,
                    "JwtGuard: servlet '" + row.servlet() + "' " + row.mappings() + " looks like a login endpoint but"
                            + " POST needs authentication, so clients without a token can never log in"));
            TokenIssuer.forSettings(settings, clock)
                    .ifPresent(issuer -> context.setAttribute(TokenIssuer.CONTEXT_ATTRIBUTE, issuer));
            order = FilterOrder.of(context.getFilterRegistrations());
            report = rules;
            if (authenticates()) {
                // Only a filter that authenticates needs its key sources fetching in the background.
                built.start();
            }
            built.metrics().register(context.getContextPath(), filterConfig.getFilterName());
            guard = built;
            if (authorizes()) {
                context.setAttribute(Guard.CONTEXT_ATTRIBUTE, built);
            }
            LOG.log(Level.INFO, "JwtGuard " + stageName() + " started for " + contextName(context) + ": trusting "
                    + settings.trusted() + ", clock skew " + settings.clockSkew().toSeconds() + "s, CORS "
                    + (settings.cors().enabled() ? "on" : "off") + ", diagnostics "
                    + settings.diagnostics().name().toLowerCase(Locale.ROOT));
        } catch (InvalidSettingsException e) {
            LOG.log(Level.ERROR, e.getMessage());
            throw new ServletException(e.getMessage());
        }
    }

    @Override
    public final void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        Guard current = guard;
        if (current == null) {
            throw new ServletException("JwtGuard filter used before init()");
        }
        filter(current, http, httpResponse, chain);
    }

    /** This filter's stages, in order. */
    abstract void filter(Guard guard, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException;

    /** For logs: "filter", "CORS filter", ... */
    abstract String stageName();

    /** Whether this filter runs the authentication stage (and so needs its key sources started). */
    boolean authenticates() {
        return false;
    }

    /** Whether this filter runs the authorization stage (and so publishes its rules for named dispatches). */
    boolean authorizes() {
        return false;
    }

    /** Stage 1. Returns whether the request goes on to authentication. */
    final boolean cors(Guard guard, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            return true;
        }
        if (request.getAttribute(AUTHENTICATION) != null) {
            refuse(guard, request, response, order.wrong("CORS ran after authentication"));
            return false;
        }
        request.setAttribute(CORS_DONE, Boolean.TRUE);
        CorsDecision decision = guard.cors().decide(request);
        guard.responder().applyCors(response, decision);
        return switch (decision.kind()) {
            case CONTINUE -> true;
            case ANSWER_PREFLIGHT -> {
                guard.responder().answerPreflight(response);
                yield false;
            }
            case REFUSE_PREFLIGHT -> {
                refuse(guard, request, response, decision.failure());
                yield false;
            }
        };
    }

    /**
     * Stage 2: the request's authentication, verified once per request and reused by every later
     * dispatch. Returns empty when the request was refused because the stages run out of order.
     */
    final Optional<AuthenticationResult> authenticate(Guard guard, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (request.getAttribute(AUTHENTICATION) instanceof AuthenticationResult earlier) {
            return Optional.of(earlier);
        }
        if (request.getDispatcherType() == DispatcherType.REQUEST && order.hasCorsFilter()
                && request.getAttribute(CORS_DONE) == null) {
            refuse(guard, request, response, order.wrong("authentication ran before CORS"));
            return Optional.empty();
        }
        AuthenticationResult result = authenticateWithListeners(guard, request);
        request.setAttribute(AUTHENTICATION, result);
        return Optional.of(result);
    }

    /** The authenticator's answer, with the listeners' say: a token of theirs, added roles, or a rejection. */
    private static AuthenticationResult authenticateWithListeners(Guard guard, HttpServletRequest request) {
        Listeners listeners = guard.listeners();
        if (listeners.isEmpty()) {
            return guard.authenticator().authenticate(request);
        }
        Optional<String> supplied = listeners.messageReceived(request);
        AuthenticationResult result = supplied.isPresent() ? guard.authenticator().validate(supplied.get())
                : guard.authenticator().authenticate(request);
        if (result.kind() == AuthenticationResult.Kind.AUTHENTICATED) {
            TokenDecision decision = listeners.tokenValidated(request, result.principal());
            if (decision.rejected()) {
                result = AuthenticationResult.refusedBy(Failure.of(decision.reason(), decision.description()));
            } else if (!decision.addedRoles().isEmpty()) {
                result = result.withAddedRoles(decision.addedRoles());
            }
        }
        if (result.kind() == AuthenticationResult.Kind.FAILED) {
            listeners.authenticationFailed(request, result.failure());
        }
        return result;
    }

    /** The request the application sees: with the verified principal when there is one. */
    static HttpServletRequest withPrincipal(HttpServletRequest request, AuthenticationResult authentication) {
        return authentication.kind() == AuthenticationResult.Kind.AUTHENTICATED
                && !(request.getUserPrincipal() instanceof JwtPrincipal)
                ? new AuthenticatedRequest(request, authentication.principal()) : request;
    }

    /** Stage 3: the rule of the servlet this dispatch will run, and what to do about it. */
    final void authorize(Guard guard, HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            AuthenticationResult authentication) throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.REQUEST && guard.settings().development()
                && (request.getContextPath() + RULES_PATH).equals(request.getRequestURI())) {
            guard.responder().rules(response, report);
            return;
        }
        authorizeFor(guard, servletName(request), request, response, chain, authentication);
    }

    /** Applies {@code servletName}'s rule: goes on, or refuses. Shared with {@link NamedDispatchFilter}. */
    static void authorizeFor(Guard guard, String servletName, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain, AuthenticationResult authentication) throws IOException, ServletException {
        Rule rule = guard.rules().ruleFor(servletName, request.getMethod());
        AccessDecision decision = guard.authorizer().decide(rule, authentication);
        switch (decision.kind()) {
            case ALLOW_AUTHENTICATED -> {
                guard.metrics().allowed();
                chain.doFilter(withPrincipal(request, authentication), response);
            }
            case ALLOW_ANONYMOUS -> {
                guard.metrics().allowed();
                if (decision.failure() != null) {
                    LOG.log(Level.DEBUG, () -> "JwtGuard let " + describe(request) + " through anonymously"
                            + " (@AllowAnonymous) despite " + decision.failure().reason().code()
                            + decision.failure().token().forLog() + " - " + decision.failure().description());
                }
                chain.doFilter(request, response);
            }
            case REFUSE -> refuse(guard, request, response, decision.failure());
        }
    }

    /** The failure for an authorization stage that found no authentication before it. */
    final Failure orderFailure() {
        return order.wrong("authorization ran with no authentication before it");
    }

    /** Logs and answers a refusal. An included servlet that is refused is left out of the page. */
    static void refuse(Guard guard, HttpServletRequest request, HttpServletResponse response, Failure failure)
            throws IOException {
        String correlationId = UUID.randomUUID().toString();
        Level level = failure.reason() == Reason.FILTER_ORDER_WRONG ? Level.ERROR : Level.INFO;
        LOG.log(level, () -> "JwtGuard refused " + describe(request) + ": " + failure.reason().status() + " "
                + failure.reason().code() + " correlationId=" + correlationId + failure.token().forLog() + " - "
                + failure.describe(failure.reason() == Reason.FILTER_ORDER_WRONG));
        guard.metrics().refused(failure.reason());
        if (request.getDispatcherType() == DispatcherType.INCLUDE) {
            return;
        }
        int status = failure.reason().status();
        if ((status == 400 || status == 401) && guard.listeners().challenge(request, response, failure)) {
            return;
        }
        if (status == 403 && request.getAttribute(AUTHENTICATION) instanceof AuthenticationResult authenticated
                && authenticated.kind() == AuthenticationResult.Kind.AUTHENTICATED) {
            guard.listeners().forbidden(request, authenticated.principal(), failure);
        }
        guard.responder().refuse(response, failure, correlationId);
    }

    /** The servlet this dispatch runs: for an include, the included one (Servlet 6.0 §9.3.1). */
    static String servletName(HttpServletRequest request) {
        HttpServletMapping mapping = request.getDispatcherType() == DispatcherType.INCLUDE
                ? (HttpServletMapping) request.getAttribute(RequestDispatcher.INCLUDE_MAPPING)
                : request.getHttpServletMapping();
        return mapping == null ? null : mapping.getServletName();
    }

    static String describe(HttpServletRequest request) {
        String uri = withoutPathParameterValues(request.getRequestURI());
        uri = uri.length() > 200 ? uri.substring(0, 200) + "..." : uri;
        String dispatch = request.getDispatcherType() == DispatcherType.REQUEST ? ""
                : " (" + request.getDispatcherType() + " to " + servletName(request) + ")";
        return Text.printable(request.getMethod() + " " + uri + dispatch);
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

    static String contextName(ServletContext context) {
        String path = context.getContextPath();
        return path == null || path.isEmpty() ? "the root context" : "context " + path;
    }

    @Override
    public void destroy() {
        Guard stopping = guard;
        guard = null;
        if (stopping != null) {
            stopping.close();
        }
    }

    /**
     * Which JwtGuard filters the application registered, by filter name, to tell the right
     * {@code <filter-mapping>} order when stages run out of it (the article's middleware-order cause).
     */
    record FilterOrder(String cors, String authentication, String authorization) {

        static FilterOrder of(Map<String, ? extends FilterRegistration> registrations) {
            String cors = null;
            String authentication = null;
            String authorization = null;
            for (Map.Entry<String, ? extends FilterRegistration> entry : registrations.entrySet()) {
                String className = String.valueOf(entry.getValue().getClassName());
                if (className.equals(JwtGuardCorsFilter.class.getName())) {
                    cors = entry.getKey();
                } else if (className.equals(JwtGuardAuthenticationFilter.class.getName())) {
                    authentication = entry.getKey();
                } else if (className.equals(JwtGuardAuthorizationFilter.class.getName())) {
                    authorization = entry.getKey();
                }
            }
            return new FilterOrder(cors, authentication, authorization);
        }

        boolean hasCorsFilter() {
            return cors != null;
        }

        Failure wrong(String what) {
            StringBuilder order = new StringBuilder();
            for (String name : new String[] {cors, authentication, authorization}) {
                if (name != null) {
                    order.append(order.length() == 0 ? "" : ", then ").append('\'').append(name).append('\'');
                }
            }
            return Failure.of(Reason.FILTER_ORDER_WRONG, "JwtGuard's stages ran out of order: " + what + ". In web.xml"
                    + " the <filter-mapping> elements decide the order; list them as " + order
                    + " (CORS, then authentication, then authorization), or register io.jwtguard.JwtGuardFilter alone");
        }
    }
}
