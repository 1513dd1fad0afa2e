package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalsTest {

    private static final Algorithm HMAC = Algorithm.HMAC256("principals-test-secret-0123456789abcdef");

    /** What java-jwt's own conversion gives, claim by claim, null claims left out: what a caller has always read. */
    private static Map<String, Object> claimByClaim(DecodedJWT jwt) {
        Map<String, Object> claims = new HashMap<>();
        for (Map.Entry<String, Claim> entry : jwt.getClaims().entrySet()) {
            Object value = entry.getValue().as(Object.class);
            if (value != null) {
                claims.put(entry.getKey(), value);
            }
        }
        return claims;
    }

    @Test
    void theClaimsReadAtOnceAreTheValuesJavaJwtGivesClaimByClaim() {
        DecodedJWT jwt = JWT.decode(JWT.create().withIssuer("https://issuer.test").withSubject("ada")
                .withAudience("api", "account").withClaim("exp", 4_102_444_800L).withClaim("small", 7)
                .withClaim("big", Long.MAX_VALUE).withClaim("ratio", 0.25).withClaim("verified", true)
                .withClaim("roles", List.of("User", "Admin"))
                .withClaim("realm_access", Map.of("roles", List.of("a", "b"), "level", 2, "inner", Map.of("x", "y")))
                .withClaim("mixed", List.of("text", 3, false)).withNullClaim("gone").withClaim("empty", List.of())
                .withClaim("name", "Ärzte \"quoted\" \u2713").sign(HMAC));

        Map<String, Object> claims = Principals.claims(jwt);

        assertThat(claims).isEqualTo(claimByClaim(jwt)).doesNotContainKey("gone").containsKeys("empty", "mixed");
        assertThat(claims.get("small")).isInstanceOf(Integer.class);
        assertThat(claims.get("big")).isInstanceOf(Long.class);
        assertThat(claims.get("ratio")).isInstanceOf(Double.class);
    }

    @Test
    void numbersBeyondALongAndNestedNullsAreReadAsJavaJwtReadsThem() {
        String payload = "{\"sub\":\"ada\",\"huge\":123456789012345678901234567890,\"nested\":{\"n\":null,\"l\":[null,1]}}";
        String token = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + '.' + base64(payload) + ".c2ln";
        DecodedJWT jwt = JWT.decode(token);

        Map<String, Object> claims = Principals.claims(jwt);

        assertThat(claims).isEqualTo(claimByClaim(jwt));
        assertThat(claims.get("huge")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
