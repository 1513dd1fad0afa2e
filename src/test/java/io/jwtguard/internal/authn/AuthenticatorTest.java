package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.Reason;
import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    /** A request whose container will not let the application read headers: getHeaders answers null. */
    private static final HttpServletRequest HEADERS_HIDDEN = FakeRequest.get("/api/me").hidingHeaders();

    @Test
    void aContainerThatHidesHeadersMeansNoTokenNotAnException() {
        AuthenticationResult result = new Authenticator(TestSettings.hmac(), Clock.systemUTC()).authenticate(HEADERS_HIDDEN);

        assertThat(result.kind()).isEqualTo(AuthenticationResult.Kind.NO_TOKEN);
        assertThat(result.failure().reason()).isEqualTo(Reason.MISSING_TOKEN);
    }

    @Test
    void theTokenCookieSentTwiceIsAMalformedRequestNeverFirstOneWins() {
        Authenticator withCookie = new Authenticator(TestSettings.hmacWith(java.util.Map.of("jwtguard.token.cookie",
                "__Host-access_token")), Clock.systemUTC());
        String valid = Tokens.valid(java.time.Instant.now()).sign(Tokens.hs256());

        AuthenticationResult once = withCookie.authenticate(FakeRequest.get("/api/me").cookie("__Host-access_token", valid));
        AuthenticationResult twice = withCookie.authenticate(FakeRequest.get("/api/me")
                .cookie("__Host-access_token", "attacker-planted").cookie("__Host-access_token", valid));

        assertThat(once.kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        assertThat(twice.kind()).isEqualTo(AuthenticationResult.Kind.FAILED);
        assertThat(twice.failure().reason()).isEqualTo(Reason.MALFORMED_AUTHORIZATION_HEADER);
        assertThat(twice.failure().description()).contains("sent 2 times", "__Host-");
    }
}
