package io.jwtguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jwtguard.it.DpopClient.Defect;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * DPoP (RFC 9449) at the resource server against a real identity provider and an independent client: Keycloak issues
 * DPoP-bound access tokens ({@code cnf.jkt}) to a client whose proofs the {@code dpop} library makes on Node.js, and
 * the demo, configured by the environment only, decides each request over real HTTP. Every refusal is checked by its
 * reason, in the problem body and in the challenge, and every DPoP challenge by its scheme. Also step-up (RFC 9470)
 * with Keycloak's own {@code acr}, and a proof's single use across two instances sharing a real Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DpopKeycloakIT {

    private static final String REALM = "jwtguard";
    private static final String AUDIENCE = "jwtguard-dpop-api";
    private static final String BOUND_CLIENT = "dpop-service";
    private static final String BEARER_CLIENT = "bearer-service";
    private static final String REDIS_PASSWORD = "redis-test-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    private long started;
    private KeycloakServer keycloak;
    private DpopClient client;
    private final List<DemoProcess> demos = new ArrayList<>();
    /** DPoP allowed: bound tokens need proofs, bearer tokens still work; its reports need a sign-in at acr 2. */
    private String allowed;
    /** DPoP required: a bearer token is refused; its reports need acr 1. */
    private String required;
    /** DPoP allowed, with server nonces (RFC 9449, section 9). */
    private String nonces;
    private String esJkt;
    private String edJkt;
    /** Bound to key "es" (ES256). */
    private String esToken;
    /** Bound to key "ed" (Ed25519). */
    private String edToken;
    /** Keycloak's plain bearer token for the same audience. */
    private String bearerToken;

    @BeforeAll
    void start() throws Exception {
        started = System.nanoTime();
        keycloak = KeycloakServer.start(REALM);
        System.out.printf("%s answered after %.1f s%n", keycloak, keycloak.startTime().toMillis() / 1000.0);
        client = DpopClient.start();
        esJkt = client.key("es", "ES256");
        edJkt = client.key("ed", "Ed25519");
        client.key("other", "ES256");

        Map<String, String> environment = Map.of("PORT", "0", "JWTGUARD_AUTHORITY", keycloak.issuer(REALM),
                "JWTGUARD_AUDIENCE", AUDIENCE);
        DemoProcess allowedDemo = demo(environment, Map.of("JWTGUARD_DPOP", "allowed",
                "JAVA_TOOL_OPTIONS", "-Djwtguard.policy.ReportReaders.acr=2"));
        DemoProcess requiredDemo = demo(environment, Map.of("JWTGUARD_DPOP", "required",
                "JAVA_TOOL_OPTIONS", "-Djwtguard.policy.ReportReaders.acr=1"));
        DemoProcess noncesDemo = demo(environment, Map.of("JWTGUARD_DPOP", "allowed", "JWTGUARD_DPOP_NONCE", "true"));

        esToken = boundToken("es", null, Map.of("grant_type", "client_credentials"));
        edToken = boundToken("ed", "EdDSA", Map.of("grant_type", "client_credentials"));
        bearerToken = bearerToken(Map.of("grant_type", "client_credentials"));

        allowed = allowedDemo.awaitReady();
        required = requiredDemo.awaitReady();
        nonces = noncesDemo.awaitReady();
        System.out.printf("Keycloak, the DPoP client, three demo instances and three tokens ready after %.1f s%n",
                (System.nanoTime() - started) / 1e9);
    }

    private DemoProcess demo(Map<String, String> common, Map<String, String> own) throws IOException {
        Map<String, String> environment = new HashMap<>(common);
        environment.putAll(own);
        DemoProcess demo = DemoProcess.start(environment);
        demos.add(demo);
        return demo;
    }

    @AfterAll
    void stop() throws Exception {
        for (DemoProcess demo : demos) {
            demo.close();
        }
        if (client != null) {
            client.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
        System.out.printf("DpopKeycloakIT took %.1f s, Keycloak's start included%n", (System.nanoTime() - started) / 1e9);
    }

    // Keycloak and the independent client, before JwtGuard is asked anything.

    @Test
    void keycloakBindsTheTokenToTheProofsKey() throws Exception {
        JsonNode response = client.token("es", null, keycloak.tokenEndpoint(REALM), BOUND_CLIENT, BOUND_CLIENT + "-secret",
                Map.of("grant_type", "client_credentials"));

        assertThat(response.path("status").asInt()).as(response.toString()).isEqualTo(200);
        assertThat(response.path("body").path("token_type").asText()).isEqualTo("DPoP");
        JsonNode claims = claims(response.path("body").path("access_token").asText());
        assertThat(claims.path("cnf").path("jkt").asText()).isEqualTo(esJkt);
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer(REALM));
        assertThat(claims(edToken).path("cnf").path("jkt").asText()).isEqualTo(edJkt);
        assertThat(claims(bearerToken).has("cnf")).isFalse();
        assertThat(claims(bearerToken).path("aud").toString()).contains(AUDIENCE);
    }

    @Test
    void keycloakRefusesABoundClientsTokenRequestWithoutAProof() throws Exception {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(java.net.URI.create(keycloak.tokenEndpoint(REALM)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", basic(BOUND_CLIENT))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Http.json(response).path("error").asText()).isEqualTo("invalid_request");
    }

    // Valid proofs, and the same proof again.

    @Test
    void aValidProofGoesThroughOnceAndIsRefusedAsAReplay() throws Exception {
        String proof = client.proof("es", "GET", allowed + "api/me", esToken);

        HttpResponse<String> first = dpop(allowed, "api/me", esToken, proof);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(Http.json(first).path("name").asText()).isEqualTo(claims(esToken).path("sub").asText());
        assertThat(Http.json(first).path("claims").path("cnf").path("jkt").asText()).isEqualTo(esJkt);

        assertRefused(dpop(allowed, "api/me", esToken, proof), "dpop_proof_replayed", "invalid_dpop_proof");
    }

    @Test
    void anEd25519KeysProofGoesThroughUnderTheAlgNameEdDsa() throws Exception {
        HttpResponse<String> response = dpop(allowed, "api/me", edToken,
                client.proof("ed", "EdDSA", "GET", allowed + "api/me", edToken, null, null));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void anEd25519KeysProofFromTheDpopLibraryGoesThrough() throws Exception {
        // The library names the algorithm Ed25519, RFC 9864's fully-specified name for EdDSA over Ed25519, which
        // deprecates the polymorphic EdDSA: clients built on it send nothing else.
        String proof = client.proof("ed", "GET", allowed + "api/me", edToken);
        assertThat(header(proof).path("alg").asText()).isEqualTo("Ed25519");

        HttpResponse<String> response = dpop(allowed, "api/me", edToken, proof);

        assertThat(response.statusCode()).as(response.headers() + " " + response.body()).isEqualTo(200);
    }

    @Test
    void theQueryIsNoPartOfTheProofsUrl() throws Exception {
        HttpResponse<String> response = dpop(allowed, "api/me?view=full", esToken,
                client.proof("es", "GET", allowed + "api/me", esToken));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void theSchemeNameIsCaseInsensitive() throws Exception {
        HttpResponse<String> response = Http.send(Http.request(allowed, "api/me").GET()
                .header("Authorization", "dpop " + esToken).header("DPoP", client.proof("es", "GET", allowed + "api/me", esToken)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    // Each defect, with the reason that names it.

    @Test
    void aProofForAnotherMethodIsRefused() throws Exception {
        assertRefused(dpop(allowed, "api/me", esToken, client.proof("es", "POST", allowed + "api/me", esToken)),
                "dpop_method_mismatch", "invalid_dpop_proof");
    }

    @Test
    void aProofForAnotherUrlIsRefused() throws Exception {
        assertRefused(dpop(allowed, "api/me", esToken, client.proof("es", "GET", allowed + "api/admin", esToken)),
                "dpop_url_mismatch", "invalid_dpop_proof");
    }

    @Test
    void forwardedHeadersFromAPeerThatIsNoTrustedProxyAreIgnored() throws Exception {
        String forged = "https://api.example.test/api/me";

        assertRefused(Http.send(proxied(allowed, "api/me", esToken, client.proof("es", "GET", forged, esToken))),
                "dpop_url_mismatch", "invalid_dpop_proof");
    }

    @Test
    void aProofForAnotherTokenIsRefused() throws Exception {
        assertRefused(dpop(allowed, "api/me", esToken, client.proof("es", "GET", allowed + "api/me", bearerToken)),
                "dpop_token_hash_mismatch", "invalid_dpop_proof");
    }

    @Test
    void aProofByAnotherKeyThanTheTokensIsRefused() throws Exception {
        // A stolen token with the thief's own, otherwise perfect, proof. RFC 9449's own example of this answer
        // (section 7.1) is a DPoP challenge with error invalid_token, as docs/dpop.md says of every proof's refusal.
        assertRefused(dpop(allowed, "api/me", esToken, client.proof("other", "GET", allowed + "api/me", esToken)),
                "dpop_key_mismatch", "invalid_token");
    }

    @Test
    void aProofIssuedTenMinutesAgoIsRefused() throws Exception {
        assertRefused(dpop(allowed, "api/me", esToken,
                client.proof("es", null, "GET", allowed + "api/me", esToken, null, Defect.IAT_OLD)),
                "dpop_proof_expired", "invalid_dpop_proof");
    }

    @Test
    void aProofMadeWithHmacOrUnsignedIsRefused() throws Exception {
        for (Defect defect : List.of(Defect.HS256, Defect.NONE)) {
            assertRefused(dpop(allowed, "api/me", esToken,
                    client.proof("es", null, "GET", allowed + "api/me", esToken, null, defect)),
                    "dpop_algorithm_not_allowed", "invalid_dpop_proof");
        }
    }

    @Test
    void aProofCarryingThePrivateKeyIsRefused() throws Exception {
        assertRefused(dpop(allowed, "api/me", esToken,
                client.proof("es", null, "GET", allowed + "api/me", esToken, null, Defect.PRIVATE_JWK)),
                "dpop_key_invalid", "invalid_dpop_proof");
    }

    @Test
    void aProofWhoseHeaderNamesAnotherKeyThanTheOneThatSignedItIsRefused() throws Exception {
        assertRefused(dpop(allowed, "api/me", esToken,
                client.proof("es", null, "GET", allowed + "api/me", esToken, null, Defect.FOREIGN_JWK)),
                "dpop_signature_invalid", "invalid_dpop_proof");
    }

    @Test
    void twoProofHeadersAreRefused() throws Exception {
        String htu = allowed + "api/me";
        HttpResponse<String> response = Http.send(Http.request(allowed, "api/me").GET()
                .header("Authorization", "DPoP " + esToken).header("DPoP", client.proof("es", "GET", htu, esToken))
                .header("DPoP", client.proof("es", "GET", htu, esToken)));

        assertRefused(response, "dpop_proof_malformed", "invalid_dpop_proof");
    }

    @Test
    void aBoundTokenWithoutAProofIsRefused() throws Exception {
        assertRefused(dpop(allowed, "api/me", esToken, null), "dpop_proof_missing", "invalid_dpop_proof");
    }

    @Test
    void aBoundTokenSentAsABearerTokenIsRefused() throws Exception {
        HttpResponse<String> response = Http.get(allowed, "api/me", esToken);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(Http.reason(response)).isEqualTo("dpop_bound_token_as_bearer");
        assertThat(challenges(response)).as("every challenge names the reason").isNotEmpty()
                .allSatisfy(challenge -> assertThat(challenge).contains("reason=\"dpop_bound_token_as_bearer\""));
        assertThat(challenges(response)).anySatisfy(challenge -> assertThat(challenge).contains("error=\"invalid_token\""));
    }

    @Test
    void anUnboundTokenSentWithTheDpopSchemeIsRefused() throws Exception {
        HttpResponse<String> response = dpop(allowed, "api/me", bearerToken,
                client.proof("es", "GET", allowed + "api/me", bearerToken));

        // Not a refusal of the proof (docs/dpop.md, "Modes"): the token's own challenge.
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(Http.reason(response)).isEqualTo("dpop_token_not_bound");
        assertThat(Http.challenge(response)).contains("error=\"invalid_token\"", "reason=\"dpop_token_not_bound\"");
    }

    // What each mode does with a plain bearer token.

    @Test
    void aBearerTokenStillGoesThroughWhereDpopIsAllowed() throws Exception {
        HttpResponse<String> response = Http.get(allowed, "api/me", bearerToken);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).path("authType").asText()).isEqualTo("Bearer");
    }

    @Test
    void aBearerTokenIsRefusedWhereDpopIsRequiredAndABoundOneGoesThrough() throws Exception {
        HttpResponse<String> bearer = Http.get(required, "api/me", bearerToken);
        assertThat(bearer.statusCode()).as(bearer.body()).isEqualTo(401);
        assertThat(Http.reason(bearer)).isEqualTo("dpop_required");
        // Like a request with no token at all (RFC 6750, section 3.1): the scheme to use, and no error code.
        assertThat(dpopChallenge(bearer)).contains("algs=\"").doesNotContain("error=");
        assertThat(challenges(bearer)).as("with DPoP required, every challenge is a DPoP one")
                .allSatisfy(each -> assertThat(each).startsWith("DPoP "));

        HttpResponse<String> bound = dpop(required, "api/me", esToken, client.proof("es", "GET", required + "api/me", esToken));
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(200);
    }

    // Server nonces.

    @Test
    void aServerNonceIsAskedForThenAcceptedInTheNextProof() throws Exception {
        HttpResponse<String> first = dpop(nonces, "api/me", esToken, client.proof("es", "GET", nonces + "api/me", esToken));
        assertRefused(first, "dpop_nonce_required", "use_dpop_nonce");
        String nonce = first.headers().firstValue("DPoP-Nonce").orElseThrow(() -> new AssertionError(first.headers()));

        HttpResponse<String> second = dpop(nonces, "api/me", esToken,
                client.proof("es", null, "GET", nonces + "api/me", esToken, nonce, null));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    }

    // Step-up (RFC 9470) with Keycloak's acr: "1" for a password sign-in.

    @Test
    void aKeycloakSignInAtAcr1IsAskedToStepUpWhereAcr2IsNeededAndPassesWhereAcr1Is() throws Exception {
        Map<String, String> password = Map.of("grant_type", "password", "username", "ada", "password", "ada-password",
                "scope", "openid");
        String signedIn = bearerToken(password);
        assertThat(claims(signedIn).path("acr").asText()).isEqualTo("1");

        HttpResponse<String> weak = Http.get(allowed, "api/reports", signedIn);
        assertThat(weak.statusCode()).as(weak.body()).isEqualTo(401);
        assertThat(Http.reason(weak)).isEqualTo("insufficient_user_authentication");
        assertThat(Http.challenge(weak)).startsWith("Bearer ").contains("error=\"insufficient_user_authentication\"",
                "acr_values=\"2\"", "reason=\"insufficient_user_authentication\"");

        // The same with a DPoP-bound token and its proof.
        String bound = boundToken("es", null, password);
        HttpResponse<String> weakBound = dpop(allowed, "api/reports", bound,
                client.proof("es", "GET", allowed + "api/reports", bound));
        assertThat(weakBound.statusCode()).as(weakBound.body()).isEqualTo(401);
        assertThat(Http.reason(weakBound)).isEqualTo("insufficient_user_authentication");
        assertThat(Http.challenge(weakBound)).contains("error=\"insufficient_user_authentication\"", "acr_values=\"2\"");

        HttpResponse<String> enough = dpop(required, "api/reports", bound,
                client.proof("es", "GET", required + "api/reports", bound));
        assertThat(enough.statusCode()).as(enough.body()).isEqualTo(200);
    }

    // One proof, one use, across a fleet; and what a store outage does.

    @Test
    void aProofUsedOnOneInstanceIsRefusedOnAnotherSharingRedis() throws Exception {
        try (RedisServer redis = RedisServer.start(REDIS_PASSWORD)) {
            Map<String, String> environment = Map.of("PORT", "0", "JWTGUARD_AUTHORITY", keycloak.issuer(REALM),
                    "JWTGUARD_AUDIENCE", AUDIENCE, "JWTGUARD_DPOP", "allowed", "JWTGUARD_REVOCATION_STORE", "redis",
                    "JWTGUARD_REVOCATION_REDIS_URL", redis.url(), "JWTGUARD_REVOCATION_REDIS_PASSWORD", REDIS_PASSWORD,
                    "JWTGUARD_TRUSTED_PROXIES", "127.0.0.1,::1");
            try (DemoProcess first = DemoProcess.start(environment); DemoProcess second = DemoProcess.start(environment)) {
                String a = first.awaitReady();
                String b = second.awaitReady();
                // Both behind one proxy that says which URL the client called: both rebuild the same htu.
                String htu = "https://api.example.test/api/me";
                String proof = client.proof("es", "GET", htu, esToken);

                HttpResponse<String> onA = Http.send(proxied(a, "api/me", esToken, proof));
                assertThat(onA.statusCode()).as(onA.body()).isEqualTo(200);

                assertRefused(Http.send(proxied(b, "api/me", esToken, proof)), "dpop_proof_replayed", "invalid_dpop_proof");
                // A fresh proof for the same URL goes through there, the URL told by RFC 7239's Forwarded this time.
                HttpResponse<String> fresh = Http.send(Http.request(b, "api/me").GET()
                        .header("Authorization", "DPoP " + esToken).header("DPoP", client.proof("es", "GET", htu, esToken))
                        .header("Forwarded", "for=192.0.2.60;proto=https;host=api.example.test"));
                assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);

                // Without the store no proof can be known unused: 503, never a 500 and never a pass.
                redis.kill();
                HttpResponse<String> outage = Http.send(proxied(a, "api/me", esToken, client.proof("es", "GET", htu, esToken)));
                assertThat(outage.statusCode()).as(outage.headers() + " " + outage.body()).isEqualTo(503);
                assertThat(Http.reason(outage)).isEqualTo("dpop_unavailable");
                assertThat(outage.headers().firstValue("Retry-After")).isPresent();
                assertThat(outage.body()).doesNotContain("redis://", "Exception");
            }
        }
    }

    private static HttpRequest.Builder proxied(String base, String path, String token, String proof) {
        return Http.request(base, path).GET().header("Authorization", "DPoP " + token).header("DPoP", proof)
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "api.example.test");
    }

    // Helpers.

    private String boundToken(String key, String alg, Map<String, String> form) throws IOException {
        JsonNode response = client.token(key, alg, keycloak.tokenEndpoint(REALM), BOUND_CLIENT, BOUND_CLIENT + "-secret",
                form);
        assertThat(response.path("status").asInt()).as(response.toString()).isEqualTo(200);
        assertThat(response.path("body").path("token_type").asText()).isEqualTo("DPoP");
        return response.path("body").path("access_token").asText();
    }

    private String bearerToken(Map<String, String> form) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(name).append('=')
                .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(java.net.URI.create(keycloak.tokenEndpoint(REALM)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", basic(BEARER_CLIENT))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).path("token_type").asText()).isEqualTo("Bearer");
        return Http.json(response).path("access_token").asText();
    }

    private static String basic(String clientId) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientId + "-secret")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode claims(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    /** {@code Authorization: DPoP <token>}, with the proof in the {@code DPoP} header unless it is {@code null}. */
    private static HttpResponse<String> dpop(String base, String path, String token, String proof)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = Http.request(base, path).GET().header("Authorization", "DPoP " + token);
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return Http.send(request);
    }

    /** 401, the reason in the problem body, and a DPoP challenge with the algorithms, the error and the reason. */
    private static void assertRefused(HttpResponse<String> response, String reason, String error) throws IOException {
        assertThat(response.statusCode()).as(response.headers() + " " + response.body()).isEqualTo(401);
        assertThat(Http.reason(response)).as(response.body()).isEqualTo(reason);
        assertThat(dpopChallenge(response)).contains("algs=\"", "error=\"" + error + "\"", "reason=\"" + reason + "\"");
    }

    /** The challenge of the DPoP scheme (RFC 9449, section 7.1) among the answer's; fails when there is none. */
    private static String dpopChallenge(HttpResponse<String> response) {
        return challenges(response).stream().filter(challenge -> challenge.regionMatches(true, 0, "DPoP ", 0, 5))
                .findFirst().orElseThrow(() -> new AssertionError("no DPoP challenge: " + response.headers()));
    }

    private static List<String> challenges(HttpResponse<String> response) {
        return response.headers().allValues("WWW-Authenticate");
    }

    private static JsonNode header(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
    }
}
