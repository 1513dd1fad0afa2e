package io.jwtguard.internal.pipeline;

import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authz.Rule;
import io.jwtguard.internal.authz.SecurityConstraints;
import io.jwtguard.internal.diagnostics.CorrelationId;
import io.jwtguard.internal.diagnostics.Failure;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;

/**
 * Container identity mode's server authentication module, registered by {@link ContainerIdentity}: the
 * authenticating filter's stages, told to the container through the handler it was built with. Immutable and
 * thread-safe.
 */
final class ContainerModule implements ServerAuthModule, ServerAuthContext {

    private static final String MANDATORY = "jakarta.security.auth.message.MessagePolicy.isMandatory";
    private static final String AUTH_TYPE = "jakarta.servlet.http.authType";
    /** The session attribute naming the token caller a session's id was last changed for. */
    static final String SESSION_CALLER = "io.jwtguard.sessionCaller";


    private final ServletContext context;
    private final SecurityConstraints constraints;
    private final java.util.Set<String> declaringServlets;
    private final CallbackHandler handler;

    ContainerModule(ServletContext context, SecurityConstraints constraints, java.util.Set<String> declaringServlets,
            CallbackHandler handler) {
        this.context = context;
        this.constraints = constraints;
        this.declaringServlets = declaringServlets;
        this.handler = handler;
    }

    /**
     * Writes nothing: the module comes with its handler from its configuration, and a container that wraps it
     * in a context of its own hands the same one here; taking it would make the module shared mutable state.
     */
    @Override
    public void initialize(MessagePolicy requestPolicy, MessagePolicy responsePolicy, CallbackHandler handler,
            @SuppressWarnings("rawtypes") Map options) {
    }

    @Override
    public Class<?>[] getSupportedMessageTypes() {
        return new Class<?>[] {HttpServletRequest.class, HttpServletResponse.class};
    }

