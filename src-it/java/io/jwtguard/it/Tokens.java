package io.jwtguard.it;

import static io.jwtguard.it.BearerAuthenticationIT.HS256;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Tokens for the demo's issuer and audience, signed with the integration tests' HS256 secret. */
final class Tokens {

    private Tokens() {
    }

    static JWTCreator.Builder builder(String subject, String... roles) {
        Instant now = Instant.now();
        return JWT.create().withIssuer("jwtguard-demo").withAudience("jwtguard-demo-api").withSubject(subject)
                .withIssuedAt(now).withExpiresAt(now.plus(Duration.ofMinutes(5))).withClaim("roles", List.of(roles));
    }

    static String of(String subject, String... roles) {
        return builder(subject, roles).sign(HS256);
    }
}
