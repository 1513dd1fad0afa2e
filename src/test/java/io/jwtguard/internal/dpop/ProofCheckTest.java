package io.jwtguard.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.MutableClock;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Every check of a DPoP proof (RFC 9449 §4.3, §7) on a verified token, each refusal with its own reason. */
class ProofCheckTest {

    private static final String URL = "https://api.test/api/me";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final SharedStore store = new SharedStore();
    private final ProofMaker client = ProofMaker.es256();

    /** A store as the revocation store behaves, for units: atomic, shared by whoever holds it. */
    static final class SharedStore implements ProofStore {
        final Map<String, Instant> recorded = new ConcurrentHashMap<>();
        final Map<String, String> shared = new ConcurrentHashMap<>();
        volatile boolean down;

        @Override
        public boolean recordOnce(String key, Instant expiresAt) throws IOException {
            if (down) {
                throw new IOException("connection refused");
            }
            return recorded.putIfAbsent(key, expiresAt) == null;
        }

        @Override
        public String shared(String key, String proposed) throws IOException {
            if (down) {
                throw new IOException("connection refused");
            }
            return shared.computeIfAbsent(key, k -> proposed);
        }
    }

    private Settings settings(String... pairs) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return TestSettings.hmacWith(values);
    }

    private String boundToken(String thumbprint) {
        return Tokens.valid(clock.instant()).withClaim("cnf", Map.of("jkt", thumbprint)).sign(Tokens.hs256());
    }

    private AuthenticationResult run(Settings settings, ProofStore on, FakeRequest request) {
        Authenticator authenticator = new Authenticator(settings, clock);
        return new ProofCheck(settings, clock, on).check(request, authenticator.authenticate(request));
    }

    private AuthenticationResult run(FakeRequest request) {
        return run(settings(), store, request);
    }

    private static FakeRequest dpop(String token, String proof) {
        FakeRequest request = FakeRequest.get("/api/me").header("Authorization", "DPoP " + token);
        return proof == null ? request : request.header("DPoP", proof);
    }

    private static Reason reason(AuthenticationResult result) {
        assertThat(result.kind()).as(result.toString()).isEqualTo(AuthenticationResult.Kind.FAILED);
        return result.failure().reason();
    }

    @Test
    void aProofForThisRequestByTheBoundKeyPassesForEveryAlgorithmFamily() {
        for (ProofMaker maker : List.of(ProofMaker.es256(), ProofMaker.ed25519(), ProofMaker.ed25519FullySpecified(),
                ProofMaker.ps256())) {
            String token = boundToken(maker.thumbprint());
            String proof = maker.proof("GET", URL, token, clock.instant()).sign();
            AuthenticationResult result = run(dpop(token, proof));
            assertThat(result.kind()).as(maker.algorithm + ": " + result).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
            assertThat(result.principal().getName()).isEqualTo("alice");
        }
    }

    @Test
    void aProofIsAcceptedOnceOnEveryInstanceThatSharesTheStore() {
        String token = boundToken(client.thumbprint());
        String proof = client.proof("GET", URL, token, clock.instant()).sign();
        assertThat(run(dpop(token, proof)).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        assertThat(reason(run(dpop(token, proof)))).isEqualTo(Reason.DPOP_PROOF_REPLAYED);
        // A second instance: its own authenticator and check, the same store.
        assertThat(reason(run(settings(), store, dpop(token, proof)))).isEqualTo(Reason.DPOP_PROOF_REPLAYED);
        // The replay is recorded until the proof could no longer pass anyway: its iat plus max-age plus skew.
        assertThat(store.recorded.values()).containsExactly(clock.instant().plus(Duration.ofSeconds(60 + 60)));
        String fresh = client.proof("GET", URL, token, clock.instant()).sign();
        assertThat(run(dpop(token, fresh)).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
    }

    @Test
    void eachWrongProofIsRefusedWithItsOwnReason() {
        String token = boundToken(client.thumbprint());
        Instant now = clock.instant();
        assertThat(reason(run(dpop(token, null)))).isEqualTo(Reason.DPOP_PROOF_MISSING);
        String good = client.proof("GET", URL, token, now).sign();
        assertThat(reason(run(dpop(token, good).header("DPoP", good)))).isEqualTo(Reason.DPOP_PROOF_MALFORMED);
        assertThat(reason(run(dpop(token, "not.a.jwt")))).isEqualTo(Reason.DPOP_PROOF_MALFORMED);
        assertThat(reason(run(dpop(token, client.proof("GET", URL, token, now).headerValue("typ", "JWT").sign()))))
                .isEqualTo(Reason.DPOP_PROOF_MALFORMED);
        assertThat(reason(run(dpop(token, client.proof("GET", URL, token, now).claim("jti", null).sign()))))
                .isEqualTo(Reason.DPOP_PROOF_MALFORMED);
        assertThat(reason(run(dpop(token, client.proof("GET", URL, token, now).claim("jti", "x".repeat(257)).sign()))))
                .isEqualTo(Reason.DPOP_PROOF_MALFORMED);
        assertThat(reason(run(dpop(token, client.proof("GET", URL, token, now).headerValue("alg", "HS256").sign()))))
                .isEqualTo(Reason.DPOP_ALGORITHM_NOT_ALLOWED);
        assertThat(reason(run(dpop(token, client.proof("GET", URL, token, now).headerValue("alg", "none").sign()))))
                .isEqualTo(Reason.DPOP_ALGORITHM_NOT_ALLOWED);
        assertThat(reason(run(dpop(token, client.proof("GET", URL, token, now).headerValue("jwk", null).sign()))))
                .isEqualTo(Reason.DPOP_KEY_INVALID);
        Map<String, Object> withPrivate = new HashMap<>(client.jwk);
        withPrivate.put("d", "c2VjcmV0");
        assertThat(reason(run(dpop(token, client.proof("GET", URL, token, now).headerValue("jwk", withPrivate).sign()))))
                .isEqualTo(Reason.DPOP_KEY_INVALID);
        // Another client's key in the header, this client's signature.
        assertThat(reason(run(dpop(token, client.proof("GET", URL, token, now)
                .headerValue("jwk", ProofMaker.es256().jwk).sign())))).isEqualTo(Reason.DPOP_SIGNATURE_INVALID);
        assertThat(reason(run(dpop(token, client.proof("POST", URL, token, now).sign()))))
                .isEqualTo(Reason.DPOP_METHOD_MISMATCH);
        assertThat(reason(run(dpop(token, client.proof("GET", "https://api.test/api/other", token, now).sign()))))
                .isEqualTo(Reason.DPOP_URL_MISMATCH);
        assertThat(reason(run(dpop(token, client.proof("GET", "https://evil.test/api/me", token, now).sign()))))
                .isEqualTo(Reason.DPOP_URL_MISMATCH);
        assertThat(reason(run(dpop(token, client.proof("GET", URL, token, now.minusSeconds(121)).sign()))))
                .isEqualTo(Reason.DPOP_PROOF_EXPIRED);
        assertThat(reason(run(dpop(token, client.proof("GET", URL, token, now.plusSeconds(61)).sign()))))
                .isEqualTo(Reason.DPOP_PROOF_EXPIRED);
        assertThat(reason(run(dpop(token, client.proof("GET", URL, token, now).claim("ath", null).sign()))))
                .isEqualTo(Reason.DPOP_TOKEN_HASH_MISMATCH);
        assertThat(reason(run(dpop(token, client.proof("GET", URL, boundToken("other"), now).sign()))))
                .isEqualTo(Reason.DPOP_TOKEN_HASH_MISMATCH);
        // A token bound to another key, with a proof that is right in every other way.
        ProofMaker thief = ProofMaker.es256();
        assertThat(reason(run(dpop(token, thief.proof("GET", URL, token, now).sign()))))
                .isEqualTo(Reason.DPOP_KEY_MISMATCH);
        assertThat(store.recorded).as("only a proof that passed every other check is recorded").isEmpty();
    }

    @Test
    void theUrlIgnoresQueryFragmentCaseDefaultPortAndEncodingOfUnreservedCharacters() {
        String token = boundToken(client.thumbprint());
        for (String htu : List.of("HTTPS://API.test:443/api/me?x=1#f", "https://api.test/api/%6De", "https://api.test/api/./me")) {
            AuthenticationResult result = run(dpop(token, client.proof("GET", htu, token, clock.instant()).sign()));
            assertThat(result.kind()).as(htu).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        }
        assertThat(reason(run(dpop(token, client.proof("GET", "http://api.test/api/me", token, clock.instant()).sign()))))
                .isEqualTo(Reason.DPOP_URL_MISMATCH);
        assertThat(reason(run(dpop(token, client.proof("GET", "https://api.test:8443/api/me", token, clock.instant()).sign()))))
                .isEqualTo(Reason.DPOP_URL_MISMATCH);
    }

    @Test
    void forwardedHeadersCountOnlyFromATrustedProxyAndTheMismatchNamesBothUrls() {
        String token = boundToken(client.thumbprint());
        String publicUrl = "https://public.example/api/me";
        Settings trusting = settings("jwtguard.trusted-proxies", "10.0.0.0/8");
        FakeRequest viaProxy = dpop(token, client.proof("GET", publicUrl, token, clock.instant()).sign())
                .server("http", "backend", 8080).remoteAddr("10.1.2.3")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "public.example");
        assertThat(run(trusting, store, viaProxy).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);

        FakeRequest rfc7239 = dpop(token, client.proof("GET", publicUrl, token, clock.instant()).sign())
                .server("http", "backend", 8080).remoteAddr("10.1.2.3")
                .header("Forwarded", "for=198.51.100.7;proto=https;host=\"public.example\", for=10.0.0.1");
        assertThat(run(trusting, store, rfc7239).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);

        // The same headers from a peer outside the range: the request's own URL counts.
        FakeRequest spoofed = dpop(token, client.proof("GET", publicUrl, token, clock.instant()).sign())
                .server("http", "backend", 8080).remoteAddr("192.0.2.99")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "public.example");
        AuthenticationResult refused = run(trusting, store, spoofed);
        assertThat(reason(refused)).isEqualTo(Reason.DPOP_URL_MISMATCH);
        assertThat(refused.failure().forLog(false)).contains("htu https://public.example/api/me")
                .contains("the request's URL is http://backend:8080/api/me");
        assertThat(refused.failure().describe(false)).doesNotContain("backend");
    }

    @Test
    void aBoundTokenWithoutItsProofIsADowngradeAndAnUnboundOneCannotUseTheDpopScheme() {
        String bound = boundToken(client.thumbprint());
        assertThat(reason(run(FakeRequest.get("/api/me").bearer(bound)))).isEqualTo(Reason.DPOP_BOUND_TOKEN_AS_BEARER);
        String plain = Tokens.valid(clock.instant()).sign(Tokens.hs256());
        assertThat(run(FakeRequest.get("/api/me").bearer(plain)).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        String proof = client.proof("GET", URL, plain, clock.instant()).sign();
        assertThat(reason(run(dpop(plain, proof)))).isEqualTo(Reason.DPOP_TOKEN_NOT_BOUND);
        // A cnf.jkt that is no string binds the token to no key a proof can match.
        String unusable = Tokens.valid(clock.instant()).withClaim("cnf", Map.of("jkt", 42)).sign(Tokens.hs256());
        assertThat(reason(run(FakeRequest.get("/api/me").bearer(unusable)))).isEqualTo(Reason.DPOP_BOUND_TOKEN_AS_BEARER);
    }

    @Test
    void requiredRefusesBearerTokensAndOffLeavesEveryTokenAsItWas() {
        String plain = Tokens.valid(clock.instant()).sign(Tokens.hs256());
        assertThat(reason(run(settings("jwtguard.dpop", "required"), store, FakeRequest.get("/api/me").bearer(plain))))
                .isEqualTo(Reason.DPOP_REQUIRED);
        String bound = boundToken(client.thumbprint());
        String proof = client.proof("GET", URL, bound, clock.instant()).sign();
        assertThat(run(settings("jwtguard.dpop", "required"), store, dpop(bound, proof)).kind())
                .isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        Settings off = settings("jwtguard.dpop", "off");
        assertThat(run(off, store, FakeRequest.get("/api/me").bearer(bound)).kind())
                .isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        assertThat(reason(run(off, store, dpop(bound, proof)))).isEqualTo(Reason.UNSUPPORTED_SCHEME);
    }

    @Test
    void aNonceIsGivenWithTheRefusalAndAcceptedOnEveryInstanceUntilItsNextPeriodEnds() {
        Settings nonces = settings("jwtguard.dpop.nonce", "true", "jwtguard.dpop.nonce-lifetime", "5m");
        String token = boundToken(client.thumbprint());
        AuthenticationResult first = run(nonces, store, dpop(token, client.proof("GET", URL, token, clock.instant()).sign()));
        assertThat(reason(first)).isEqualTo(Reason.DPOP_NONCE_REQUIRED);
        String nonce = first.failure().dpopNonce();
        assertThat(nonce).matches("[A-Za-z0-9_-]{32}");
        // Another instance on the same store accepts it.
        assertThat(run(nonces, store, dpop(token, client.proof("GET", URL, token, clock.instant()).claim("nonce", nonce)
                .sign())).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        assertThat(reason(run(nonces, store, dpop(token, client.proof("GET", URL, token, clock.instant())
                .claim("nonce", nonce + "x").sign())))).isEqualTo(Reason.DPOP_NONCE_REQUIRED);
        assertThat(reason(run(nonces, new SharedStore(), dpop(token, client.proof("GET", URL, token, clock.instant())
                .claim("nonce", nonce).sign())))).as("a store with another secret").isEqualTo(Reason.DPOP_NONCE_REQUIRED);
        clock.advance(Duration.ofMinutes(5));
        assertThat(run(nonces, store, dpop(token, client.proof("GET", URL, token, clock.instant()).claim("nonce", nonce)
                .sign())).kind()).as("the next period").isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        clock.advance(Duration.ofMinutes(5));
        AuthenticationResult stale = run(nonces, store, dpop(token, client.proof("GET", URL, token, clock.instant())
                .claim("nonce", nonce).sign()));
        assertThat(reason(stale)).isEqualTo(Reason.DPOP_NONCE_REQUIRED);
        assertThat(stale.failure().dpopNonce()).isNotEqualTo(nonce);
    }

    @Test
    void aStoreThatFailsRefusesAsAServerFaultOrWithAllowAdmitsAndCounts() {
        String token = boundToken(client.thumbprint());
        store.down = true;
        AuthenticationResult refused = run(dpop(token, client.proof("GET", URL, token, clock.instant()).sign()));
        assertThat(reason(refused)).isEqualTo(Reason.DPOP_UNAVAILABLE);
        assertThat(refused.failure().describe(true)).doesNotContain("connection refused");
        assertThat(refused.failure().serverDetail()).contains("connection refused");

        Settings allow = settings("jwtguard.revocation.on-store-failure", "allow");
        Authenticator authenticator = new Authenticator(allow, clock);
        ProofCheck check = new ProofCheck(allow, clock, store);
        FakeRequest request = dpop(token, client.proof("GET", URL, token, clock.instant()).sign());
        assertThat(check.check(request, authenticator.authenticate(request)).kind())
                .isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        assertThat(check.admittedWithoutStore()).isEqualTo(1);
    }

    @Test
    void theDoctorSeesEachVerdictAndSkipsWhatOnlyARunningServerHas() {
        Settings settings = settings();
        String token = boundToken(client.thumbprint());
        List<String> verdicts = new java.util.ArrayList<>();
        ProofTrace trace = new ProofTrace() {
            @Override
            public void passed(String check) {
                verdicts.add("pass " + check);
            }

            @Override
            public void skipped(String check, String why) {
                verdicts.add("skip " + check);
            }

            @Override
            public void failed(String check, Failure failure) {
                verdicts.add("FAIL " + check + " " + failure.reason().code());
            }
        };
        Failure failure = new ProofCheck(settings, clock, store).verify(List.of(client.proof("POST", URL, token,
                clock.instant()).sign()), "GET", URL, token, client.thumbprint(), false, trace);
        assertThat(failure.reason()).isEqualTo(Reason.DPOP_METHOD_MISMATCH);
        assertThat(verdicts).containsExactly("pass one DPoP header", "pass a JWT of type dpop+jwt",
                "pass algorithm allowed", "pass public key in jwk", "pass signature", "pass claims jti, htm, htu, iat",
                "FAIL htm is the method dpop_method_mismatch");
        verdicts.clear();
        assertThat(new ProofCheck(settings, clock, store).verify(List.of(client.proof("GET", URL, token,
                clock.instant()).sign()), "GET", URL, token, client.thumbprint(), false, trace)).isNull();
        assertThat(verdicts).last().isEqualTo("skip jti not seen before");
        assertThat(store.recorded).isEmpty();
    }
}
