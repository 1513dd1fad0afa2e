package io.jwtguard.internal.pipeline;

import io.jwtguard.Revocations;
import io.jwtguard.TokenIssuer;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.TokenSigner;
import io.jwtguard.internal.authz.RuleReport;
import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.config.SettingsSource;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The stages one JwtGuard filter runs, as data: built once in the filter's {@code init} from its
 * settings, then run for every request, one stage after the other, until a stage answers the request or
 * the last one hands it to the rest of the chain. The four public filters are thin shells over one of
 * these. Immutable and thread-safe.
 */
public final class Pipeline {

    /** The {@code AuthenticationResult} of this request, set by the authentication stage. */
    static final String AUTHENTICATION = "io.jwtguard.authentication";
    /** Present once the CORS stage has run for this request. */
    static final String CORS_DONE = "io.jwtguard.cors";
    /** The {@code ServletContext} attribute under which the authorizing pipeline is published for named dispatches. */
    static final String CONTEXT_ATTRIBUTE = "io.jwtguard.Pipeline";
    /** The {@code ServletContext} attribute of the authenticating pipeline, which container identity mode runs. */
    static final String AUTHENTICATING = "io.jwtguard.AuthenticatingPipeline";
    /** Prefix of the {@code ServletContext} attribute holding each filter's started pipeline, by filter name. */
    private static final String STARTED_PREFIX = "io.jwtguard.Pipeline.";
    /**
     * Present when the container's authentication module authenticated this request (container identity mode): the
     * pipeline it ran, whose CORS stage has then run for this request already.
     */
    static final String CONTAINER_AUTHENTICATED = "io.jwtguard.containerAuthenticated";
    /** Present while a Jakarta REST resource's rule, which JwtGuardFeature applies, is still to be applied. */
    static final String RESOURCE_RULE_PENDING = "io.jwtguard.resourceRulePending";

    private static final System.Logger LOG = Refusals.LOG;

    private final List<Stage> stages;
    private final Guard guard;
    private final RuleReport report;
    private final FilterOrder order;
    private final RestServlets rest;
    private final java.util.Set<String> restDispatchers;

    private Pipeline(List<Stage> stages, Guard guard, RuleReport report, FilterOrder order, RestServlets rest,
            java.util.Set<String> restDispatchers) {
        this.stages = List.copyOf(stages);
        this.guard = guard;
        this.report = report;
        this.order = order;
        this.rest = rest;
        this.restDispatchers = java.util.Set.copyOf(restDispatchers);
    }

