package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.Reason;
import io.jwtguard.testing.TestSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    /** A request whose container will not let the application read headers: getHeaders answers null. */
    private static final HttpServletRequest HEADERS_HIDDEN = (HttpServletRequest) Proxy.newProxyInstance(
            AuthenticatorTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) -> method.getName().equals("getMethod") ? "GET" : null);

    @Test
    void aContainerThatHidesHeadersMeansNoTokenNotAnException() {
        AuthenticationResult result = new Authenticator(TestSettings.hmac(), Clock.systemUTC()).authenticate(HEADERS_HIDDEN);

        assertThat(result.kind()).isEqualTo(AuthenticationResult.Kind.NO_TOKEN);
        assertThat(result.failure().reason()).isEqualTo(Reason.MISSING_TOKEN);
    }
}
