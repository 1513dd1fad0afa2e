package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.Reason;
import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.TestSettings;
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
}
