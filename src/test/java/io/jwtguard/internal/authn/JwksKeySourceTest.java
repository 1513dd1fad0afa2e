package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import io.jwtguard.Reason;
import io.jwtguard.internal.config.IssuerSettings;
import io.jwtguard.internal.config.SignatureAlgorithm;
import io.jwtguard.testing.JwksServer;
import io.jwtguard.testing.MutableClock;
import io.jwtguard.testing.TestKeys;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keys from a real JWKS and discovery server on loopback, which counts its hits: rotation, expiry,
 * outages, slowness, garbage, floods of random kids, bad keys, several issuers, Keycloak. Time is a
 * {@link MutableClock} moved by the test; nobody sleeps.
 */
class JwksKeySourceTest {

    private static final KeyPair K1 = TestKeys.rsa(2048);
    private static final KeyPair K2 = TestKeys.rsa(2048);

    private final JwksServer server = new JwksServer();
    private final MutableClock clock = new MutableClock(Instant.now());
    private TokenValidator validator;

    @AfterEach
    void stop() {
        if (validator != null) {
            validator.close();
        }
        server.close();
    }

    private TokenValidator validator(Map<String, String> extra) {
        // The default 2 s timeouts: a tighter bound turned a stall of a loaded test machine into an "outage",
        // whose stale keys then passed a token a removed-key test expected refused. The slow-provider test sets its own.
        Map<String, String> values = new HashMap<>(Map.of("jwtguard.jwks.url", server.uri("/jwks").toString(),
                "jwtguard.issuer", Tokens.ISSUER, "jwtguard.audience", Tokens.AUDIENCE));
        values.putAll(extra);
        validator = new TokenValidator(TestSettings.load(values), clock);
        validator.start();
        return validator;
    }

    private TokenValidator validator() {
        return validator(Map.of());
    }