    /**
     * Builds the pipeline of the filter {@code config} belongs to, logs its start-up report (warnings,
     * the rule table, a login endpoint that needs authentication), and starts what it needs.
     *
     * @param description for logs: "filter", "CORS filter", ...
     * @throws ServletException naming every configuration problem at once
     */
    public static Pipeline start(FilterConfig config, String description, Clock clock, Stage... stages)
            throws ServletException {
        ServletContext context = config.getServletContext();
        Guard guard;
        try {
            guard = Guard.build(context, SettingsSource.of(initParameters(config)), clock, Guard.Completeness.COMPLETE,
                    List.of(stages).contains(Stage.AUTHORIZE));
        } catch (InvalidSettingsException e) {
            LOG.log(Level.ERROR, e.getMessage());
            throw new ServletException(e.getMessage());
        }
        Settings settings = guard.settings();
        if (!LOG.isLoggable(Level.INFO)) {
            // Never silent: the rule table and the refusal lines are the point of the log.
            context.log("JwtGuard: System.Logger 'io.jwtguard' does not log INFO in this server, so the start-up"
                    + " rule table and the refusal lines (reason, correlation id) are not written; enable INFO"
                    + " for 'io.jwtguard', or remove the library that replaced System.LoggerFinder");
        }
        settings.warnings().forEach(warning -> LOG.log(Level.WARNING, "JwtGuard: " + warning));
        guard.rules().warnings().forEach(warning -> LOG.log(Level.WARNING, "JwtGuard: " + warning));
        RuleReport report = RuleReport.of(guard.rules(), context);
        LOG.log(Level.INFO, "JwtGuard rules for " + contextName(context) + ":" + report.toText());
        report.rows().stream().filter(RuleReport.Row::loginNeedsAuthentication).forEach(row -> LOG.log(Level.WARNING,
                "JwtGuard: servlet '" + row.servlet() + "' " + row.mappings() + " looks like a login endpoint but"
                        + " POST needs authentication, so clients without a token can never log in"));
        boolean authenticates = List.of(stages).contains(Stage.AUTHENTICATE);
        if (authenticates && settings.containerAuthentication()
                && context.getAttribute(ContainerIdentity.REGISTRATION) == null) {
            // Never a silent filter mode: the container would not know the caller the settings promise it.
            String message = "JwtGuard cannot start: jwtguard.container-authentication=true, but JwtGuard did not"
                    + " register with the container: its ServletContainerInitializer did not run for "
                    + contextName(context) + " (web.xml's <absolute-ordering> leaves out 'jwtguard', or the container"
                    + " skipped initializers); add <others/> or <name>jwtguard</name> to the <absolute-ordering>";
            LOG.log(Level.ERROR, message);
            throw new ServletException(message);
        }
        if (authenticates) {
            // Revoking only ever refuses more, so it is always published: a logout endpoint needs nothing enabled.
            context.setAttribute(Revocations.CONTEXT_ATTRIBUTE, guard.revocations());
        }
        if (settings.publishTokenIssuer() && authenticates) {
            // Only on request: published, any code of the application (or an EL injection) could mint tokens.
            Optional<TokenSigner> signer = TokenSigner.forSettings(settings, clock, guard.revocations());
            signer.ifPresent(issuer -> context.setAttribute(TokenIssuer.CONTEXT_ATTRIBUTE, issuer));
            if (signer.isEmpty()) {
                LOG.log(Level.WARNING, "JwtGuard: jwtguard.token-issuer.publish=true, but there is no key to sign"
                        + " with (an HMAC secret, or jwtguard.signing.key.location next to a public key): no TokenIssuer"
                        + " is published");
            }
        }
        Pipeline pipeline = new Pipeline(List.of(stages), guard, report,
                FilterOrder.of(context.getFilterRegistrations()), RestServlets.of(context),
                RestServlets.dispatchers(context));
        if (pipeline.stages.contains(Stage.AUTHENTICATE)) {
            // Only a filter that authenticates needs its key sources fetching in the background.
            try {
                guard.start();
            } catch (RuntimeException e) {
                // A ServletException, like every other start-up problem: GlassFish and Payara would otherwise serve
                // the application without the filter (FilterShell refuses every request there instead).
                guard.close();
                String message = "JwtGuard cannot start: " + e.getMessage();
                LOG.log(Level.ERROR, message);
                throw new ServletException(message, e);
            }
        }
        guard.metrics().register(context.getContextPath(), config.getFilterName());
        if (pipeline.stages.contains(Stage.AUTHORIZE)) {
            context.setAttribute(CONTEXT_ATTRIBUTE, pipeline);
        }
        if (authenticates) {
            context.setAttribute(AUTHENTICATING, pipeline);
        }
        LOG.log(Level.INFO, "JwtGuard " + description + " started for " + contextName(context) + ": trusting "
                + settings.trusted() + ", clock skew " + settings.clockSkew().toSeconds() + "s, CORS "
                + (settings.cors().enabled() ? "on" : "off") + ", diagnostics "
                + settings.diagnostics().name().toLowerCase(Locale.ROOT) + ", settings from " + guard.settingsOrigin()
                + (authenticates ? ", revocation " + settings.revocation().describe() : ""));
        return pipeline;
    }

    /**
     * The pipeline of this filter, started now or already: container identity mode starts the authenticating
     * filter's pipeline itself when a request comes before the container initialised the filter (Undertow does
     * so lazily, after authentication), and the filter's own {@code init} then uses that one, never a second.
     */
    static Pipeline startOnce(FilterConfig config, String description, Clock clock, Stage... stages)
            throws ServletException {
        ServletContext context = config.getServletContext();
        String key = STARTED_PREFIX + config.getFilterName();
        synchronized (context) {
            if (context.getAttribute(key) instanceof Pipeline started) {
                return started;
            }
            Pipeline pipeline = start(config, description, clock, stages);
            context.setAttribute(key, pipeline);
            return pipeline;
        }
    }

    /** Runs the stages in order; hands the request on when every stage lets it go on. */
    public void run(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest current = http;
        for (Stage stage : stages) {
            Optional<HttpServletRequest> next = stage.apply(this, current, httpResponse);
            if (next.isEmpty()) {
                return;
            }
            current = next.get();
        }
        try {
            chain.doFilter(current, httpResponse);
        } catch (ServletException | RuntimeException e) {
            // An EJB's @RolesAllowed refused the caller (container identity mode): JwtGuard's 403, not a 500.
            if (!Refusals.refusedByEjb(e) || httpResponse.isCommitted() || !stages.contains(Stage.AUTHORIZE)) {
                throw e;
            }
            guard.refusals().refuse(current, httpResponse, Refusals.EJB_ROLE);
        }
    }

    /**
     * Container identity mode: what the authentication stage decides for this request, with the listeners' say
     * and revocation, left on the request for the filter's stages, which then reuse it.
     */
    AuthenticationResult authenticateForContainer(HttpServletRequest request) {
        AuthenticationResult result = Stage.authenticateWithListeners(guard, request);
        request.setAttribute(AUTHENTICATION, result);
        request.setAttribute(CONTAINER_AUTHENTICATED, this);
        return result;
    }

