package io.jwtguard.internal.cors;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.Reason;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.TestSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorsPolicyTest {

    private static final String APP = "https://app.example.com";

    private static CorsPolicy policy(Map<String, String> cors) {
        Settings settings = TestSettings.hmacWith(cors);
        return new CorsPolicy(settings.cors());
    }

    private static CorsPolicy standard() {
        return policy(Map.of("jwtguard.cors.allowed-origins", APP + ",https://*.partner.test,http://localhost:3000"));
    }

    private static Map<String, String> headers(CorsDecision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        decision.headers().forEach(h -> headers.merge(h.name(), h.value(), (a, b) -> a + ", " + b));
        return headers;
    }

    private static CorsDecision preflight(CorsPolicy policy, String origin, String method, String headers) {
        return policy.decide("OPTIONS", List.of(origin), List.of(method), headers == null ? List.of() : List.of(headers));
    }

    private static CorsDecision actual(CorsPolicy policy, String... origins) {
        return policy.decide("GET", List.of(origins), List.of(), List.of());
    }

    @Test
    void classificationFollowsTheFetchStandard() {
        assertThat(CorsPolicy.classify("GET", List.of(), List.of())).isEqualTo(CorsPolicy.Classification.NOT_CORS);
        assertThat(CorsPolicy.classify("OPTIONS", List.of(), List.of("GET"))).isEqualTo(CorsPolicy.Classification.NOT_CORS);
        assertThat(CorsPolicy.classify("GET", List.of(APP), List.of())).isEqualTo(CorsPolicy.Classification.ACTUAL);
        assertThat(CorsPolicy.classify("OPTIONS", List.of(APP), List.of())).isEqualTo(CorsPolicy.Classification.ACTUAL);
        assertThat(CorsPolicy.classify("OPTIONS", List.of(APP), List.of("DELETE")))
                .isEqualTo(CorsPolicy.Classification.PREFLIGHT);
    }

    @Test
    void corsOffAddsNothing() {
        CorsPolicy off = policy(Map.of());

        assertThat(preflight(off, APP, "GET", "authorization"))
                .isEqualTo(new CorsDecision(CorsDecision.Kind.CONTINUE, List.of(), null));
    }

    @Test
    void allowedPreflightIsAnsweredWithTheConfiguredHeaders() {
        CorsDecision decision = preflight(standard(), APP, "DELETE", "Authorization, content-type");

        assertThat(decision.kind()).isEqualTo(CorsDecision.Kind.ANSWER_PREFLIGHT);
        assertThat(headers(decision))
                .containsEntry("Access-Control-Allow-Origin", APP)
                .containsEntry("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE")
                .containsEntry("Access-Control-Allow-Headers", "authorization, content-type, dpop")
                .containsEntry("Access-Control-Max-Age", "1800")
                .containsEntry("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
                .doesNotContainKey("Access-Control-Allow-Credentials");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.test", "https://app.example.com.evil.test", "https://evilapp.example.com",
            "http://app.example.com", "https://app.example.com:8443", "https://app.example.co", "null",
            "https://APP.EXAMPLE.COM", "https://app.example.com/", "https://partner.test", "https://evilpartner.test",
            "https://a.partner.test.evil", "http://localhost:3001", "http://localhost", "https://x..partner.test",
            "https://x_y.partner.test", ""})
    void lookAlikeOriginsAreRefusedOnPreflightWithoutAllowHeaders(String origin) {
        CorsDecision decision = preflight(standard(), origin, "GET", "authorization");

        assertThat(decision.kind()).isEqualTo(CorsDecision.Kind.REFUSE_PREFLIGHT);
        assertThat(decision.failure().reason()).isEqualTo(Reason.CORS_ORIGIN_NOT_ALLOWED);
        assertThat(decision.failure().reason().status()).isEqualTo(403);
        assertThat(headers(decision).keySet()).noneMatch(name -> name.startsWith("Access-Control-Allow"));
        assertThat(headers(decision)).containsKey("Vary");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.partner.test", "https://a.b.partner.test", "http://localhost:3000"})
    void exactOriginsAndSubdomainPatternsMatch(String origin) {
        assertThat(headers(actual(standard(), origin))).containsEntry("Access-Control-Allow-Origin", origin);
    }

    @Test
    void methodNotAllowedIsRefused() {
        CorsDecision decision = preflight(standard(), APP, "PROPFIND", null);

        assertThat(decision.failure().reason()).isEqualTo(Reason.CORS_METHOD_NOT_ALLOWED);
        assertThat(decision.failure().describe(true)).contains("allowed: GET, HEAD");
    }

    @Test
    void methodsAreCaseSensitive() {
        assertThat(preflight(standard(), APP, "patch", null).failure().reason()).isEqualTo(Reason.CORS_METHOD_NOT_ALLOWED);
    }

    @Test
    void aDpopClientsPreflightIsAllowedByDefault() {
        CorsDecision decision = preflight(standard(), APP, "POST", "authorization,dpop,content-type");

        assertThat(decision.kind()).isEqualTo(CorsDecision.Kind.ANSWER_PREFLIGHT);
    }

    @Test
    void headerNotAllowedIsRefused() {
        CorsDecision decision = preflight(standard(), APP, "GET", "authorization,x-debug");

        assertThat(decision.failure().reason()).isEqualTo(Reason.CORS_HEADER_NOT_ALLOWED);
        assertThat(decision.failure().description()).contains("'x-debug'");
    }

    @Test
    void actualRequestFromAnAllowedOriginExposesWwwAuthenticateAndTheDpopNonce() {
        assertThat(headers(actual(standard(), APP)))
                .containsEntry("Access-Control-Allow-Origin", APP)
                .containsEntry("Access-Control-Expose-Headers", "WWW-Authenticate, DPoP-Nonce")
                .containsEntry("Vary", "Origin");
    }

    @Test
    void actualRequestFromADisallowedOriginGoesOnWithoutCorsHeaders() {
        CorsDecision decision = actual(standard(), "https://evil.test");

        assertThat(decision.kind()).isEqualTo(CorsDecision.Kind.CONTINUE);
        assertThat(headers(decision)).containsOnlyKeys("Vary");
    }

    @Test
    void twoOriginHeadersAreNeverTrusted() {
        assertThat(headers(actual(standard(), APP, APP))).containsOnlyKeys("Vary");
        assertThat(preflight(standard(), APP, "GET", null).kind()).isEqualTo(CorsDecision.Kind.ANSWER_PREFLIGHT);
        assertThat(standard().decide("OPTIONS", List.of(APP, "https://evil.test"), List.of("GET"), List.of()).kind())
                .isEqualTo(CorsDecision.Kind.REFUSE_PREFLIGHT);
    }

    @Test
    void nonCorsRequestsStillVaryOnOrigin() {
        assertThat(headers(standard().decide("GET", List.of(), List.of(), List.of()))).containsOnly(Map.entry("Vary", "Origin"));
    }

    @Test
    void nullOriginOnlyWhenListed() {
        CorsPolicy withNull = policy(Map.of("jwtguard.cors.allowed-origins", "null"));
        CorsPolicy any = policy(Map.of("jwtguard.cors.allowed-origins", "*"));

        assertThat(headers(actual(withNull, "null"))).containsEntry("Access-Control-Allow-Origin", "null");
        assertThat(headers(actual(any, "null"))).doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void anyOriginAnswersWithAStarNeverAReflection() {
        CorsPolicy any = policy(Map.of("jwtguard.cors.allowed-origins", "*"));

        assertThat(headers(actual(any, "https://whoever.test"))).containsEntry("Access-Control-Allow-Origin", "*");
    }

    @Test
    void credentialsGoOnlyWithAnExplicitOrigin() {
        CorsPolicy credentials = policy(Map.of("jwtguard.cors.allowed-origins", APP,
                "jwtguard.cors.allow-credentials", "true"));

        assertThat(headers(actual(credentials, APP)))
                .containsEntry("Access-Control-Allow-Origin", APP)
                .containsEntry("Access-Control-Allow-Credentials", "true");
        assertThat(headers(actual(credentials, "https://evil.test"))).doesNotContainKey("Access-Control-Allow-Credentials");
    }

    @Test
    void aContainerThatHidesHeadersMeansNotCorsNotAnException() {
        FakeRequest hidden = FakeRequest.of("OPTIONS", "/api/me").hidingHeaders();

        assertThat(standard().decide(hidden).kind()).isEqualTo(CorsDecision.Kind.CONTINUE);
    }
}
