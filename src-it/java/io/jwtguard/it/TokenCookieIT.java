package io.jwtguard.it;

import static io.jwtguard.it.BearerAuthenticationIT.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.testing.Tokens;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The token from a cookie ({@code jwtguard.token.cookie}), over real HTTP: used when sent once, and refused
 * as a malformed request when sent twice, whether in one {@code Cookie} header or in two, never "the first
 * one wins" (a sibling subdomain or a parent path can plant a cookie of the same name).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenCookieIT {

    private static final String COOKIE = "__Host-access_token";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DemoWar.create("cookie", "jwtguard.key=" + SECRET + "\njwtguard.token.cookie=" + COOKIE);
    }

    @Test
    void theCookieSentOnceAuthenticates() throws Exception {
        HttpResponse<String> me = Http.send(Http.request(base.toString(), "api/me")
                .header("Cookie", COOKIE + "=" + Tokens.demoToken("alice", "User")));

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(Http.json(me).path("name").asText()).isEqualTo("alice");
    }

    @Test
    void theCookieSentTwiceInOneHeaderIsAMalformedRequest() throws Exception {
        HttpResponse<String> twice = Http.send(Http.request(base.toString(), "api/me").header("Cookie",
                COOKIE + "=" + Tokens.demoToken("mallory", "Admin") + "; " + COOKIE + "=" + Tokens.demoToken("alice", "User")));

        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(Http.reason(twice)).isEqualTo("malformed_authorization_header");
        assertThat(Http.challenge(twice)).contains("sent 2 times");
        assertThat(twice.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void theCookieSentTwiceInTwoHeadersIsAMalformedRequest() throws Exception {
        HttpResponse<String> twice = Http.send(Http.request(base.toString(), "api/me")
                .header("Cookie", COOKIE + "=" + Tokens.demoToken("mallory", "Admin"))
                .header("Cookie", COOKIE + "=" + Tokens.demoToken("alice", "User")));

        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(Http.reason(twice)).isEqualTo("malformed_authorization_header");
    }
}
