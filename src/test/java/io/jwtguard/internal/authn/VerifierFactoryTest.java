package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.exceptions.TokenExpiredException;
import io.jwtguard.internal.config.IssuerSettings;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * java-jwt's verifier reads the time only through {@code BaseVerification.build(Clock)}, which it documents as for
 * tests; {@code build()} is that method with the system clock, and its exp and nbf checks cannot be turned off.
 * So VerifierFactory relies on it: these tests fail if java-jwt removes or changes it.
 */
class VerifierFactoryTest {

    private static final Instant LONG_AGO = Instant.parse("2001-02-03T04:05:06Z");

    @Test
    void javaJwtStillOffersBuildWithAClock() throws NoSuchMethodException {
        Method build = JWTVerifier.BaseVerification.class.getMethod("build", Clock.class);

        assertThat(Modifier.isPublic(build.getModifiers())).isTrue();
        assertThat(build.getReturnType()).isEqualTo(JWTVerifier.class);
        assertThat(JWT.require(Tokens.hs256())).isInstanceOf(JWTVerifier.BaseVerification.class);
    }

    @Test
    void theVerifierReadsTheTimeFromTheGivenClock() {
        IssuerSettings issuer = TestSettings.hmac().trusted().get(0);
        String token = Tokens.valid(LONG_AGO).sign(Tokens.hs256());
        Clock then = Clock.fixed(LONG_AGO.plusSeconds(60), ZoneOffset.UTC);

        JWTVerifier verifier = new VerifierFactory(issuer, Duration.ZERO, then).verifier(Tokens.hs256());
        JWTVerifier now = new VerifierFactory(issuer, Duration.ZERO, Clock.systemUTC()).verifier(Tokens.hs256());

        assertThat(verifier.verify(JWT.decode(token)).getSubject()).isNotBlank();
        assertThatThrownBy(() -> now.verify(JWT.decode(token))).isInstanceOf(TokenExpiredException.class);
    }
}
