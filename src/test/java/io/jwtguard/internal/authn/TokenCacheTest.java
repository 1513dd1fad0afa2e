package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.algorithms.Algorithm;
import io.jwtguard.JwtPrincipal;
import io.jwtguard.Reason;
import io.jwtguard.testing.MutableClock;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");
    private final MutableClock clock = new MutableClock(START);

    private TokenValidator validator(String cacheSize) {
        return new TokenValidator(TestSettings.hmacWith(Map.of("jwtguard.token.cache.size", cacheSize)), clock);
    }

    /** What a verified token leaves in the cache: its caller. */
    private static AuthenticationResult aCaller() {
        return AuthenticationResult.authenticated(new JwtPrincipal("x", Set.of(), Map.of()), List.of("roles"),
                new TokenIds("", null, null, "x", TokenIds.NO_IAT));
    }

    private static String describe(AuthenticationResult result) {
        return result.kind() == AuthenticationResult.Kind.AUTHENTICATED
                // A role set has no order: compared sorted.
                ? "OK " + result.principal().getName() + " " + new java.util.TreeSet<>(result.principal().getRoles())
                        + " " + new java.util.TreeMap<>(result.principal().getClaims())
                : result.failure().reason().code() + " " + result.failure().description();
    }

    @Test
    void aCachedTokenStillExpiresOnTime() {
        TokenValidator cached = validator("100");
        String token = Tokens.valid(START).withExpiresAt(START.plusSeconds(300)).sign(Tokens.hs256());
        assertThat(cached.validate(token).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);

        clock.advance(Duration.ofSeconds(300 + 59));
        assertThat(cached.validate(token).kind()).as("within the skew").isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);

        clock.advance(Duration.ofSeconds(2));
        AuthenticationResult expired = cached.validate(token);
        assertThat(expired.failure().reason()).isEqualTo(Reason.TOKEN_EXPIRED);
    }

    @Test
    void onAndOffGiveTheSameDecisionForEveryToken() {
        Algorithm other = Algorithm.HMAC256("other-secret-0123456789-0123456789-x".getBytes(StandardCharsets.UTF_8));
        List<String> tokens = new ArrayList<>(List.of(
                Tokens.valid(START).sign(Tokens.hs256()),
                Tokens.valid(START).withClaim("roles", List.of("Admin", "User")).sign(Tokens.hs256()),
                Tokens.valid(START).withExpiresAt(START.plusSeconds(30)).sign(Tokens.hs256()),
                Tokens.valid(START).withIssuer("https://evil.test").sign(Tokens.hs256()),
                Tokens.valid(START).withAudience("other").sign(Tokens.hs256()),
                Tokens.valid(START).sign(other),
                Tokens.valid(START).withNotBefore(START.plusSeconds(120)).sign(Tokens.hs256()),
                "not.a.token", "a"));
        String valid = tokens.get(0);
        String[] parts = valid.split("\\.");
        tokens.add(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2) + "AA");
        TokenValidator on = validator("100");
        TokenValidator off = validator("0");

        for (Duration step : List.of(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(100), Duration.ofMinutes(59),
                Duration.ofMinutes(2))) {
            clock.advance(step);
            for (String token : tokens) {
                assertThat(describe(on.validate(token))).as(token).isEqualTo(describe(off.validate(token)));
            }
        }
    }

    @Test
    void theCacheIsBounded() {
        TokenCache cache = new TokenCache(50, Duration.ofSeconds(60), clock);
        AuthenticationResult principal = aCaller();
        KeySource keys = (kid, algorithm) -> null;

        for (int i = 0; i < 1000; i++) {
            cache.put("token-" + i, principal, START.plusSeconds(600), keys, 0);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(50);
    }

    /** The default size is a promise of that many callers remembered, not an approximate ceiling. */
    @Test
    void aCacheHoldsAsManyTokensAsItsBoundEachHitInRotation() {
        int bound = Integer.parseInt(io.jwtguard.internal.config.Setting.TOKEN_CACHE_SIZE.defaultValue());
        TokenCache cache = new TokenCache(bound, Duration.ofSeconds(60), clock);
        AuthenticationResult principal = aCaller();
        KeySource keys = (kid, algorithm) -> null;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < bound; i++) {
            tokens.add(String.format("header.payload.%043d", i));
            cache.put(tokens.get(i), principal, START.plusSeconds(600), keys, 0);
        }

        for (int pass = 0; pass < 3; pass++) {
            for (String token : tokens) {
                assertThat(cache.getForHeader(BearerGrammar.USUAL_PREFIX + token)).as("pass %d, %s", pass, token)
                        .isSameAs(principal);
            }
        }
        assertThat(cache.size()).isEqualTo(bound);
    }

    @Test
    void entriesFromOlderKeysAreNotUsed() {
        TokenCache cache = new TokenCache(50, Duration.ofSeconds(60), clock);
        AuthenticationResult principal = aCaller();
        long[] generation = {1};
        KeySource keys = keys(generation, new Instant[] {Instant.MAX});
        cache.put("t", principal, START.plusSeconds(600), keys, 1);
        assertThat(cache.get("t")).isSameAs(principal);

        generation[0] = 2;

        assertThat(cache.get("t")).isNull();
    }

    @Test
    void aHitGivesTheSameCallerAsTheFirstCheckWithItsListClaimsPackedAndTheRolesPointingIntoThem() {
        TokenValidator cached = new TokenValidator(TestSettings.hmacWith(Map.of("jwtguard.token.cache.size", "100")),
                clock);
        String token = Tokens.valid(START).withClaim("roles", List.of("User", "Admin", "User"))
                .withClaim("department", "finance").withClaim("nested", Map.of("teams", List.of("a", "b")))
                .sign(Tokens.hs256());
        JwtPrincipal first = cached.validate(token).principal();

        JwtPrincipal hit = cached.validate(token).principal();
        JwtPrincipal again = cached.validate(token).principal();

        assertThat(hit).isNotSameAs(first).isSameAs(again);
        assertThat(hit.getName()).isEqualTo(first.getName());
        assertThat(hit.getRoles()).isEqualTo(first.getRoles()).isInstanceOf(PackedRoles.class);
        assertThat(hit.getClaims()).isEqualTo(first.getClaims()).containsEntry("department", "finance");
        assertThat(hit.getClaims().get("roles")).isInstanceOf(PackedStrings.class)
                .isEqualTo(List.of("User", "Admin", "User"));
        assertThat(((Map<?, ?>) hit.getClaims().get("nested")).get("teams")).isInstanceOf(PackedStrings.class);
    }

    @Test
    void aCachedTokenStillHonoursTheMaximumTokenAge() {
        TokenValidator cached = new TokenValidator(TestSettings.hmacWith(Map.of("jwtguard.token.cache.size", "100",
                "jwtguard.max-token-age", "10m")), clock);
        String token = Tokens.valid(START).sign(Tokens.hs256());
        assertThat(cached.validate(token).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);

        clock.advance(Duration.ofMinutes(11).plusSeconds(1));

        assertThat(cached.validate(token).failure().reason()).isEqualTo(Reason.TOKEN_EXPIRED);
    }

    /** Keys whose generation and trust the test moves: {@code generation[0]} and {@code trustedUntil[0]}. */
    private static KeySource keys(long[] generation, Instant[] trustedUntil) {
        return new KeySource() {
            @Override
            public KeyResult verifierFor(String kid, io.jwtguard.internal.config.SignatureAlgorithm algorithm) {
                return null;
            }

            @Override
            public long generation() {
                return generation[0];
            }

            @Override
            public Instant trustedUntil() {
                return trustedUntil[0];
            }
        };
    }

    /** Longer than the characters entries are found by, as every real token is. */
    private static final String ABC = "a".repeat(40) + ".b.c";

    private static String forged(String token) {
        return token.substring(0, token.lastIndexOf('.') + 1) + "Zm9yZ2VkLXNpZ25hdHVyZQ";
    }

    @Test
    void aRepeatedForgeryIsRefusedFromMemoryWithTheSameAnswer() {
        TokenValidator cached = validator("100");
        String forgery = forged(Tokens.valid(START).sign(Tokens.hs256()));

        AuthenticationResult first = cached.validate(forgery);
        AuthenticationResult again = cached.validate(forgery);

        assertThat(first.failure().reason()).isEqualTo(Reason.INVALID_SIGNATURE);
        assertThat(again).as("remembered, not verified again").isSameAs(first);
        assertThat(cached.validate("not.a.token")).isSameAs(cached.validate("not.a.token"));
    }

    @Test
    void refusalsThatTimeCouldTurnAreNeverRemembered() {
        TokenValidator cached = validator("100");
        String early = Tokens.valid(START).withNotBefore(START.plusSeconds(120)).sign(Tokens.hs256());
        String late = Tokens.valid(START).withExpiresAt(START.minusSeconds(120)).sign(Tokens.hs256());

        AuthenticationResult notYet = cached.validate(early);
        AuthenticationResult expired = cached.validate(late);

        assertThat(notYet.failure().reason()).isEqualTo(Reason.TOKEN_NOT_YET_VALID);
        assertThat(cached.validate(early)).isNotSameAs(notYet);
        assertThat(expired.failure().reason()).isEqualTo(Reason.TOKEN_EXPIRED);
        assertThat(cached.validate(late)).isNotSameAs(expired);
        clock.advance(Duration.ofSeconds(121));
        assertThat(cached.validate(early).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
    }

    @Test
    void aRememberedRefusalEndsWithTheKeysItWasCheckedWithAndWithinAMinute() {
        TokenCache cache = new TokenCache(50, Duration.ofSeconds(60), clock);
        AuthenticationResult refusal = AuthenticationResult.failed(io.jwtguard.internal.diagnostics.Failure.of(
                Reason.INVALID_SIGNATURE, "the signature does not verify"), new Checks(0, Check.SIGNATURE));
        long[] generation = {1};
        Instant[] trustedUntil = {START.plusSeconds(3600)};
        KeySource keys = keys(generation, trustedUntil);
        cache.putRefusal(ABC, refusal, keys, 1);
        cache.putRefusal("d.e.f", refusal, null, 0);
        cache.putRefusal("outside the grammar", refusal, null, 0);
        assertThat(cache.get(ABC)).isSameAs(refusal);
        assertThat(cache.getForHeader("Bearer " + ABC)).isSameAs(refusal);
        assertThat(cache.get("outside the grammar")).as("its header is refused before any token check").isNull();

        trustedUntil[0] = START;
        assertThat(cache.get(ABC)).as("past the keys' trust the answer would be 503").isNull();
        trustedUntil[0] = START.plusSeconds(3600);
        cache.putRefusal(ABC, refusal, keys, 1);
        generation[0] = 2;
        assertThat(cache.get(ABC)).as("new keys may verify it").isNull();

        assertThat(cache.get("d.e.f")).isSameAs(refusal);
        clock.advance(TokenCache.REFUSAL_MEMORY);
        assertThat(cache.get("d.e.f")).isNull();
    }

    @Test
    void aRefusalAtTheKeyLookupIsNeverRemembered() {
        TokenCache cache = new TokenCache(50, Duration.ofSeconds(60), clock);
        AuthenticationResult unknownKey = AuthenticationResult.failed(io.jwtguard.internal.diagnostics.Failure.of(
                Reason.INVALID_SIGNATURE, "no key"), new Checks(0, Check.KEY));

        cache.putRefusal(ABC, unknownKey, null, 0);

        assertThat(cache.get(ABC)).as("a fetch may bring the key").isNull();
    }

    @Test
    void aFloodOfDistinctForgeriesEvictsNoVerifiedToken() {
        TokenValidator cached = validator("20");
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            valid.add(Tokens.valid(START).withJWTId("valid-" + i).sign(Tokens.hs256()));
        }
        List<AuthenticationResult> first = valid.stream().map(cached::validate).toList();

        for (int i = 0; i < 500; i++) {
            assertThat(cached.validate(forged(Tokens.valid(START).withJWTId("forged-" + i).sign(Tokens.hs256())))
                    .failure().reason()).isEqualTo(Reason.INVALID_SIGNATURE);
        }

        for (int i = 0; i < valid.size(); i++) {
            assertThat(cached.validate(valid.get(i)).principal()).as("still remembered")
                    .isSameAs(cached.validate(valid.get(i)).principal());
        }
        assertThat(first).allMatch(result -> result.kind() == AuthenticationResult.Kind.AUTHENTICATED);
    }
}
