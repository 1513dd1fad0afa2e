package io.jwtguard.internal.pipeline;

import io.jwtguard.JwtPrincipal;
import io.jwtguard.Reason;
import io.jwtguard.TokenDecision;
import io.jwtguard.internal.authn.AuthenticatedRequest;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authz.Rule;
import io.jwtguard.internal.mcp.ToolRules;
import io.jwtguard.internal.cors.CorsDecision;
import io.jwtguard.internal.diagnostics.Failure;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * JwtGuard's three stages, always run in this order (the article's {@code UseCors},
 * {@code UseAuthentication}, {@code UseAuthorization}). Each takes the request and what the stages before
 * it decided so far ({@link SoFar}), and decides: go on with this request
 * (perhaps wrapped with the caller), or stop because the request has been answered. Every later dispatch of
 * one request (FORWARD, INCLUDE, ASYNC, ERROR) reuses the first verification. Stateless.
 */
enum Stage {

    /** Fetch "CORS protocol": preflights answered before authentication; headers for every later answer. */
    CORS {
        @Override
        Optional<HttpServletRequest> apply(Pipeline pipeline, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            if (request.getDispatcherType() != DispatcherType.REQUEST) {
                return Optional.of(request);
            }
            SoFar soFar = SoFar.of(request);
            if (soFar.byContainer() && soFar.corsDone()) {
                // The container's module ran this very stage for this request: its headers are set (Vary once).
                return Optional.of(request);
            }
            Guard guard = pipeline.guard();
            FilterOrder order = pipeline.registrations().order();
            if (soFar.authenticated() && !soFar.byContainer()) {
                guard.refusals().refuse(request, response, order.wrong("CORS ran after authentication"));
                return Optional.empty();
            }
            if (order.hasCorsFilter()) {
                // Only a separate authentication filter reads it, and only where a separate CORS filter is registered.
                soFar.corsRan().on(request);
            }
            CorsDecision decision = guard.cors().decide(request);
            guard.responder().applyCors(response, decision);
            return switch (decision.kind()) {
                case CONTINUE -> Optional.of(request);
                case ANSWER_PREFLIGHT -> {
                    guard.responder().answerPreflight(response);
                    yield Optional.empty();
                }
                case REFUSE_PREFLIGHT -> {
                    guard.refusals().refuse(request, response, decision.failure());
                    yield Optional.empty();
                }
            };
        }
    },

    /**
     * RFC 6750 bearer authentication, with the listeners' say. Never refuses by itself (an
     * {@code @AllowAnonymous} servlet must stay reachable): the result waits for authorization.
     */
    AUTHENTICATE {
        @Override
        Optional<HttpServletRequest> apply(Pipeline pipeline, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            SoFar soFar = SoFar.of(request);
            if (soFar.authenticated()) {
                return Optional.of(withPrincipal(request, soFar.authentication()));
            }
            FilterOrder order = pipeline.registrations().order();
            if (request.getDispatcherType() == DispatcherType.REQUEST && order.hasCorsFilter() && !soFar.corsDone()) {
                pipeline.guard().refusals().refuse(request, response, order.wrong("authentication ran before CORS"));
                return Optional.empty();
            }
            AuthenticationResult result = authenticateWithListeners(pipeline.guard(), request);
            soFar.authenticatedAs(result).on(request);
            return Optional.of(withPrincipal(request, result));
        }
    },

    /** The {@code @Authorize} / {@code @AllowAnonymous} rule of the servlet this dispatch runs. */
    AUTHORIZE {
        @Override
        Optional<HttpServletRequest> apply(Pipeline pipeline, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            Guard guard = pipeline.guard();
            String servlet = Refusals.servletName(request);
            if (request.getDispatcherType() == DispatcherType.REQUEST && guard.settings().development()
                    && RulesEndpoint.NAME.equals(servlet)) {
                guard.responder().rules(response, pipeline.registrations().report());
                return Optional.empty();
            }
            if (request.getDispatcherType() == DispatcherType.REQUEST && ResourceMetadataEndpoint.NAME.equals(servlet)
                    && pipeline.registrations().metadata().isPresent()) {
                // RFC 9728 §3: public, so answered whatever the request's token; CORS headers are already set.
                guard.responder().resourceMetadata(request, response, pipeline.registrations().metadata().get());
                return Optional.empty();
            }
            if (request.getDispatcherType() == DispatcherType.REQUEST && guard.console().isPresent()
                    && ConsoleEndpoint.NAME.equals(servlet)) {
                guard.console().get().answer(request, response, pipeline);
                return Optional.empty();
            }
            return authorize(pipeline, servlet, request, response);
        }
    };

    /** The request to go on with, or empty when this stage has answered it. */
    abstract Optional<HttpServletRequest> apply(Pipeline pipeline, HttpServletRequest request,
            HttpServletResponse response) throws IOException;

