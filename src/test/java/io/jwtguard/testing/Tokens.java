package io.jwtguard.testing;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Mints tokens for tests with java-jwt, and raw tokens for shapes java-jwt would refuse to build. */
public final class Tokens {

    public static final String ISSUER = "https://issuer.test";
    public static final String AUDIENCE = "api.test";

    private Tokens() {
    }

    /** A valid-looking builder: iss, aud, sub, iat, exp (an hour after {@code now}), roles [User]. */
    public static JWTCreator.Builder valid(Instant now) {
        return JWT.create()
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .withSubject("alice")
                .withIssuedAt(now)
                .withExpiresAt(now.plus(Duration.ofHours(1)))
                .withClaim("roles", List.of("User"));
    }

    public static Algorithm hs256() {
        return Algorithm.HMAC256(TestKeys.HMAC_SECRET.getBytes(StandardCharsets.UTF_8));
    }

    /** A compact JWS from raw JSON, signed with {@code algorithm} (or with an empty signature when null). */
    public static String raw(String headerJson, String payloadJson, Algorithm algorithm) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        String signature = algorithm == null ? ""
                : b64.encodeToString(algorithm.sign(header.getBytes(StandardCharsets.US_ASCII),
                        payload.getBytes(StandardCharsets.US_ASCII)));
        return header + "." + payload + "." + signature;
    }
}
