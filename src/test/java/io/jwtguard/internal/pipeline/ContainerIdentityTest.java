package io.jwtguard.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.JwtPrincipal;
import io.jwtguard.internal.authz.SecurityConstraints;
import io.jwtguard.testing.FakeContainer;
import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.FakeResponse;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Jakarta Authentication module of container identity mode, driven as a container drives it. */
class ContainerIdentityTest {

    private static final String ORIGIN = "https://app.test";
    private static final String MANDATORY = "jakarta.security.auth.message.MessagePolicy.isMandatory";

    static final class CallerServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    /** What a container's handler was told: the caller's name (null for anonymous) and groups, per call. */
    private static final class RecordingHandler implements CallbackHandler {
        final List<String> callers = new ArrayList<>();
        final List<List<String>> groups = new ArrayList<>();
        final List<Principal> principals = new ArrayList<>();
        Runnable during = () -> { };

        @Override
        public void handle(Callback[] callbacks) {
            for (Callback callback : callbacks) {
                if (callback instanceof CallerPrincipalCallback caller) {
                    principals.add(caller.getPrincipal());
                    callers.add(caller.getPrincipal() == null ? null : caller.getPrincipal().getName());
                } else if (callback instanceof GroupPrincipalCallback group) {
                    groups.add(List.of(group.getGroups()));
                }
            }
            Runnable once = during;
            during = () -> { };
            once.run();
        }
    }

    /** A container's message: the request, the response and the policy's map. */
    private static final class Message implements MessageInfo {
        private Object request;
        private Object response;
        private final Map<String, Object> map = new HashMap<>();

        Message(FakeRequest request, FakeResponse response, boolean mandatory) {
            this.request = request;
            this.response = response;
            map.put(MANDATORY, String.valueOf(mandatory));
        }

        @Override
        public Object getRequestMessage() {
            return request;
        }

        @Override
        public Object getResponseMessage() {
            return response;
        }

        @Override
        public void setRequestMessage(Object request) {
            this.request = request;
        }

        @Override
        public void setResponseMessage(Object response) {
            this.response = response;
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Map getMap() {
            return map;
        }
    }

    private final FakeContainer container = new FakeContainer()
            .servlet("caller", CallerServlet.class, "/api/caller", "/constrained/caller")
            .webXml("""
                    <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                      <security-constraint>
                        <web-resource-collection>
                          <web-resource-name>admins</web-resource-name>
                          <url-pattern>/constrained/*</url-pattern>
                        </web-resource-collection>
                        <auth-constraint><role-name>Admin</role-name></auth-constraint>
                      </security-constraint>
                    </web-app>
                    """);
    private Pipeline pipeline;
    private ContainerIdentity.Provider provider;

    @BeforeEach
    void start() throws Exception {
        Map<String, String> params = new HashMap<>(TestSettings.hmacValues());
        params.put("jwtguard.cors.allowed-origins", ORIGIN);
        container.filter("JwtGuard", params);
        new JwtGuardInitializer().onStartup(Set.of(), container.context());
        pipeline = Installation.of(container.context()).startFilter(FilterKind.ALL_STAGES, "JwtGuard");
        provider = new ContainerIdentity.Provider(container.context(), SecurityConstraints.read(container.context()),
                Set.of());
    }

    @AfterEach
    void close() {
        Installation.of(container.context()).close();
    }

    private ServerAuthContext module(CallbackHandler handler) throws AuthException {
        return provider.getServerAuthConfig("HttpServlet", "server /", handler).getAuthContext("JwtGuard", null,
                Map.of());
    }

    private static String token(String subject, String... roles) {
        return Tokens.valid(Instant.now()).withSubject(subject).withClaim("roles", List.of(roles)).sign(Tokens.hs256());
    }

    private static FakeRequest request(String uri, String token) {
        FakeRequest request = FakeRequest.get(uri).servlet("caller");
        return token == null ? request : request.bearer(token);
    }