    /** Applies {@code servletName}'s rule to the authentication earlier stages left on the request. */
    static Optional<HttpServletRequest> authorize(Pipeline pipeline, String servletName, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        Guard guard = pipeline.guard();
        Registrations registrations = pipeline.registrations();
        SoFar soFar = SoFar.of(request);
        if (!soFar.authenticated()) {
            guard.refusals().refuse(request, response,
                    registrations.order().wrong("authorization ran with no authentication before it"));
            return Optional.empty();
        }
        if (pipeline.rest().defers(servletName)) {
            // Jakarta REST picks the resource method; JwtGuardFeature applies its rule there, with this authentication.
            soFar.resourceRule(true).on(request);
            return Optional.of(withPrincipal(request, soFar.authentication()));
        }
        if (registrations.isRestDispatcher(servletName)) {
            // Its resources' rules could not be applied: never a silent fallback in their place.
            guard.refusals().refuse(request, response, Failure.serverFault(Reason.CONFIGURATION_INVALID,
                    "this Jakarta REST endpoint cannot be authorized; this is a server fault",
                    "servlet '" + servletName + "' is a Jakarta REST servlet whose application does not run"
                            + " io.jwtguard.JwtGuardFeature, so its resources' rules cannot be applied: register"
                            + " io.jwtguard.JwtGuardFeature in the application (Application.getClasses, or Jersey's"
                            + " ResourceConfig.register) or let Jakarta REST scan the application's jars"));
            return Optional.empty();
        }
        Rule rule = registrations.rules().ruleFor(servletName, request.getMethod());
        boolean callsTools = registrations.callsRuledTools(servletName, request);
        Optional<Failure> refusal = pipeline.authorize(rule, soFar.authentication(), request, !callsTools);
        HttpServletRequest going = request;
        if (refusal.isEmpty() && callsTools) {
            // The endpoint's rule held, so the body is worth reading: the tools it calls add their rules.
            ToolRules.Calls calls = registrations.tools().read(request);
            going = calls.request();
            refusal = calls.refusal().isPresent() ? calls.refusal()
                    : pipeline.authorize(calls.rule().map(rule::and).orElse(rule), soFar.authentication(), going, true);
        }
        if (refusal.isPresent()) {
            guard.refusals().refuse(going, response, NoTokenCause.explain(refusal.get(), going, servletName,
                    guard.settings().cors().enabled(), registrations.report()));
            return Optional.empty();
        }
        return Optional.of(withPrincipal(going, soFar.authentication()));
    }

    /**
     * The authenticator's answer, with the listeners' say: a token of theirs, added roles, or a rejection. A
     * listener that fails while deciding refuses the request as a server fault: never lets the token through.
     */
    static AuthenticationResult authenticateWithListeners(Guard guard, HttpServletRequest request) {
        Metrics metrics = guard.metrics();
        if (!metrics.timesAuthentication()) {
            return decideAuthentication(guard, request);
        }
        long start = System.nanoTime();
        AuthenticationResult result = decideAuthentication(guard, request);
        metrics.authenticated(result.kind(), System.nanoTime() - start);
        return result;
    }

    private static AuthenticationResult decideAuthentication(Guard guard, HttpServletRequest request) {
        Listeners listeners = guard.listeners();
        if (listeners.isEmpty()) {
            return guard.proofs().check(request, guard.revocations().check(guard.authenticator().authenticate(request)));
        }
        try {
            return listened(listeners, guard, request);
        } catch (Listeners.HookFailed e) {
            AuthenticationResult refused = AuthenticationResult.refusedBy(Failure.serverFault(Reason.LISTENER_FAILED,
                    "the server could not finish checking the token; this is a server fault, retry later",
                    e.getMessage()));
            listeners.authenticationFailed(request, refused.failure());
            return refused;
        }
    }

    private static AuthenticationResult listened(Listeners listeners, Guard guard, HttpServletRequest request) {
        Optional<String> supplied = listeners.messageReceived(request);
        AuthenticationResult result = guard.proofs().check(request, guard.revocations().check(supplied.isPresent()
                ? guard.authenticator().validate(supplied.get()) : guard.authenticator().authenticate(request)));
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
    private static HttpServletRequest withPrincipal(HttpServletRequest request, AuthenticationResult authentication) {
        return authentication.kind() == AuthenticationResult.Kind.AUTHENTICATED && !knowsTheCaller(request)
                ? new AuthenticatedRequest(request, authentication.principal()) : request;
    }

    /**
     * Whether this request already answers with the verified caller: the container's, where its authentication
     * module ran (container identity mode), else JwtGuard's wrapper from an earlier dispatch. Asked without calling
     * the container's {@code getUserPrincipal()} where the module did not run: Jetty would start its deferred
     * authentication there, for nothing.
     */
    private static boolean knowsTheCaller(HttpServletRequest request) {
        // JwtGuard's wrapper first: found without a look at the request's attributes (the later stages' usual case).
        for (jakarta.servlet.ServletRequest r = request; r instanceof jakarta.servlet.ServletRequestWrapper wrapper;
                r = wrapper.getRequest()) {
            if (r instanceof AuthenticatedRequest) {
                return true;
            }
        }
        return SoFar.of(request).byContainer() && request.getUserPrincipal() instanceof JwtPrincipal;
    }
}
