package io.jwtguard.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.algorithms.Algorithm;
import io.jwtguard.AllowAnonymous;
import io.jwtguard.Authorize;
import io.jwtguard.JwtGuardContextListener;
import io.jwtguard.JwtPrincipal;
import io.jwtguard.testing.CapturedLog;
import io.jwtguard.testing.FakeContainer;
import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.FakeResponse;
import io.jwtguard.testing.JwksServer;
import io.jwtguard.testing.TestKeys;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelineTest {

    private static final Stage[] ALL = {Stage.CORS, Stage.AUTHENTICATE, Stage.AUTHORIZE};

    @Authorize(roles = "Admin")
    static final class AdminServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    @AllowAnonymous
    static final class LoginServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    @Authorize(policy = "Nowhere")
    static final class ReportsServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    /** Remembers the request the pipeline handed on, if it did. */
    private static final class Chain implements FilterChain {
        ServletRequest passed;

        @Override
        public void doFilter(ServletRequest request, jakarta.servlet.ServletResponse response) {
            passed = request;
        }
    }

    private final FakeContainer container = new FakeContainer()
            .servlet("admin", AdminServlet.class, "/api/admin")
            .servlet("login", LoginServlet.class, "/login");
    private final Chain chain = new Chain();
    private final FakeResponse response = new FakeResponse();
    private Pipeline pipeline;

    @AfterEach
    void close() {
        Installation.of(container.context()).close();
    }

    /** The filter kind that runs exactly {@code stages}. */
    private static FilterKind kindRunning(Stage... stages) {
        return java.util.Arrays.stream(FilterKind.values()).filter(kind -> kind.stages().equals(List.of(stages)))
                .findFirst().orElseThrow();
    }

    /** As a container starts the application: the initializer, then (with {@code listener}) JwtGuard's listener, then the filter. */
    private Pipeline start(Map<String, String> changes, Stage... stages) throws ServletException {
        return start(changes, Set.of(), false, stages);
    }

    private Pipeline start(Map<String, String> changes, Set<Class<?>> annotated, boolean listener, Stage... stages)
            throws ServletException {
        Map<String, String> params = new HashMap<>(TestSettings.hmacValues());
        params.putAll(changes);
        FilterKind kind = kindRunning(stages);
        container.filter("JwtGuard", kind.className(), params);
        new JwtGuardInitializer().onStartup(annotated, container.context());
        lateRegistrations.run();
        if (listener) {
            new JwtGuardContextListener().contextInitialized(new ServletContextEvent(container.context()));
        }
        pipeline = Installation.of(container.context()).startFilter(kind, "JwtGuard");
        return pipeline;
    }

    /** What an application's listener registers in code, after JwtGuard's initializer. */
    private Runnable lateRegistrations = () -> { };

    private static String token(String... roles) {
        return Tokens.valid(Instant.now()).withClaim("roles", List.of(roles)).sign(Tokens.hs256());
    }

    @Test
    void oneStartUpReportsTheProblemsOfSettingsPoliciesRulesAndListenersTogether() {
        container.servlet("reports", ReportsServlet.class, "/api/reports");

        assertThatThrownBy(() -> start(Map.of(
                "jwtguard.clock-skew", "10m",
                "jwtguard.policy.Auditors.bogus", "x",
                "jwtguard.listeners", "com.example.NoSuchListener"), ALL))
                .isInstanceOf(ServletException.class)
                .hasMessageStartingWith("JwtGuard cannot start: 4 configuration problems")
                .hasMessageContaining("jwtguard.clock-skew: is 600s, over the 300s limit")
                .hasMessageContaining("jwtguard.policy.Auditors.bogus: unknown policy part 'bogus'")
                .hasMessageContaining("servlet 'reports'")
                .hasMessageContaining("@Authorize(policy = \"Nowhere\") on ReportsServlet names a policy defined nowhere")
                .hasMessageContaining("jwtguard.listeners: cannot create com.example.NoSuchListener");
    }

    @Test
    void anEnterpriseBeansRoleRefusalIsJwtGuardsForbiddenNotAServerError() throws Exception {
        FilterChain callsABean = (request, response) -> {
            throw new ServletException(new jakarta.ejb.EJBException(new jakarta.ejb.EJBAccessException("WFLYEJB0364")));
        };

        start(Map.of(), ALL).run(FakeRequest.get("/api/admin").servlet("admin").bearer(token("Admin")), response,
                callsABean);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.body()).contains("\"reason\":\"insufficient_role\"", "an enterprise bean")
                .doesNotContain("WFLYEJB0364", "Exception");
    }

    @Test
    void anyOtherFailureOfTheApplicationStaysItsOwn() throws Exception {
        FilterChain fails = (request, response) -> {
            throw new ServletException(new IllegalStateException("the application's own bug"));
        };

        assertThatThrownBy(() -> start(Map.of(), ALL).run(FakeRequest.get("/api/admin").servlet("admin")
                .bearer(token("Admin")), response, fails)).isInstanceOf(ServletException.class)
                .hasRootCauseMessage("the application's own bug");
    }

    @Test
    void containerIdentityModeIsRefusedAtStartUpWhereItIsNotDone() {
        container.serverInfo("GlassFish Server Open Source Edition 7.0.21");
        Map<String, String> params = new HashMap<>(TestSettings.hmacValues());
        params.put("jwtguard.container-authentication", "true");
        container.filter("JwtGuard", params);

        assertThatThrownBy(() -> new JwtGuardInitializer().onStartup(Set.of(), container.context()))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("container identity mode is done for Tomcat 10.1 and 11, WildFly and Jetty 12 so far,"
                        + " not for GlassFish Server Open Source Edition 7.0.21; leave it false here");
    }

    @Test
    void containerIdentityModeWithoutItsRegistrationFailsTheFilterInsteadOfFallingBackToFilterMode() {
        container.serverInfo("Apache Tomcat/11.0.24");
        Map<String, String> params = new HashMap<>(TestSettings.hmacValues());
        params.put("jwtguard.container-authentication", "true");
        // No initializer ran (an <absolute-ordering> without JwtGuard): nothing registered with the container.
        container.filter("JwtGuard", FilterKind.AUTHENTICATION.className(), params);

        assertThatThrownBy(() -> Installation.of(container.context()).startFilter(FilterKind.AUTHENTICATION, "JwtGuard"))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("jwtguard.container-authentication=true, but JwtGuard did not register with the"
                        + " container");
    }

    @Test
    void onJettyAContextWhoseHiddenClassesCannotBeChangedIsRefusedNamingWhy() {
        container.serverInfo("jetty/12.1.12");
        Map<String, String> params = new HashMap<>(TestSettings.hmacValues());
        params.put("jwtguard.container-authentication", "true");
        container.filter("JwtGuard", params);

        assertThatThrownBy(() -> new JwtGuardInitializer().onStartup(Set.of(), container.context()))
                .hasMessageContaining("jwtguard.container-authentication=true, but Jetty's hidden classes could not be"
                        + " changed to let JwtGuard register with Jakarta Authentication");
    }

    @Test
    void aPreflightIsAnsweredBeforeAuthentication() throws Exception {
        start(Map.of("jwtguard.cors.allowed-origins", "https://app.test"), ALL).run(
                FakeRequest.of("OPTIONS", "/api/admin").servlet("admin").header("Origin", "https://app.test")
                        .header("Access-Control-Request-Method", "DELETE")
                        .header("Access-Control-Request-Headers", "authorization"), response, chain);

        assertThat(response.getStatus()).isEqualTo(204);
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.test");
        assertThat(chain.passed).isNull();
    }

    /** A login endpoint someone forgot to open: the rule table flags it, and its refusal says so. */
    @Authorize
    static final class ClosedLoginServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    private static FakeRequest preflight(String path, String servlet) {
        return FakeRequest.of("OPTIONS", path).servlet(servlet).header("Origin", "https://app.test")
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "authorization");
    }

    @Test
    void withCorsOffAPreflightGets403CorsDisabledNamingTheSettingNotMissingToken() throws Exception {
        start(Map.of(), ALL).run(preflight("/api/admin", "admin"), response, chain);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getHeader("WWW-Authenticate")).as("no credentials could fix it").isNull();
        assertThat(response.body()).contains("\"reason\":\"cors_disabled\"", "CORS is off",
                "jwtguard.cors.allowed-origins", "origin 'https://app.test'").doesNotContain("Authorization: Bearer");
        assertThat(chain.passed).isNull();
    }

    @Test
    void withCorsOffAPreflightToAnAnonymousEndpointStillReachesIt() throws Exception {
        start(Map.of(), ALL).run(preflight("/login", "login"), response, chain);

        assertThat(chain.passed).isNotNull();
    }

    @Test
    void withCorsOffAnOptionsRequestThatIsNoPreflightIsStillMissingToken() throws Exception {
        start(Map.of(), ALL).run(FakeRequest.of("OPTIONS", "/api/admin").servlet("admin")
                .header("Origin", "https://app.test"), response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.body()).contains("\"reason\":\"missing_token\"");
    }

    @Test
    void withCorsOnARefusedOriginIsToldTheSettingThatAllowsIt() throws Exception {
        start(Map.of("jwtguard.cors.allowed-origins", "https://other.test"), ALL)
                .run(preflight("/api/admin", "admin"), response, chain);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.body()).contains("\"reason\":\"cors_origin_not_allowed\"", "jwtguard.cors.allowed-origins");
    }

    @Test
    void aClosedLoginEndpointsRefusalSaysItNeedsAuthenticationAndTheLogSaysHowToOpenIt() throws Exception {
        container.servlet("signin", ClosedLoginServlet.class, "/auth/login");
        try (CapturedLog log = new CapturedLog()) {
            start(Map.of(), ALL).run(FakeRequest.of("POST", "/auth/login").servlet("signin"), response, chain);

            assertThat(response.getStatus()).isEqualTo(401);
            assertThat(response.body()).contains("\"reason\":\"missing_token\"", "this endpoint requires authentication",
                    "opened to anonymous callers on the server").doesNotContain("@AllowAnonymous");
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("missing_token",
                    "servlet 'signin' [/auth/login] looks like a login endpoint", "annotate it @AllowAnonymous"));
        }
    }

    /** The expected issuer and audience are configuration, not secrets: the log names them, the answer does not. */
    @Test
    void anAudienceRefusalsLogLineNamesTheExpectedAudienceAndItsAnswerDoesNot() throws Exception {
        container.servlet("admin", AdminServlet.class, "/api/admin");
        String other = Tokens.valid(Instant.now()).withAudience("someone-else").withClaim("roles", List.of("Admin"))
                .sign(Tokens.hs256());
        try (CapturedLog log = new CapturedLog()) {
            start(Map.of(), ALL).run(FakeRequest.get("/api/admin").servlet("admin").bearer(other), response, chain);

            assertThat(response.getStatus()).isEqualTo(401);
            assertThat(response.body()).contains("\"reason\":\"audience_mismatch\"").doesNotContain(Tokens.AUDIENCE);
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("audience_mismatch", Tokens.AUDIENCE));
        }
    }

    @Test
    void noTokenGets401WithTheChallengeAndTheReason() throws Exception {
        start(Map.of(), ALL).run(FakeRequest.get("/api/admin").servlet("admin"), response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"jwtguard\"");
        assertThat(response.body()).contains("\"reason\":\"missing_token\"");
        assertThat(chain.passed).isNull();
    }

    @Test
    void anAdminReachesTheServletAsTheTokensCaller() throws Exception {
        start(Map.of(), ALL).run(FakeRequest.get("/api/admin").servlet("admin").bearer(token("Admin")), response,
                chain);

        assertThat(chain.passed).isInstanceOf(HttpServletRequest.class);
        HttpServletRequest passed = (HttpServletRequest) chain.passed;
        assertThat(passed.getUserPrincipal()).isInstanceOfSatisfying(JwtPrincipal.class,
                caller -> assertThat(caller.getName()).isEqualTo("alice"));
        assertThat(passed.isUserInRole("Admin")).isTrue();
    }

    @Test
    void aUserWithoutTheRoleGets403() throws Exception {
        start(Map.of(), ALL).run(FakeRequest.get("/api/admin").servlet("admin").bearer(token("User")), response,
                chain);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.body()).contains("\"reason\":\"insufficient_role\"");
        assertThat(chain.passed).isNull();
    }

    @Test
    void anAnonymousServletLetsAnExpiredTokenThroughWithoutACaller() throws Exception {
        String expired = Tokens.valid(Instant.now().minusSeconds(7200)).sign(Tokens.hs256());

        start(Map.of(), ALL).run(FakeRequest.of("POST", "/login").servlet("login").bearer(expired), response, chain);

        assertThat(chain.passed).isNotNull();
        assertThat(((HttpServletRequest) chain.passed).getUserPrincipal()).isNull();
    }

    @Test
    void theAuthorizationStageAloneSaysTheFilterOrderIsWrong() throws Exception {
        start(Map.of(), Stage.AUTHORIZE).run(FakeRequest.get("/api/admin").servlet("admin").bearer(token("Admin")),
                response, chain);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.body()).contains("\"reason\":\"filter_order_wrong\"");
        assertThat(chain.passed).isNull();
    }

    @Test
    void theAuthenticationStageAloneNeverRefusesButLeavesTheCaller() throws Exception {
        start(Map.of(), Stage.AUTHENTICATE).run(FakeRequest.get("/api/admin").servlet("admin").bearer("not-a-jwt"),
                response, chain);

        assertThat(chain.passed).isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void theRuleTableIsAnsweredOnlyForItsOwnServletInDevelopment() throws Exception {
        container.servlet(RulesEndpoint.NAME, RulesEndpoint.class, RulesEndpoint.PATH);
        start(Map.of("jwtguard.diagnostics", "development"), ALL)
                .run(FakeRequest.get(RulesEndpoint.PATH).servlet(RulesEndpoint.NAME), response, chain);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.body()).contains("\"servlet\" : \"admin\"");
        assertThat(chain.passed).isNull();
    }

    @Test
    void aKeyServerFaultIsA503ThatNamesNoUrlWhileTheLogLineDoes() throws Exception {
        try (JwksServer keys = new JwksServer(); CapturedLog log = new CapturedLog()) {
            keys.answer("/jwks", new JwksServer.Answer(500, "text/plain", "boom", null, 0));
            Map<String, String> params = new HashMap<>(Map.of("jwtguard.jwks.url", keys.uri("/jwks").toString(),
                    "jwtguard.issuer", Tokens.ISSUER, "jwtguard.audience", Tokens.AUDIENCE,
                    "jwtguard.jwks.read-timeout", "1s"));
            container.filter("JwtGuard", params);
            new JwtGuardInitializer().onStartup(Set.of(), container.context());
            pipeline = Installation.of(container.context()).startFilter(FilterKind.ALL_STAGES, "JwtGuard");
            KeyPair rsa = TestKeys.rsa(2048);
            String token = Tokens.valid(Instant.now()).withKeyId("k1").withClaim("roles", List.of("Admin"))
                    .sign(Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate()));

            pipeline.run(FakeRequest.get("/api/admin").servlet("admin").bearer(token), response, chain);

            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).isNotNull();
            assertThat(response.body()).contains("\"reason\":\"key_source_unavailable\"")
                    .doesNotContain("127.0.0.1", "/jwks", "500", "boom");
            String correlationId = response.body().replaceAll(".*\"correlationId\":\"([^\"]+)\".*", "$1");
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .contains("key_source_unavailable", "correlationId=" + correlationId, keys.uri("/jwks").toString()));
        }
    }

    /** A revocation check whose store is down. */
    public static final class StoreDownListener implements io.jwtguard.JwtGuardListener {
        @Override
        public io.jwtguard.TokenDecision tokenValidated(HttpServletRequest request, JwtPrincipal principal) {
            throw new IllegalStateException("store down");
        }
    }

    @Test
    void aListenerThatFailsWhileCheckingTheTokenIsA500ThatNeverLetsTheTokenThrough() throws Exception {
        try (CapturedLog log = new CapturedLog()) {
            start(Map.of("jwtguard.listeners", StoreDownListener.class.getName()), ALL)
                    .run(FakeRequest.get("/api/admin").servlet("admin").bearer(token("Admin")), response, chain);

            assertThat(chain.passed).isNull();
            assertThat(response.getStatus()).isEqualTo(500);
            assertThat(response.body()).contains("\"reason\":\"listener_failed\"").doesNotContain("store down");
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("500 listener_failed",
                    StoreDownListener.class.getName() + ".tokenValidated threw java.lang.IllegalStateException"));
        }
    }

    @Test
    void theTokenIssuerIsPublishedToTheApplicationOnlyWhenASettingAsks() throws Exception {
        start(Map.of(), ALL);
        close();
        assertThat(container.context().getAttribute(io.jwtguard.TokenIssuer.CONTEXT_ATTRIBUTE)).isNull();

        start(Map.of("jwtguard.token-issuer.publish", "true"), ALL);
        assertThat(container.context().getAttribute(io.jwtguard.TokenIssuer.CONTEXT_ATTRIBUTE))
                .isInstanceOf(io.jwtguard.TokenIssuer.class);
    }

    /** One JwtGuard serves every JwtGuard filter of an application: their init-params are read together, once. */
    @Test
    void stageFiltersThatGiveOneSettingTwoValuesAreRefusedAndOtherwiseShareOneGuard() throws Exception {
        Map<String, String> cors = new HashMap<>(TestSettings.hmacValues());
        cors.put("jwtguard.clock-skew", "30s");
        Map<String, String> authentication = new HashMap<>(TestSettings.hmacValues());
        authentication.put("jwtguard.clock-skew", "60s");
        container.filter("cors", FilterKind.CORS.className(), cors);
        container.filter("authentication", FilterKind.AUTHENTICATION.className(), authentication);

        assertThatThrownBy(() -> Installation.of(container.context()).startFilter(FilterKind.CORS, "cors"))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("jwtguard.clock-skew: the JwtGuard filters' init-params give it two values");

        container.filter("authentication", FilterKind.AUTHENTICATION.className(), cors);
        Pipeline first = Installation.of(container.context()).startFilter(FilterKind.CORS, "cors");
        Pipeline second = Installation.of(container.context()).startFilter(FilterKind.AUTHENTICATION, "authentication");
        assertThat(first.guard()).isSameAs(second.guard());
    }

    /**
     * A JwtGuard filter registered in code after JwtGuard first read its settings: its init-params are read (the guard,
     * which no filter runs yet, is built again); once a filter runs it, they are a start-up problem, never ignored.
     */
    @Test
    void aJwtGuardFilterRegisteredAfterTheSettingsWereReadHasItsInitParamsReadNotIgnored() throws Exception {
        container.filter("JwtGuard", TestSettings.hmacValues());
        new JwtGuardInitializer().onStartup(Set.of(), container.context());
        Map<String, String> late = new HashMap<>(TestSettings.hmacValues());
        late.put("jwtguard.cors.allowed-origins", "https://app.test");
        container.filter("late-cors", FilterKind.CORS.className(), late);

        Pipeline cors = Installation.of(container.context()).startFilter(FilterKind.CORS, "late-cors");

        assertThat(cors.guard().settings().cors().enabled()).isTrue();
        container.filter("later-cors", FilterKind.CORS.className(), Map.of("jwtguard.cors.max-age", "600"));
        assertThatThrownBy(() -> Installation.of(container.context()).startFilter(FilterKind.CORS, "later-cors"))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("jwtguard.cors.max-age: an init-param of filter 'later-cors', which was"
                        + " registered after JwtGuard read its settings, so it would be ignored");
    }

    @Test
    void aLoginServletObtainsTheTokenIssuerWithoutAContextAttribute() throws Exception {
        start(Map.of("jwtguard.token-issuer.publish", "true"), ALL);

        io.jwtguard.TokenIssuer issuer = io.jwtguard.TokenIssuer.of(container.context());

        assertThat(issuer).isSameAs(container.context().getAttribute(io.jwtguard.TokenIssuer.CONTEXT_ATTRIBUTE));
        String token = issuer.issue("alice", List.of("Admin"));
        pipeline.run(FakeRequest.get("/api/admin").servlet("admin").bearer(token), response, chain);
        assertThat(chain.passed).isNotNull();
        assertThat(io.jwtguard.Revocations.of(container.context()))
                .isSameAs(container.context().getAttribute(io.jwtguard.Revocations.CONTEXT_ATTRIBUTE));
    }

    @Test
    void askingForTheTokenIssuerWhenNoneIsPublishedNamesTheSettingInsteadOfAnsweringNull() throws Exception {
        start(Map.of(), ALL);

        assertThatThrownBy(() -> io.jwtguard.TokenIssuer.of(container.context()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("jwtguard.token-issuer.publish=true");
    }

    /** Where filters start on their first request (WildFly), a login servlet's {@code init} may ask first. */
    @Test
    void theTokenIssuerIsThereForAServletThatAsksBeforeAnyFilterStarted() throws Exception {
        Map<String, String> params = new HashMap<>(TestSettings.hmacValues());
        params.put("jwtguard.token-issuer.publish", "true");
        container.filter("JwtGuard", params);
        new JwtGuardInitializer().onStartup(Set.of(), container.context());
        new JwtGuardContextListener().contextInitialized(new ServletContextEvent(container.context()));

        assertThat(io.jwtguard.TokenIssuer.of(container.context()).issue("alice", List.of("User"))).isNotBlank();
    }

    @Test
    void withNoJwtGuardFilterAskingForRevocationsSaysSo() {
        assertThatThrownBy(() -> io.jwtguard.Revocations.of(container.context()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no JwtGuard filter that authenticates is registered");
    }

    @Test
    void aServletRegisteredInCodeAfterJwtGuardsInitializerIsGuardedByItsListener() throws Exception {
        lateRegistrations = () -> container.servlet("late-admin", AdminServlet.class, "/late");

        start(Map.of(), Set.of(), true, ALL);

        assertThat(container.context().getFilterRegistration("JwtGuard named dispatch to late-admin")
                .getServletNameMappings()).containsExactly("late-admin");
    }

    @Test
    void aServletNobodyGuardedAgainstNamedDispatchesFailsStartUpNamingItAndTheFix() {
        lateRegistrations = () -> container.servlet("late-admin", AdminServlet.class, "/late");

        assertThatThrownBy(() -> start(Map.of(), Set.of(), false, ALL)).isInstanceOf(ServletException.class)
                .hasMessageContaining("servlet 'late-admin' is not guarded against named dispatches")
                .hasMessageContaining("<listener-class>io.jwtguard.JwtGuardContextListener</listener-class>")
                .hasMessageNotContaining("servlet 'admin'");
    }

    @Test
    void aFilterNamingAJwtGuardClassThatDoesNotExistFailsTheDeployment() {
        container.filter("Guard", "io.jwtguard.JwtGuardFiltr", Map.of());

        assertThatThrownBy(() -> new JwtGuardInitializer().onStartup(Set.of(), container.context()))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("filter 'Guard' names class io.jwtguard.JwtGuardFiltr, which JwtGuard does not have")
                .hasMessageContaining("io.jwtguard.JwtGuardFilter");
    }

    @Test
    void aMisnamedFilterAndAnotherFiltersBadSettingAreReportedTogether() {
        Map<String, String> params = new HashMap<>(TestSettings.hmacValues());
        params.put("jwtguard.clock-skew", "forever");
        container.filter("JwtGuard", params);
        container.filter("Guard", "io.jwtguard.JwtGuardFiltr", Map.of());

        assertThatThrownBy(() -> new JwtGuardInitializer().onStartup(Set.of(), container.context()))
                .isInstanceOf(ServletException.class)
                .hasMessageStartingWith("JwtGuard cannot start: 2 configuration problems")
                .hasMessageContaining("jwtguard.clock-skew: 'forever' is not a duration")
                .hasMessageContaining("filter 'Guard' names class io.jwtguard.JwtGuardFiltr");
    }

    @Test
    void annotatedClassesWithoutAnyJwtGuardFilterFailTheDeployment() throws Exception {
        // Automatic registration off: else JwtGuard registers its filter itself (AutomaticRegistrationTest).
        System.setProperty("jwtguard.filter.auto-register", "false");
        try {
            container.servlet("admin", AdminServlet.class, "/api/admin");
            new JwtGuardInitializer().onStartup(Set.of(AdminServlet.class), container.context());

            assertThatThrownBy(() -> new JwtGuardContextListener().contextInitialized(
                    new ServletContextEvent(container.context()))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("1 class carries @Authorize or @AllowAnonymous ([" + AdminServlet.class.getName())
                    .hasMessageContaining("no JwtGuard filter is registered");
        } finally {
            System.clearProperty("jwtguard.filter.auto-register");
        }
    }

    /** No JwtGuard line in web.xml: the initializer registers the filter, and its start checks its settings. */
    @Test
    void withNoFilterDeclaredTheInitializerRegistersOneAndChecksItsSettings() {
        container.servlet("admin", AdminServlet.class, "/api/admin");

        assertThatThrownBy(() -> new JwtGuardInitializer().onStartup(Set.of(AdminServlet.class), container.context()))
                .isInstanceOf(ServletException.class).hasMessageContaining("jwtguard.key: no key to verify tokens with");
        assertThat(container.context().getFilterRegistration(AutomaticRegistration.NAME).getClassName())
                .isEqualTo("io.jwtguard.JwtGuardFilter");
    }

    @Test
    void onAServerThatServesDespiteAFailedFilterItRefusesEveryRequestInstead() throws Exception {
        container.serverInfo("Eclipse GlassFish 7.0.21");
        FilterShell shell = new FilterShell(io.jwtguard.JwtGuardFilter.class);
        shell.init(container.filter("JwtGuard", Map.of("jwtguard.clock-skew", "forever")));

        shell.doFilter(FakeRequest.get("/health"), response, (request, reply) -> {
            throw new AssertionError("the servlet ran without JwtGuard");
        });

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.body()).contains("\"reason\":\"configuration_invalid\"").doesNotContain("clock-skew");
    }

    /**
     * WildFly starts filters on their first request, after the deployment succeeded: a filter that cannot start (here
     * with JwtGuard's jar left out of the ordering, so no deploy-time check ran) answers JwtGuard's own 500 with the
     * fix in the log, not the server's HTML error page, and never runs the servlet.
     */
    @Test
    void onAServerThatStartsFiltersOnTheFirstRequestItRefusesEveryRequestWithItsOwnAnswer() throws Exception {
        container.serverInfo("WildFly Full 39.0.1.Final (WildFly Core 31.0.1.Final) - 2.3.20.Final");
        FilterShell shell = new FilterShell(io.jwtguard.JwtGuardFilter.class);
        try (CapturedLog log = new CapturedLog()) {
            shell.init(container.filter("JwtGuard", Map.of("jwtguard.clock-skew", "eternity")));

            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("starts filters on their first request",
                    "500 configuration_invalid", "add <others/> or <name>jwtguard</name>"));
        }
        for (int time = 1; time <= 2; time++) {
            FakeResponse reply = new FakeResponse();
            shell.doFilter(FakeRequest.get("/health"), reply, (request, ignored) -> {
                throw new AssertionError("the servlet ran without JwtGuard");
            });

            assertThat(reply.getStatus()).isEqualTo(500);
            assertThat(reply.getContentType()).startsWith("application/problem+json");
            assertThat(reply.body()).contains("\"reason\":\"configuration_invalid\"", "server log names")
                    .doesNotContain("eternity", "Exception", "ordering", "http://");
        }
    }

    /** An application's revocation store that breaks when it is created. */
    public static final class BrokenStore implements io.jwtguard.RevocationStore {
        public BrokenStore() {
            throw new IllegalStateException("no connection to the vault");
        }

        @Override
        public void revoke(Entry entry) {
        }

        @Override
        public java.util.Collection<Entry> entries() {
            return List.of();
        }

        @Override
        public long version() {
            return 0;
        }

        @Override
        public void saveRefreshGrant(String tokenHash, RefreshGrant grant) {
        }

        @Override
        public RefreshGrant useRefreshGrant(String tokenHash) {
            return null;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aRevocationStoreThatCannotBeCreatedFailsTheFilterAndOnGlassFishRefusesEveryRequest() throws Exception {
        Map<String, String> broken = new HashMap<>(TestSettings.hmacValues());
        broken.put("jwtguard.revocation.store", BrokenStore.class.getName());
        FilterConfig config = container.filter("JwtGuard", broken);
        // The deploy-time check passes: the class exists and is a store; it breaks only when created.
        new JwtGuardInitializer().onStartup(Set.of(), container.context());
        assertThatThrownBy(() -> new FilterShell(io.jwtguard.JwtGuardFilter.class).init(config))
                .isInstanceOf(ServletException.class).hasMessageContaining("no connection to the vault");

        container.serverInfo("Eclipse GlassFish 7.0.21");
        FilterShell shell = new FilterShell(io.jwtguard.JwtGuardFilter.class);
        shell.init(config);
        shell.doFilter(FakeRequest.get("/api/admin").servlet("admin").bearer(token("Admin")), response,
                (request, reply) -> {
                    throw new AssertionError("the servlet ran although the revocation store could not be created");
                });

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.body()).contains("\"reason\":\"configuration_invalid\"").doesNotContain("vault");
    }

    @Test
    void elsewhereAFilterThatCannotStartFailsItsInit() {
        FilterShell shell = new FilterShell(io.jwtguard.JwtGuardFilter.class);

        assertThatThrownBy(() -> shell.init(container.filter("JwtGuard", Map.of("jwtguard.clock-skew", "forever"))))
                .isInstanceOf(ServletException.class).hasMessageContaining("jwtguard.clock-skew");
    }

    @Test
    void aStageFilterThatDoesNotAuthorizeNeedsNoGuards() throws Exception {
        lateRegistrations = () -> container.servlet("late-admin", AdminServlet.class, "/late");

        start(Map.of(), Set.of(), false, Stage.CORS);
    }

    @Authorize(roles = "Admin")
    public static final class AnnotatedFilter implements jakarta.servlet.Filter {
        @Override
        public void doFilter(ServletRequest request, jakarta.servlet.ServletResponse response, FilterChain chain) {
        }
    }

    public static final class AnnotatedBean {
        @AllowAnonymous
        public void open() {
        }
    }

    @jakarta.ws.rs.Path("/reports")
    @Authorize(roles = "Auditor")
    public static final class AnnotatedResource {
        @jakarta.ws.rs.GET
        @AllowAnonymous
        public String list() {
            return "";
        }
    }

    @jakarta.ws.rs.Path("/misplaced")
    public static final class MisplacedResource {
        @Authorize(roles = "Admin")
        public String helper() {
            return "";
        }

        @jakarta.ws.rs.Path("part")
        @Authorize(roles = "Admin")
        public Object locator() {
            return this;
        }

        @jakarta.ws.rs.GET
        @Authorize(policy = "nowhere")
        public String get() {
            return "";
        }
    }

    @Authorize(roles = "Admin")
    public static class UnregisteredServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void annotationsOnClassesThatAreNotServletsFailStartUpNamingEachClass() {
        Set<Class<?>> annotated = Set.of(AnnotatedFilter.class, AnnotatedBean.class, AnnotatedResource.class,
                MisplacedResource.class, AdminServlet.class);

        assertThatThrownBy(() -> start(Map.of(), annotated, true, ALL)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("5 configuration problems")
                .hasMessageContaining(AnnotatedFilter.class.getName() + " (JwtGuard annotations on the class) is a filter")
                .hasMessageContaining(AnnotatedBean.class.getName() + " (JwtGuard annotations on open) is not a servlet")
                // A resource's rules are JwtGuardFeature's to apply; only those that would have no effect are refused.
                .hasMessageNotContaining(AnnotatedResource.class.getName())
                .hasMessageContaining("resource MisplacedResource: @Authorize on MisplacedResource.helper has no"
                        + " effect: it is not a resource method")
                .hasMessageContaining("@Authorize on MisplacedResource.locator has no effect: it is not a resource"
                        + " method (no @GET, @POST, ...), but a sub-resource locator")
                .hasMessageContaining("resource MisplacedResource: @Authorize(policy = \"nowhere\") on"
                        + " MisplacedResource.get names a policy defined nowhere")
                .hasMessageNotContaining(AdminServlet.class.getName());
    }

    @Test
    void aServletClassNoRegistrationUsesIsOnlyAWarning() throws Exception {
        try (CapturedLog log = new CapturedLog()) {
            start(Map.of(), Set.of(UnregisteredServlet.class), true, ALL);

            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains(UnregisteredServlet.class.getName(),
                    "no registration uses"));
        }
    }

    @Test
    void aWebXmlSecurityConstraintIsNamedBecauseTheContainerEnforcesItWithoutJwtGuardsCaller() throws Exception {
        container.webXml("""
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <security-constraint>
                    <web-resource-collection><url-pattern>/admin/*</url-pattern></web-resource-collection>
                    <auth-constraint><role-name>Admin</role-name></auth-constraint>
                  </security-constraint>
                  <security-constraint>
                    <web-resource-collection><url-pattern>/tls-only/*</url-pattern></web-resource-collection>
                    <user-data-constraint><transport-guarantee>CONFIDENTIAL</transport-guarantee></user-data-constraint>
                  </security-constraint>
                </web-app>""");
        try (CapturedLog log = new CapturedLog()) {
            start(Map.of(), ALL);

            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("web.xml has <security-constraint>",
                    "[/admin/*]").doesNotContain("/tls-only/*"));
        }
    }
}