    @Override
    public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
        HttpServletRequest request = (HttpServletRequest) message.getRequestMessage();
        HttpServletResponse response = (HttpServletResponse) message.getResponseMessage();
        boolean mandatory = Boolean.parseBoolean(String.valueOf(message.getMap().get(MANDATORY)));
        if (request == null) {
            // Jetty's deferred authentication (getUserPrincipal() where no constraint applies) hands over no
            // request, and cannot take a caller back (it needs a login service); declining leaves Jetty with no
            // caller there, and the application with the one the filter verified (its request wrapper).
            throw new DeferredDeclined();
        }
        try {
            Pipeline pipeline = Installation.of(context).authenticating().orElse(null);
            if (pipeline == null) {
                // The filter has not started (or could not): no caller can be vouched for; refuse, never admit.
                if (!mandatory) {
                    return anonymous(client);
                }
                Failure notStarted = Failure.of(Reason.CONFIGURATION_INVALID,
                        "JwtGuard has not started for this application; the server log says why");
                if (JettyAuthenticationApi.handles(message)) {
                    JettyAuthenticationApi.send(message, Optional.of(Responder.withoutSettings().answer(notStarted,
                            CorrelationId.next())));
                } else {
                    Responder.withoutSettings().refuse(response, notStarted, CorrelationId.next());
                    answered(response);
                }
                return AuthStatus.SEND_CONTINUE;
            }
            if (pipeline.runs(Stage.CORS) && Stage.CORS.apply(pipeline, request, response).isEmpty()) {
                if (JettyAuthenticationApi.handles(message)) {
                    JettyAuthenticationApi.send(message, Optional.empty());
                } else {
                    answered(response);
                }
                return AuthStatus.SEND_SUCCESS; // a preflight, answered (or refused) without a caller
            }
            AuthenticationResult result = pipeline.authenticateForContainer(request);
            if (result.kind() == AuthenticationResult.Kind.AUTHENTICATED) {
                Optional<Failure> refusal = mandatory ? roleRefusal(pipeline, request, result) : Optional.empty();
                if (refusal.isEmpty()) {
                    newSessionIdForANewCaller(request, result.principal());
                    return caller(message, client, result);
                }
                return refuse(message, pipeline, request, response, refusal.get());
            }
            if (!mandatory) {
                return anonymous(client);
            }
            return refuse(message, pipeline, request, response, result.failure());
        } catch (IOException | ServletException | RuntimeException e) {
            // Fail closed: the container answers a failed module as a server fault; the cause is logged here,
            // since not every container logs what a module throws.
            Refusals.LOG.log(Level.ERROR, "JwtGuard's authentication module failed for " + Refusals.describe(request)
                    + "; the container answers it as a server fault", e);
            AuthException failed = new AuthException("JwtGuard could not authenticate the request: " + e);
            failed.initCause(e);
            throw failed;
        }
    }

    /** JwtGuard's refusal, sent here: the container answers none of it. */
    private static AuthStatus refuse(MessageInfo message, Pipeline pipeline, HttpServletRequest request,
            HttpServletResponse response, Failure failure) throws IOException {
        if (JettyAuthenticationApi.handles(message)) {
            // Before Jetty's servlet output is open: the answer goes through Jetty's own response.
            JettyAuthenticationApi.send(message, pipeline.guard().refusals().refuseWithAnswer(request, response,
                    failure));
        } else {
            pipeline.guard().refusals().refuse(request, response, failure);
            answered(response);
        }
        // Sent (a challenge, RFC 6750, or a 403): SEND_FAILURE would make Undertow send its own error after it.
        return AuthStatus.SEND_CONTINUE;
    }

    /**
     * The refusal the container would make for web.xml's constraint on this request (the caller has none of its
     * roles), made here instead, so that it is JwtGuard's 403 with its reason rather than the container's HTML
     * page. Only where the container says a constraint applies (authentication is mandatory) and web.xml's
     * constraints decide alone: a servlet with {@code @ServletSecurity}, a constraint without roles, {@code *} or
     * {@code **} are left to the container, which refuses with its own page.
     */
    private Optional<Failure> roleRefusal(Pipeline pipeline, HttpServletRequest request,
            AuthenticationResult result) {
        String servlet = Refusals.servletName(request);
        if (servlet == null || declaringServlets.contains(servlet)) {
            return Optional.empty();
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return constraints.rolesDemanded(path, request.getMethod())
                .map(roles -> Rule.restricted(roles, "", "web.xml <security-constraint>"))
                .flatMap(rule -> pipeline.authorize(rule, result, request, false));
    }

    /**
     * A new session id when a token caller arrives on a session that was not that caller's (started anonymously,
     * or by another caller): session fixation (OWASP) cannot hand the application's session data, now the
     * caller's, to whoever planted the id. Tomcat does so itself; WildFly and Jetty keep the id. Never creates a
     * session. The session remembers whose it now is.
     */
    private static void newSessionIdForANewCaller(HttpServletRequest request, io.jwtguard.JwtPrincipal caller) {
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        String name = String.valueOf(caller.getName());
        try {
            if (session != null && !name.equals(session.getAttribute(SESSION_CALLER))) {
                request.changeSessionId();
                session.setAttribute(SESSION_CALLER, name);
            }
        } catch (IllegalStateException e) {
            // Invalidated meanwhile (a concurrent sign-out): no session is left whose data could be fixated.
        }
    }

    /**
     * JwtGuard's answer is complete, so that no container replaces it with an error page of its own: Undertow
     * sends one for an exchange left incomplete, and logs a stack trace when the response is merely committed.
     */
    private static void answered(HttpServletResponse response) throws IOException {
        response.getOutputStream().close();
    }

    /** Jetty's deferred authentication, declined: expected on every such request, so without a stack trace. */
    private static final class DeferredDeclined extends AuthException {
        private static final long serialVersionUID = 1L;

        DeferredDeclined() {
            super("JwtGuard does not take part in Jetty's deferred authentication");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** Tells the container who the caller is and what roles the caller has. */
    private AuthStatus caller(MessageInfo message, Subject client, AuthenticationResult result) throws AuthException {
        Principal caller = result.principal();
        try {
            handler.handle(new Callback[] {new CallerPrincipalCallback(client, caller),
                    new GroupPrincipalCallback(client, result.principal().getRoles().toArray(String[]::new))});
        } catch (IOException | javax.security.auth.callback.UnsupportedCallbackException e) {
            throw new AuthException("JwtGuard could not tell the container who the caller is: " + e);
        }
        // What getAuthType() answers, as in filter mode (the Servlet profile's key; else "JASPIC").
        @SuppressWarnings("unchecked")
        Map<String, Object> map = message.getMap();
        map.put(AUTH_TYPE, "Bearer");
        return AuthStatus.SUCCESS;
    }

    private AuthStatus anonymous(Subject client) throws AuthException {
        try {
            handler.handle(new Callback[] {new CallerPrincipalCallback(client, (Principal) null)});
        } catch (IOException | javax.security.auth.callback.UnsupportedCallbackException e) {
            throw new AuthException("JwtGuard could not tell the container the caller is anonymous: " + e);
        }
        return AuthStatus.SUCCESS;
    }

    @Override
    public AuthStatus secureResponse(MessageInfo message, Subject service) {
        return AuthStatus.SEND_SUCCESS;
    }

    @Override
    public void cleanSubject(MessageInfo message, Subject subject) {
        if (subject != null) {
            subject.getPrincipals().clear();
        }
    }
}