    /**
     * A Jakarta REST resource method's rule, applied by JwtGuardFeature once Jakarta REST has picked the method,
     * with the authentication the filter left on the request. Where the filter left the rule to the feature, this
     * is the request's only authorization; elsewhere it is applied on top of the servlet's. A refusal is already
     * logged and counted.
     */
    public ResourceVerdict authorizeResource(HttpServletRequest request, HttpServletResponse response,
            io.jwtguard.internal.authz.Rule rule) throws IOException {
        boolean deferred = request.getAttribute(RESOURCE_RULE_PENDING) != null;
        request.removeAttribute(RESOURCE_RULE_PENDING);
        if (!(request.getAttribute(AUTHENTICATION) instanceof AuthenticationResult authentication)) {
            return ResourceVerdict.refused(guard.refusals().refuseWithAnswer(request, response,
                    order.wrong("a Jakarta REST resource ran with no JwtGuard authentication before it")));
        }
        io.jwtguard.internal.authz.AccessDecision decision = guard.authorizer().decide(rule, authentication);
        switch (decision.kind()) {
            case REFUSE:
                return ResourceVerdict.refused(guard.refusals().refuseWithAnswer(request, response, decision.failure()));
            case ALLOW_ANONYMOUS:
                if (decision.failure() != null && deferred) {
                    guard.refusals().ignoredOnAnonymous(request, decision.failure());
                }
                // fall through: allowed either way
            default:
                if (deferred) {
                    guard.metrics().allowed();
                }
                return ResourceVerdict.PROCEED;
        }
    }

    /**
     * What a Jakarta REST resource's rule decided: go on, or stop the request with JwtGuard's answer, which is
     * absent when a listener's {@code challenge} answered on the servlet response itself.
     */
    public record ResourceVerdict(boolean proceeds, Optional<Responder.Answer> answer) {
        static final ResourceVerdict PROCEED = new ResourceVerdict(true, Optional.empty());

        static ResourceVerdict refused(Optional<Responder.Answer> answer) {
            return new ResourceVerdict(false, answer);
        }
    }

    /** Refuses a request to a resource whose rule could not be read (the start-up log names the problem). */
    public ResourceVerdict refuseResource(HttpServletRequest request, HttpServletResponse response,
            io.jwtguard.internal.diagnostics.Failure failure) throws IOException {
        request.removeAttribute(RESOURCE_RULE_PENDING);
        return ResourceVerdict.refused(guard.refusals().refuseWithAnswer(request, response, failure));
    }

    /** An enterprise bean's {@code @RolesAllowed} refused the caller a resource called it for: JwtGuard's 403. */
    public ResourceVerdict refuseForEnterpriseBean(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        return refuseResource(request, response, Refusals.EJB_ROLE);
    }

    /** The authorizing pipeline started for {@code context}, if any. */
    public static Optional<Pipeline> authorizing(ServletContext context) {
        return context.getAttribute(CONTEXT_ATTRIBUTE) instanceof Pipeline pipeline ? Optional.of(pipeline)
                : Optional.empty();
    }

    /** A refusal for a resource when no JwtGuard filter started for this context: a server fault, no settings shown. */
    public static Responder.Answer unguardedResource() throws IOException {
        return Responder.withoutSettings().answer(io.jwtguard.internal.diagnostics.Failure.of(
                io.jwtguard.Reason.CONFIGURATION_INVALID, "JwtGuard is not running in front of this resource; this is"
                        + " a server fault"), io.jwtguard.internal.diagnostics.CorrelationId.next());
    }

    /** Stops the background work and unregisters the counters. */
    public void close() {
        guard.close();
    }

    Guard guard() {
        return guard;
    }

    /** Whether this pipeline runs the CORS stage (container identity mode answers preflights with it). */
    boolean answersCors() {
        return stages.contains(Stage.CORS);
    }

    RuleReport report() {
        return report;
    }

    FilterOrder order() {
        return order;
    }

    RestServlets rest() {
        return rest;
    }

    /** Jakarta REST dispatcher servlets: their resources' rules are JwtGuardFeature's to apply. */
    boolean isRestDispatcher(String servletName) {
        return servletName != null && restDispatchers.contains(servletName);
    }

    /** The filter's init-params, listed so that open-ended keys (policies, named issuers) are found there too. */
    private static Map<String, String> initParameters(FilterConfig config) {
        Map<String, String> values = new HashMap<>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            String value = config.getInitParameter(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    static String contextName(ServletContext context) {
        String path = context.getContextPath();
        return path == null || path.isEmpty() ? "the root context" : "context " + path;
    }
}