    @Test
    void eachHandlerIsToldOnlyItsOwnCallerWhenTwoRequestsInterleave() throws Exception {
        RecordingHandler first = new RecordingHandler();
        RecordingHandler second = new RecordingHandler();
        ServerAuthContext firstModule = module(first);
        ServerAuthContext secondModule = module(second);
        // Bob's request, with the second configuration's handler, is validated while Alice's is half told.
        first.during = () -> {
            try {
                assertThat(secondModule.validateRequest(new Message(request("/api/caller", token("bob", "Admin")),
                        new FakeResponse(), false), new Subject(), null)).isEqualTo(AuthStatus.SUCCESS);
            } catch (AuthException e) {
                throw new AssertionError(e);
            }
        };

        AuthStatus alice = firstModule.validateRequest(new Message(request("/api/caller", token("alice", "User")),
                new FakeResponse(), false), new Subject(), null);
        AuthStatus aliceAgain = firstModule.validateRequest(new Message(request("/api/caller", token("alice", "User")),
                new FakeResponse(), false), new Subject(), null);

        assertThat(alice).isEqualTo(AuthStatus.SUCCESS);
        assertThat(aliceAgain).isEqualTo(AuthStatus.SUCCESS);
        assertThat(first.callers).containsExactly("alice", "alice");
        assertThat(first.groups).containsExactly(List.of("User"), List.of("User"));
        assertThat(second.callers).containsExactly("bob");
        assertThat(second.groups).containsExactly(List.of("Admin"));
    }

    @Test
    void initializeChangesNoModulesHandler() throws Exception {
        RecordingHandler own = new RecordingHandler();
        RecordingHandler other = new RecordingHandler();
        ServerAuthContext context = module(own);
        ((jakarta.security.auth.message.module.ServerAuthModule) context).initialize(null, null, other, Map.of());

        context.validateRequest(new Message(request("/api/caller", token("alice", "User")), new FakeResponse(), false),
                new Subject(), null);

        assertThat(own.callers).containsExactly("alice");
        assertThat(other.callers).isEmpty();
    }

    @Test
    void aValidTokenTellsTheContainerTheCallerItsGroupsAndTheAuthType() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        Subject client = new Subject();
        Message message = new Message(request("/api/caller", token("alice", "User", "Auditor")), new FakeResponse(),
                true);

        AuthStatus status = module(handler).validateRequest(message, client, null);

        assertThat(status).isEqualTo(AuthStatus.SUCCESS);
        assertThat(handler.principals).singleElement().isInstanceOf(JwtPrincipal.class);
        assertThat(handler.callers).containsExactly("alice");
        assertThat(handler.groups).singleElement().satisfies(groups ->
                assertThat(groups).containsExactlyInAnyOrder("User", "Auditor"));
        assertThat(message.getMap()).containsEntry("jakarta.servlet.http.authType", "Bearer");
    }

