package io.jwtguard.internal.pipeline;

import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authz.AccessDecision;
import io.jwtguard.internal.authz.Rule;
import io.jwtguard.internal.diagnostics.CorrelationId;
import io.jwtguard.internal.diagnostics.Failure;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The stages one JwtGuard filter runs, over the application's one {@link Guard}: run for every request, one stage
 * after the other, until a stage answers the request or the last one hands it to the rest of the chain. The four
 * public filters, the named-dispatch guards, the Jakarta REST feature and the container module all run requests
 * through one of these, built by {@link Installation}. Immutable; thread-safe.
 */
public final class Pipeline {

    private final List<Stage> stages;
    private final Guard guard;
    private final Registrations registrations;
    private final RestServlets rest;

    Pipeline(List<Stage> stages, Guard guard, Registrations registrations, RestServlets rest) {
        this.stages = List.copyOf(stages);
        this.guard = guard;
        this.registrations = registrations;
        this.rest = rest;
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
            if (!Refusals.refusedByEjb(e) || httpResponse.isCommitted() || !runs(Stage.AUTHORIZE)) {
                throw e;
            }
            guard.refusals().refuse(current, httpResponse, Refusals.EJB_ROLE);
        }
    }

    /**
     * A rule applied to what the authentication stage decided: the one place an access decision is counted and
     * logged, for servlets, named dispatches and resource methods alike. Empty when the request may go on, else
     * the refusal to answer it with.
     *
     * @param counts whether this is the request's authorization (not one applied on top of an earlier one)
     */
    Optional<Failure> authorize(Rule rule, AuthenticationResult authentication, HttpServletRequest request,
            boolean counts) {
        AccessDecision decision = guard.authorizer().decide(rule, authentication);
        if (!decision.allows()) {
            return Optional.of(decision.failure());
        }
        if (counts) {
            guard.metrics().allowed();
            decision.ignoredFailure().ifPresent(ignored -> guard.refusals().ignoredOnAnonymous(request, ignored));
        }
        return Optional.empty();
    }

    /**
     * Container identity mode: what the authentication stage decides for this request, with the listeners' say
     * and revocation, left on the request for the filter's stages, which then reuse it.
     */
    AuthenticationResult authenticateForContainer(HttpServletRequest request) {
        AuthenticationResult result = Stage.authenticateWithListeners(guard, request);
        SoFar.of(request).authenticatedByContainer(result, runs(Stage.CORS)).on(request);
        return result;
    }

    /**
     * A Jakarta REST resource method's rule, applied by JwtGuardFeature once Jakarta REST has picked the method,
     * with the authentication the filter left on the request. Where the filter left the rule to the feature, this
     * is the request's only authorization; elsewhere it is applied on top of the servlet's. A refusal is already
     * logged and counted.
     */
    public ResourceVerdict authorizeResource(HttpServletRequest request, HttpServletResponse response, Rule rule)
            throws IOException {
        SoFar soFar = SoFar.of(request);
        if (soFar.resourceRulePending()) {
            soFar.resourceRule(false).on(request);
        }
        if (!soFar.authenticated()) {
            return ResourceVerdict.refused(guard.refusals().refuseWithAnswer(request, response,
                    registrations.order().wrong("a Jakarta REST resource ran with no JwtGuard authentication before it")));
        }
        Optional<Failure> refusal = authorize(rule, soFar.authentication(), request, soFar.resourceRulePending());
        return refusal.isEmpty() ? ResourceVerdict.PROCEED
                : ResourceVerdict.refused(guard.refusals().refuseWithAnswer(request, response, refusal.get()));
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
    public ResourceVerdict refuseResource(HttpServletRequest request, HttpServletResponse response, Failure failure)
            throws IOException {
        SoFar soFar = SoFar.of(request);
        if (soFar.resourceRulePending()) {
            soFar.resourceRule(false).on(request);
        }
        return ResourceVerdict.refused(guard.refusals().refuseWithAnswer(request, response, failure));
    }

    /** An enterprise bean's {@code @RolesAllowed} refused the caller a resource called it for: JwtGuard's 403. */
    public ResourceVerdict refuseForEnterpriseBean(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        return refuseResource(request, response, Refusals.EJB_ROLE);
    }

    /** The pipeline that authorizes for {@code context}, once a JwtGuard filter that authorizes has started. */
    public static Optional<Pipeline> authorizing(ServletContext context) {
        return Installation.find(context).flatMap(Installation::authorizing);
    }

    /** A refusal for a resource when no JwtGuard filter started for this context: a server fault, no settings shown. */
    public static Responder.Answer unguardedResource() throws IOException {
        return Responder.withoutSettings().answer(Failure.of(Reason.CONFIGURATION_INVALID, "JwtGuard is not running"
                + " in front of this resource; this is a server fault"), CorrelationId.next());
    }

    Guard guard() {
        return guard;
    }

    boolean runs(Stage stage) {
        return stages.contains(stage);
    }

    Registrations registrations() {
        return registrations;
    }

    RestServlets rest() {
        return rest;
    }

    static String contextName(ServletContext context) {
        return Installation.contextName(context);
    }
}
