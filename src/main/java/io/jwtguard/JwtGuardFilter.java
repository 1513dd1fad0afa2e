package io.jwtguard;

import io.jwtguard.authn.AuthenticatedRequest;
import io.jwtguard.authn.AuthenticationResult;
import io.jwtguard.authz.AccessDecision;
import io.jwtguard.authz.Rule;
import io.jwtguard.authz.RuleTable;
import io.jwtguard.config.InvalidSettingsException;
import io.jwtguard.config.Settings;
import io.jwtguard.cors.CorsDecision;
import io.jwtguard.diagnostics.Failure;
import io.jwtguard.diagnostics.Text;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * JwtGuard: one servlet filter that runs CORS, then authenticates JWT bearer tokens (RFC 6750), then
 * authorizes each request by the {@link Authorize} / {@link AllowAnonymous} annotations of the servlet
 * that will serve it; always in that order, so a preflight never needs a token and authorization never
 * runs before authentication. Register it in {@code web.xml} for {@code /*}:
 *
 * <pre>{@code
 * <filter>
 *   <filter-name>JwtGuard</filter-name>
 *   <filter-class>io.jwtguard.JwtGuardFilter</filter-class>
 * </filter>
 * <filter-mapping>
 *   <filter-name>JwtGuard</filter-name>
 *   <url-pattern>/*</url-pattern>
 * </filter-mapping>
 * }</pre>
 *
 * <p>Settings come from MicroProfile Config ({@code jwtguard.*}), with init-params as the lowest-priority
 * defaults; they are read and checked once in {@link #init}, which fails with every problem listed.
 * Stages return decisions; this class alone writes responses. Thread-safe after {@code init}.
 */
public class JwtGuardFilter implements Filter {

    private static final System.Logger LOG = System.getLogger("io.jwtguard");

    private final Clock clock;
    private volatile Guard guard;

    public JwtGuardFilter() {
        this(Clock.systemUTC());
    }

    JwtGuardFilter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        ServletContext context = filterConfig.getServletContext();
        try {
            Guard built = Guard.build(context, key -> Optional.ofNullable(filterConfig.getInitParameter(key)), clock);
            Settings settings = built.settings();
            settings.warnings().forEach(warning -> LOG.log(Level.WARNING, "JwtGuard: " + warning));
            logRules(context, built.rules());
            TokenIssuer.forSettings(settings, clock)
                    .ifPresent(issuer -> context.setAttribute(TokenIssuer.CONTEXT_ATTRIBUTE, issuer));
            guard = built;
            LOG.log(Level.INFO, "JwtGuard started for " + contextName(context) + ": algorithms "
                    + settings.algorithms() + ", issuers " + settings.issuers() + ", audiences " + settings.audiences()
                    + ", clock skew " + settings.clockSkew().toSeconds() + "s, CORS "
                    + (settings.cors().enabled() ? "for " + corsOrigins(settings) : "off") + ", diagnostics "
                    + settings.diagnostics().name().toLowerCase(java.util.Locale.ROOT));
        } catch (InvalidSettingsException e) {
            LOG.log(Level.ERROR, e.getMessage());
            throw new ServletException(e.getMessage());
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        Guard current = guard;
        if (current == null) {
            throw new ServletException("JwtGuardFilter used before init()");
        }
        CorsDecision cors = current.cors().decide(http);
        current.responder().applyCors(httpResponse, cors);
        switch (cors.kind()) {
            case ANSWER_PREFLIGHT -> {
                current.responder().answerPreflight(httpResponse);
                return;
            }
            case REFUSE_PREFLIGHT -> {
                refuse(current, http, httpResponse, cors.failure());
                return;
            }
            case CONTINUE -> {
                // on to authentication, with the CORS headers already on the response
            }
        }
        Rule rule = current.rules().ruleFor(servletName(http), http.getMethod());
        AuthenticationResult authentication = current.authenticator().authenticate(http);
        AccessDecision decision = current.authorizer().decide(rule, authentication);
        switch (decision.kind()) {
            case ALLOW_AUTHENTICATED -> chain.doFilter(new AuthenticatedRequest(http, authentication.principal()),
                    response);
            case ALLOW_ANONYMOUS -> {
                if (decision.failure() != null) {
                    logIgnored(http, decision.failure());
                }
                chain.doFilter(request, response);
            }
            case REFUSE -> refuse(current, http, httpResponse, decision.failure());
        }
    }

    private void refuse(Guard current, HttpServletRequest request, HttpServletResponse response, Failure failure)
            throws IOException {
        String correlationId = UUID.randomUUID().toString();
        LOG.log(Level.INFO, () -> "JwtGuard refused " + describe(request) + ": " + failure.reason().status() + " "
                + failure.reason().code() + " correlationId=" + correlationId + failure.token().forLog() + " - "
                + failure.description());
        current.responder().refuse(response, failure, correlationId);
    }

    private static void logIgnored(HttpServletRequest request, Failure failure) {
        LOG.log(Level.DEBUG, () -> "JwtGuard let " + describe(request) + " through anonymously (@AllowAnonymous)"
                + " despite " + failure.reason().code() + failure.token().forLog() + " - " + failure.description());
    }

    private static String servletName(HttpServletRequest request) {
        HttpServletMapping mapping = request.getHttpServletMapping();
        return mapping == null ? null : mapping.getServletName();
    }

    private static String describe(HttpServletRequest request) {
        String uri = request.getRequestURI();
        uri = uri == null ? "" : uri.length() > 200 ? uri.substring(0, 200) + "..." : uri;
        return Text.printable(request.getMethod() + " " + uri);
    }

    private static String corsOrigins(Settings settings) {
        java.util.List<String> origins = new java.util.ArrayList<>(settings.cors().origins());
        settings.cors().patterns().forEach(pattern -> origins.add(pattern.toString()));
        if (settings.cors().anyOrigin()) {
            origins.add("*");
        }
        return origins.toString();
    }

    private static String contextName(ServletContext context) {
        String path = context.getContextPath();
        return path == null || path.isEmpty() ? "the root context" : "context " + path;
    }

    private static void logRules(ServletContext context, RuleTable rules) {
        StringBuilder table = new StringBuilder("JwtGuard rules for ").append(contextName(context)).append(':');
        for (Map.Entry<String, RuleTable.ServletRules> servlet : rules.servlets().entrySet()) {
            var registration = context.getServletRegistration(servlet.getKey());
            table.append(System.lineSeparator()).append("  ").append(servlet.getKey())
                    .append(' ').append(registration == null ? "[]" : registration.getMappings())
                    .append(": default ").append(servlet.getValue().defaultRule().describe());
            servlet.getValue().byMethod().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(m -> table.append(", ").append(m.getKey()).append(' ').append(m.getValue().describe()));
        }
        LOG.log(Level.INFO, table.toString());
    }

    @Override
    public void destroy() {
        guard = null;
    }
}