    private String token(String kid, KeyPair keys) {
        return builder(kid).sign(Algorithm.RSA256((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate()));
    }

    private JWTCreator.Builder builder(String kid) {
        JWTCreator.Builder builder = Tokens.valid(clock.instant());
        return kid == null ? builder : builder.withKeyId(kid);
    }

    private long fetches() {
        return validator.keyFetches().get("default");
    }

    private static Reason reason(AuthenticationResult result) {
        return result.kind() == AuthenticationResult.Kind.AUTHENTICATED ? null : result.failure().reason();
    }

    @Test
    void rotationAcceptsTheNewKidAfterExactlyOneRefetch() {
        server.keys("/jwks", JwksServer.rsa("k1", K1));
        validator();
        assertThat(validator.validate(token("k1", K1)).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        assertThat(fetches()).isEqualTo(1);

        server.keys("/jwks", JwksServer.rsa("k1", K1), JwksServer.rsa("k2", K2));
        clock.advance(Duration.ofSeconds(31));

        assertThat(validator.validate(token("k2", K2)).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        assertThat(fetches()).isEqualTo(2);
        assertThat(validator.validate(token("k1", K1)).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        assertThat(server.hits("/jwks")).isEqualTo(2);
    }

    @Test
    void aRemovedKeyIsRejectedAfterTheTtl() {
        server.keys("/jwks", JwksServer.rsa("k1", K1), JwksServer.rsa("k2", K2));
        validator();
        assertThat(reason(validator.validate(token("k1", K1)))).isNull();

        server.keys("/jwks", JwksServer.rsa("k2", K2));
        clock.advance(Duration.ofMinutes(9));
        assertThat(reason(validator.validate(token("k1", K1)))).as("still within the 10 minute TTL").isNull();

        clock.advance(Duration.ofMinutes(2));
        AuthenticationResult removed = validator.validate(token("k1", K1));
        assertThat(reason(removed)).isEqualTo(Reason.UNKNOWN_KEY_ID);
        assertThat(removed.failure().description()).contains("'k1' is not in the issuer's key set");
    }

    @Test
    void itsStatusNamesTheUrlTheKeysAndTheLastFetchAndALaterFailure() {
        server.keys("/jwks", JwksServer.rsa("k1", K1));
        validator();
        assertThat(reason(validator.validate(token("k1", K1)))).isNull();

        KeySetStatus fetched = validator.keySets().get(0);
        assertThat(fetched.issuer()).isEqualTo("default");
        assertThat(fetched.source()).isEqualTo(server.uri("/jwks").toString());
        assertThat(fetched.keys()).singleElement().asString().startsWith("k1 ").contains("RS256");
        assertThat(fetched.lastFetch()).isEqualTo(clock.instant());
        assertThat(fetched.lastFailure()).isNull();

        server.answer("/jwks", new JwksServer.Answer(500, "text/plain", "down", null, 0));
        clock.advance(Duration.ofMinutes(11));
        validator.validate(token("k1", K1));
        assertThat(validator.keySets().get(0).lastFailure()).isNotNull();
        assertThat(validator.keySets().get(0).keys()).as("the last good keys stay").hasSize(1);
    }

    @Test
    void aTokenSignedWithAKeyTheLastRotationRemovedIsToldSo() {
        server.keys("/jwks", JwksServer.rsa("k1", K1), JwksServer.rsa("k2", K2));
        validator();
        assertThat(reason(validator.validate(token("k1", K1)))).isNull();
        server.keys("/jwks", JwksServer.rsa("k2", K2));
        clock.advance(Duration.ofMinutes(11));
        assertThat(reason(validator.validate(token("k2", K2)))).isNull(); // the refetch after the TTL

        AuthenticationResult retired = validator.validate(token("k1", K1));
        AuthenticationResult neverKnown = validator.validate(token("k9", K1));

        assertThat(reason(retired)).isEqualTo(Reason.UNKNOWN_KEY_ID);
        assertThat(retired.failure().description()).contains("'k1' is not in the issuer's key set",
                "had it until a rotation removed it", "signed with a retired key");
        assertThat(neverKnown.failure().description()).contains("'k9' is not in the issuer's key set")
                .doesNotContain("retired");
    }

    @Test
    void cacheControlMaxAgeIsHonoured() {
        server.answer("/jwks", JwksServer.Answer.json(JwksServer.set(JwksServer.rsa("k1", K1)))
                .withCacheControl("public, max-age=120"));
        validator();
        validator.validate(token("k1", K1));

        clock.advance(Duration.ofSeconds(119));
        validator.validate(token("k1", K1));
        assertThat(server.hits("/jwks")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        validator.validate(token("k1", K1));
        assertThat(server.hits("/jwks")).isEqualTo(2);
    }

    @Test
    void whenTheProviderGoesDownTheLastGoodKeysKeepWorking() {
        server.keys("/jwks", JwksServer.rsa("k1", K1));
        validator();
        assertThat(reason(validator.validate(token("k1", K1)))).isNull();

        server.answer("/jwks", new JwksServer.Answer(500, "text/plain", "down", null, 0));
        clock.advance(Duration.ofMinutes(11));

        assertThat(reason(validator.validate(token("k1", K1)))).isNull();
        assertThat(server.hits("/jwks")).isEqualTo(2);
    }

    @Test
    void withNoUsableKeyTheAnswerIsKeySourceUnavailableNotTheClientsFault() {
        for (JwksServer.Answer answer : List.of(
                new JwksServer.Answer(503, "text/plain", "maintenance", null, 0),
                new JwksServer.Answer(200, "text/html", "<html>login page</html>", null, 0),
                JwksServer.Answer.json("{\"keys\":\"nope\"}"),
                JwksServer.Answer.json("null"),
                JwksServer.Answer.json("{\"keys\":[" + "{\"kty\":\"RSA\"},".repeat(20) + "{}]}"))) {
            server.answer("/jwks", answer);
            clock.advance(Duration.ofMinutes(1));
            TokenValidator fresh = validator();

            AuthenticationResult result = fresh.validate(token("k1", K1));

            assertThat(reason(result)).as(answer.body()).isEqualTo(Reason.KEY_SOURCE_UNAVAILABLE);
            assertThat(result.failure().reason().status()).isEqualTo(503);
            fresh.close();
        }
    }

    @Test
    void aSlowProviderNeverHoldsARequestThreadPastTheTimeout() {
        server.answer("/jwks", JwksServer.Answer.json(JwksServer.set(JwksServer.rsa("k1", K1))).delayed(5_000));
        validator(Map.of("jwtguard.jwks.connect-timeout", "200ms", "jwtguard.jwks.read-timeout", "300ms"));

        AuthenticationResult result = validator.validate(token("k1", K1));
        long returned = System.nanoTime();

        assertThat(reason(result)).isEqualTo(Reason.KEY_SOURCE_UNAVAILABLE);
        assertThat(server.arrivals).isNotEmpty();
        // Measured against the key server's own record of when the fetch arrived: the request thread came
        // back within the configured bound (500 ms) plus scheduling slack, far below the server's 5 s delay.
        long waited = TimeUnit.NANOSECONDS.toMillis(returned - server.arrivals.get(0));
        assertThat(waited).isLessThan(2_000);
    }

    @Test
    void aFloodOfRandomKidsNeitherHammersTheProviderNorLocksOutANewKey() {
        server.keys("/jwks", JwksServer.rsa("k1", K1));
        validator();
        validator.validate(token("k1", K1));

        for (int i = 0; i < 500; i++) {
            AuthenticationResult result = validator.validate(token("random-" + UUID.randomUUID(), K1));
            assertThat(reason(result)).isEqualTo(Reason.UNKNOWN_KEY_ID);
        }
        assertThat(server.hits("/jwks")).as("fetches during the flood").isLessThanOrEqualTo(2);

        server.keys("/jwks", JwksServer.rsa("k1", K1), JwksServer.rsa("k2", K2));
        clock.advance(Duration.ofSeconds(31));
        assertThat(reason(validator.validate(token("k2", K2)))).as("a real new key after the interval").isNull();
        assertThat(server.hits("/jwks")).isLessThanOrEqualTo(3);
    }

    @Test
    void hostileKidsAreRefusedWithoutAnyFetch() {
        server.keys("/jwks", JwksServer.rsa("k1", K1));
        validator();
        validator.validate(token("k1", K1));
        int before = server.hits("/jwks");
        clock.advance(Duration.ofMinutes(1));

        for (String kid : List.of("../../etc/passwd", "k1' OR '1'='1", "$(rm -rf /)", "k".repeat(200), "", "k1 ", "ké")) {
            AuthenticationResult result = validator.validate(token(kid, K1));
            assertThat(reason(result)).as(kid).isEqualTo(Reason.UNKNOWN_KEY_ID);
        }
        assertThat(server.hits("/jwks")).isEqualTo(before);
    }

    @Test
    void everyKindOfBadKeyIsSkippedAndTheGoodOneStillWorks() {
        KeyPair small = TestKeys.rsa(1024);
        KeyPair ec = TestKeys.ec("secp256r1");
        server.keys("/jwks",
                JwksServer.rsa("enc", K2, "\"use\":\"enc\""),
                JwksServer.rsa("hs", K2, "\"alg\":\"HS256\""),
                JwksServer.rsa("rs512", K2, "\"alg\":\"RS512\""),
                JwksServer.rsa("signonly", K2, "\"key_ops\":[\"sign\"]"),
                JwksServer.rsa("small", small),
                JwksServer.ec("ec", ec),
                "{\"kty\":\"EC\",\"kid\":\"offcurve\",\"crv\":\"P-256\",\"x\":\"AQ\",\"y\":\"AQ\"}",
                "{\"kty\":\"oct\",\"kid\":\"oct\",\"k\":\"c2VjcmV0\"}",
                "{\"kty\":\"RSA\",\"kid\":\"no-n\",\"e\":\"AQAB\"}",
                "{\"kty\":\"RSA\",\"kid\":\"std-b64\",\"n\":\"ab+/==\",\"e\":\"AQAB\"}",
                JwksServer.rsa("dup", K2), JwksServer.rsa("dup", K1),
                JwksServer.rsa("good", K1, "\"use\":\"sig\"", "\"alg\":\"RS256\""));
        validator(Map.of("jwtguard.algorithms", "RS256,ES256"));

        assertThat(reason(validator.validate(token("good", K1)))).isNull();
        for (String kid : List.of("enc", "hs", "rs512", "signonly", "dup")) {
            assertThat(reason(validator.validate(token(kid, K2)))).as(kid).isEqualTo(Reason.UNKNOWN_KEY_ID);
        }
        assertThat(reason(validator.validate(token("small", small)))).isEqualTo(Reason.UNKNOWN_KEY_ID);
        Algorithm es256 = Algorithm.ECDSA256((ECPublicKey) ec.getPublic(), (ECPrivateKey) ec.getPrivate());
        assertThat(reason(validator.validate(builder("ec").sign(es256)))).as("a good EC key").isNull();
        assertThat(reason(validator.validate(builder("offcurve").sign(es256)))).isEqualTo(Reason.UNKNOWN_KEY_ID);
        assertThat(reason(validator.validate(builder("ec").sign(Algorithm.RSA256((RSAPublicKey) K1.getPublic(),
                (RSAPrivateKey) K1.getPrivate()))))).as("an EC key never verifies RS256")
                .isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void theApplicationStartsWithTheProviderDownAndRecoversWhenItIsBack() {
        server.answer("/jwks", new JwksServer.Answer(502, "text/plain", "bad gateway", null, 0));
        validator();

        assertThat(reason(validator.validate(token("k1", K1)))).isEqualTo(Reason.KEY_SOURCE_UNAVAILABLE);

        server.keys("/jwks", JwksServer.rsa("k1", K1));
        assertThat(reason(validator.validate(token("k1", K1)))).as("within the interval: no new fetch")
                .isEqualTo(Reason.KEY_SOURCE_UNAVAILABLE);
        clock.advance(Duration.ofSeconds(31));
        assertThat(reason(validator.validate(token("k1", K1)))).isNull();
    }

    @Test
    void redirectsAreFollowedOnlyWithinTheSameOrigin() {
        server.answer("/jwks", new JwksServer.Answer(302, null, "/moved", null, 0));
        server.keys("/moved", JwksServer.rsa("k1", K1));
        validator();
        assertThat(reason(validator.validate(token("k1", K1)))).isNull();
        validator.close();

        try (JwksServer other = new JwksServer()) {
            other.keys("/jwks", JwksServer.rsa("k1", K1));
            server.answer("/jwks", new JwksServer.Answer(302, null, other.uri("/jwks").toString(), null, 0));
            clock.advance(Duration.ofMinutes(1));
            validator();
            assertThat(reason(validator.validate(token("k1", K1)))).isEqualTo(Reason.KEY_SOURCE_UNAVAILABLE);
            assertThat(other.hits("/jwks")).isZero();
        }
    }

    @Test
    void anOversizedKeySetIsRefused() {
        server.keys("/jwks", JwksServer.rsa("k1", K1, "\"padding\":\"" + "x".repeat(5000) + "\""));
        validator(Map.of("jwtguard.jwks.max-bytes", "2048"));

        assertThat(reason(validator.validate(token("k1", K1)))).isEqualTo(Reason.KEY_SOURCE_UNAVAILABLE);
    }

    @Test
    void twoIssuersEachWithItsOwnKeysAudienceAndRoles() {
        try (JwksServer second = new JwksServer()) {
            KeyPair partnerKeys = TestKeys.rsa(2048);
            server.keys("/jwks", JwksServer.rsa("k1", K1));
            second.keys("/keys", JwksServer.rsa("p1", partnerKeys));
            Map<String, String> values = new HashMap<>(Map.of(
                    "jwtguard.issuers.main.issuer", Tokens.ISSUER,
                    "jwtguard.issuers.main.audience", Tokens.AUDIENCE,
                    "jwtguard.issuers.main.jwks.url", server.uri("/jwks").toString(),
                    "jwtguard.issuers.partner.issuer", "https://partner.test",
                    "jwtguard.issuers.partner.audience", "partner-api",
                    "jwtguard.issuers.partner.jwks.url", second.uri("/keys").toString(),
                    "jwtguard.issuers.partner.roles.claim", "groups"));
            validator = new TokenValidator(TestSettings.load(values), clock);
            validator.start();

            AuthenticationResult main = validator.validate(token("k1", K1));
            String partnerToken = builder("p1").withIssuer("https://partner.test").withAudience("partner-api")
                    .withClaim("groups", List.of("Partner"))
                    .sign(Algorithm.RSA256((RSAPublicKey) partnerKeys.getPublic(), (RSAPrivateKey) partnerKeys.getPrivate()));
            AuthenticationResult partner = validator.validate(partnerToken);
            String crossed = builder("p1").withIssuer("https://partner.test")
                    .sign(Algorithm.RSA256((RSAPublicKey) partnerKeys.getPublic(), (RSAPrivateKey) partnerKeys.getPrivate()));
            String stranger = builder("k1").withIssuer("https://stranger.test")
                    .sign(Algorithm.RSA256((RSAPublicKey) K1.getPublic(), (RSAPrivateKey) K1.getPrivate()));
            String wrongKey = builder("k1").withIssuer("https://partner.test").withAudience("partner-api")
                    .sign(Algorithm.RSA256((RSAPublicKey) K1.getPublic(), (RSAPrivateKey) K1.getPrivate()));

            assertThat(main.principal().getRoles()).containsExactly("User");
            assertThat(partner.principal().getRoles()).containsExactly("Partner");
            assertThat(reason(validator.validate(crossed))).as("main's audience on a partner token")
                    .isEqualTo(Reason.AUDIENCE_MISMATCH);
            assertThat(reason(validator.validate(stranger))).isEqualTo(Reason.ISSUER_MISMATCH);
            assertThat(reason(validator.validate(wrongKey))).as("main's key id under the partner issuer")
                    .isEqualTo(Reason.UNKNOWN_KEY_ID);
        }
    }

    @Test
    void keycloakShapedDiscoveryAndTokenWithRealmAndClientRoles() {
        String issuer = server.base() + "/realms/demo";
        server.answer("/realms/demo/.well-known/openid-configuration", JwksServer.Answer.json(
                JwksServer.discovery(issuer, issuer + "/protocol/openid-connect/certs")));
        server.keys("/realms/demo/protocol/openid-connect/certs", JwksServer.rsa("kc-rs256", K1, "\"use\":\"sig\"",
                "\"alg\":\"RS256\""), JwksServer.rsa("kc-enc", K2, "\"use\":\"enc\"", "\"alg\":\"RSA-OAEP\""));
        validator = new TokenValidator(TestSettings.load(Map.of(
                "jwtguard.authority", issuer,
                "jwtguard.audience", "account",
                "jwtguard.roles.claim", "realm_access.roles,resource_access.demo-app.roles")), clock);
        validator.start();
        String token = builder("kc-rs256").withIssuer(issuer).withAudience("account").withSubject("f4c1-uuid")
                .withClaim("typ", "Bearer").withClaim("azp", "demo-app").withClaim("preferred_username", "alice")
                .withClaim("realm_access", Map.of("roles", List.of("offline_access", "User")))
                .withClaim("resource_access", Map.of("demo-app", Map.of("roles", List.of("Admin")),
                        "account", Map.of("roles", List.of("manage-account"))))
                .sign(Algorithm.RSA256((RSAPublicKey) K1.getPublic(), (RSAPrivateKey) K1.getPrivate()));

        AuthenticationResult result = validator.validate(token);

        assertThat(result.kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        assertThat(result.principal().getRoles()).containsExactlyInAnyOrder("offline_access", "User", "Admin");
        assertThat(server.hits("/realms/demo/.well-known/openid-configuration")).isEqualTo(1);
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsNotTrusted() {
        server.answer("/.well-known/openid-configuration", JwksServer.Answer.json(
                JwksServer.discovery("https://evil.test", server.uri("/jwks").toString())));
        server.keys("/jwks", JwksServer.rsa("k1", K1));
        validator = new TokenValidator(TestSettings.load(Map.of("jwtguard.authority", server.base(),
                "jwtguard.audience", Tokens.AUDIENCE)), clock);
        validator.start();

        String token = builder("k1").withIssuer(server.base())
                .sign(Algorithm.RSA256((RSAPublicKey) K1.getPublic(), (RSAPrivateKey) K1.getPrivate()));

        assertThat(reason(validator.validate(token))).isEqualTo(Reason.KEY_SOURCE_UNAVAILABLE);
        assertThat(server.hits("/jwks")).isZero();
    }

    @Test
    void aServerFaultTellsTheClientNothingOfTheKeyServerAndTheLogEverything() {
        server.answer("/jwks", new JwksServer.Answer(500, "text/plain", "internal detail", null, 0));

        AuthenticationResult result = validator().validate(token("k1", K1));

        assertThat(reason(result)).isEqualTo(Reason.KEY_SOURCE_UNAVAILABLE);
        assertThat(result.failure().describe(true)).isEqualTo("the token issuer's signing keys cannot be fetched right"
                + " now; this is a server fault, retry later").doesNotContain("127.0.0.1", "/jwks", "500");
        assertThat(result.failure().forLog(false)).contains(server.uri("/jwks").toString(), "500");
    }

    @Test
    void aDiscoveredJwksUriThatOnlyLooksLikeLoopbackIsNeverFetched() {
        for (String jwksUri : List.of("http://127.0.0.1.nip.io/keys", "http://127.attacker.example/keys",
                "http://localhost.attacker.example/keys", "http://[::2]/keys")) {
            server.answer("/.well-known/openid-configuration", JwksServer.Answer.json(
                    JwksServer.discovery(server.base(), jwksUri)));
            clock.advance(Duration.ofMinutes(1));
            TokenValidator fresh = new TokenValidator(TestSettings.load(Map.of("jwtguard.authority", server.base(),
                    "jwtguard.audience", Tokens.AUDIENCE)), clock);
            fresh.start();
            String token = builder("k1").withIssuer(server.base())
                    .sign(Algorithm.RSA256((RSAPublicKey) K1.getPublic(), (RSAPrivateKey) K1.getPrivate()));

            AuthenticationResult result = fresh.validate(token);

            assertThat(reason(result)).as(jwksUri).isEqualTo(Reason.KEY_SOURCE_UNAVAILABLE);
            assertThat(result.failure().forLog(false)).as(jwksUri).contains("neither https nor http to a loopback");
            fresh.close();
        }
    }

    private void validateOk(String token, String why) {
        assertThat(reason(validator.validate(token))).as(why).isNull();
    }

    @Test
    void aKeyRemovedFromTheSetStopsVerifyingCachedTokensTooAtTheRefetch() {
        server.keys("/jwks", JwksServer.rsa("k1", K1), JwksServer.rsa("k2", K2));
        validator();
        String cached = token("k1", K1);
        validateOk(cached, "verified, and remembered");
        validateOk(cached, "a cache hit");

        server.keys("/jwks", JwksServer.rsa("k2", K2));
        clock.advance(Duration.ofMinutes(11));

        assertThat(reason(validator.validate(cached))).isEqualTo(Reason.UNKNOWN_KEY_ID);
    }

    @Test
    void anEmptyKeySetFromAReachableProviderIsAuthoritativeNotAnOutage() {
        server.keys("/jwks", JwksServer.rsa("k1", K1));
        validator();
        String cached = token("k1", K1);
        validateOk(cached, "k1 is published");

        server.answer("/jwks", JwksServer.Answer.json("{\"keys\":[]}"));
        clock.advance(Duration.ofMinutes(11));

        AuthenticationResult refused = validator.validate(cached);
        assertThat(reason(refused)).isEqualTo(Reason.UNKNOWN_KEY_ID);
        assertThat(refused.failure().reason().status()).isEqualTo(401);
        assertThat(reason(validator.validate(token("k1", K1)))).isEqualTo(Reason.UNKNOWN_KEY_ID);
    }

    @Test
    void duringAnOutageTheLastGoodKeysWorkOnlyUpToMaxStale() {
        server.keys("/jwks", JwksServer.rsa("k1", K1));
        validator(Map.of("jwtguard.jwks.max-stale", "30m"));
        String cached = token("k1", K1);
        validateOk(cached, "before the outage");

        server.answer("/jwks", new JwksServer.Answer(503, "text/plain", "down", null, 0));
        clock.advance(Duration.ofMinutes(10 + 29));
        validateOk(cached, "past the TTL, within max-stale");
        validateOk(token("k1", K1), "a new token, within max-stale");

        clock.advance(Duration.ofMinutes(2));
        assertThat(reason(validator.validate(cached))).as("cached, past max-stale")
                .isEqualTo(Reason.KEY_SOURCE_UNAVAILABLE);
        assertThat(reason(validator.validate(token("k1", K1)))).isEqualTo(Reason.KEY_SOURCE_UNAVAILABLE);

        server.keys("/jwks", JwksServer.rsa("k1", K1));
        clock.advance(Duration.ofMinutes(1));
        validateOk(cached, "the provider is back");
    }

    @Test
    void aCachedTokenNeverOutlivesTheKeysItWasVerifiedWith() {
        server.keys("/jwks", JwksServer.rsa("k1", K1));
        validator(Map.of("jwtguard.jwks.max-stale", "0s"));
        String cached = token("k1", K1);
        validateOk(cached, "verified, and remembered");

        server.answer("/jwks", new JwksServer.Answer(503, "text/plain", "down", null, 0));
        clock.advance(Duration.ofMinutes(11));

        assertThat(reason(validator.validate(cached))).as("the token's exp is an hour away, the keys expired")
                .isEqualTo(Reason.KEY_SOURCE_UNAVAILABLE);
    }

    @Test
    void aRefetchThatBringsTheSameKeysKeepsTheirGenerationAndSoTheCache() {
        server.keys("/jwks", JwksServer.rsa("k1", K1));
        IssuerSettings issuer = TestSettings.load(Map.of("jwtguard.jwks.url", server.uri("/jwks").toString(),
                "jwtguard.issuer", Tokens.ISSUER, "jwtguard.audience", Tokens.AUDIENCE)).primary();
        JwksKeySource keys = new JwksKeySource(issuer, new VerifierFactory(issuer, Duration.ofSeconds(60), clock), clock);
        keys.start();
        try {
            assertThat(keys.verifierFor("k1", SignatureAlgorithm.RS256).verifier()).isNotNull();
            long generation = keys.generation();

            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofSeconds(31));
                assertThat(keys.verifierFor("forged-" + i, SignatureAlgorithm.RS256).failure().reason())
                        .isEqualTo(Reason.UNKNOWN_KEY_ID);
            }

            assertThat(server.hits("/jwks")).as("each forged kid refetched the same set").isEqualTo(4);
            assertThat(keys.generation()).isEqualTo(generation);
            server.keys("/jwks", JwksServer.rsa("k1", K2));
            clock.advance(Duration.ofSeconds(31));
            keys.verifierFor("forged-changed", SignatureAlgorithm.RS256);
            assertThat(keys.generation()).as("k1 now names another key").isGreaterThan(generation);
        } finally {
            keys.close();
        }
    }

    @Test
    void aKeyRotatedInRightAfterTheStartUpFetchIsFoundOnItsFirstUse() {
        server.keys("/jwks", JwksServer.rsa("k1", K1));
        validator();
        validateOk(token("k1", K1), "the start-up fetch");

        server.keys("/jwks", JwksServer.rsa("k1", K1), JwksServer.rsa("k2", K2));
        clock.advance(Duration.ofSeconds(2));

        validateOk(token("k2", K2), "rotated in two seconds after the start-up fetch");
        assertThat(server.hits("/jwks")).isEqualTo(2);
        for (int i = 0; i < 200; i++) {
            validator.validate(token("random-" + i, K1));
        }
        assertThat(server.hits("/jwks")).as("the flood limit still holds").isEqualTo(2);
    }
}
