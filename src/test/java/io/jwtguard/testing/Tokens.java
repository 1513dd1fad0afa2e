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
    /** The demo's issuer and audience, as the sample WAR's configuration names them. */
    public static final String DEMO_ISSUER = "jwtguard-demo";
    public static final String DEMO_AUDIENCE = "jwtguard-demo-api";
    /** The HS256 secret the integration tests configure into their WARs. */
    public static final String DEMO_SECRET = "integration-test-secret-0123456789";

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

    public static Algorithm demoHs256() {
        return Algorithm.HMAC256(DEMO_SECRET.getBytes(StandardCharsets.UTF_8));
    }

    /** A builder for the demo's issuer and audience: sub, iat, exp five minutes on, these roles. */
    public static JWTCreator.Builder demo(String subject, String... roles) {
        Instant now = Instant.now();
        return JWT.create().withIssuer(DEMO_ISSUER).withAudience(DEMO_AUDIENCE).withSubject(subject)
                .withIssuedAt(now).withExpiresAt(now.plus(Duration.ofMinutes(5))).withClaim("roles", List.of(roles));
    }

    /** A demo token signed with {@link #DEMO_SECRET}. */
    public static String demoToken(String subject, String... roles) {
        return demo(subject, roles).sign(demoHs256());
    }
}