    @Test
    void aBadTokenWhereAuthenticationIsMandatoryIsJwtGuards401AndNoCaller() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        FakeResponse response = new FakeResponse();
        String forged = Tokens.valid(Instant.now()).withSubject("alice").withClaim("roles", List.of("Admin"))
                .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256("another-secret-of-the-same-length-0123456789"));

        AuthStatus status = module(handler).validateRequest(new Message(request("/constrained/caller", forged),
                response, true), new Subject(), null);

        assertThat(status).isEqualTo(AuthStatus.SEND_CONTINUE);
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(response.body()).contains("\"reason\":\"invalid_signature\"");
        assertThat(handler.callers).isEmpty();
    }

    @Test
    void aBadTokenWhereAuthenticationIsOptionalGoesOnWithNoCaller() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        FakeResponse response = new FakeResponse();

        AuthStatus status = module(handler).validateRequest(new Message(request("/api/caller", "not-a-token"),
                response, false), new Subject(), null);

        assertThat(status).isEqualTo(AuthStatus.SUCCESS);
        assertThat(handler.callers).containsExactly((String) null);
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void aCallerWithoutTheRoleAWebXmlConstraintDemandsGetsJwtGuards403() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        FakeResponse response = new FakeResponse();

        AuthStatus status = module(handler).validateRequest(new Message(request("/constrained/caller",
                token("alice", "User")), response, true), new Subject(), null);

        assertThat(status).isEqualTo(AuthStatus.SEND_CONTINUE);
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("WWW-Authenticate")).contains("error=\"insufficient_scope\"",
                "reason=\"insufficient_role\"");
        assertThat(response.body()).contains("\"reason\":\"insufficient_role\"");
        assertThat(handler.callers).isEmpty();

        FakeResponse admitted = new FakeResponse();
        assertThat(module(handler).validateRequest(new Message(request("/constrained/caller", token("admin", "Admin")),
                admitted, true), new Subject(), null)).isEqualTo(AuthStatus.SUCCESS);
        assertThat(handler.callers).containsExactly("admin");
    }

    @Test
    void whereTheContainerDoesNotDemandAuthenticationTheConstraintIsNotJwtGuardsToApply() throws Exception {
        RecordingHandler handler = new RecordingHandler();

        AuthStatus status = module(handler).validateRequest(new Message(request("/constrained/caller",
                token("alice", "User")), new FakeResponse(), false), new Subject(), null);

        assertThat(status).isEqualTo(AuthStatus.SUCCESS);
        assertThat(handler.callers).containsExactly("alice");
    }

    @Test
    void theFilterAfterTheModuleAddsNoSecondCorsHeaders() throws Exception {
        FakeRequest request = request("/api/caller", token("alice", "User")).header("Origin", ORIGIN);
        FakeResponse response = new FakeResponse();
        module(new RecordingHandler()).validateRequest(new Message(request, response, false), new Subject(), null);
        FilterChain chain = (req, res) -> { };

        pipeline.run(request, response, chain);

        assertThat(response.headers("Vary")).containsExactly("Origin");
        assertThat(response.headers("Access-Control-Allow-Origin")).containsExactly(ORIGIN);
    }

    @Test
    void aTokenCallerOnAnExistingSessionGetsANewSessionIdOncePerCaller() throws Exception {
        HttpSession session = session();
        RecordingHandler handler = new RecordingHandler();
        ServerAuthContext module = module(handler);

        FakeRequest anonymousSessionFirstCall = request("/api/caller", token("alice", "User")).session(session);
        module.validateRequest(new Message(anonymousSessionFirstCall, new FakeResponse(), false), new Subject(), null);
        FakeRequest sameCallerAgain = request("/api/caller", token("alice", "User")).session(session);
        module.validateRequest(new Message(sameCallerAgain, new FakeResponse(), false), new Subject(), null);
        FakeRequest anotherCaller = request("/api/caller", token("bob", "User")).session(session);
        module.validateRequest(new Message(anotherCaller, new FakeResponse(), false), new Subject(), null);
        FakeRequest noSession = request("/api/caller", token("carol", "User"));
        module.validateRequest(new Message(noSession, new FakeResponse(), false), new Subject(), null);

        assertThat(anonymousSessionFirstCall.sessionIdChanges()).isEqualTo(1);
        assertThat(sameCallerAgain.sessionIdChanges()).isZero();
        assertThat(anotherCaller.sessionIdChanges()).isEqualTo(1);
        assertThat(noSession.sessionIdChanges()).isZero();
        assertThat(handler.callers).containsExactly("alice", "alice", "bob", "carol");
    }

    /** A session with real attributes; anything else fails loudly. */
    private static HttpSession session() {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpSession) Proxy.newProxyInstance(ContainerIdentityTest.class.getClassLoader(),
                new Class<?>[] {HttpSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    default -> throw new UnsupportedOperationException("HttpSession." + method.getName());
                });
    }
}
