package io.jwtguard.it;

import static io.jwtguard.it.Http.get;
import static io.jwtguard.it.Http.reason;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.algorithms.Algorithm;
import io.jwtguard.testing.JwksServer;
import io.jwtguard.testing.TestKeys;
import io.jwtguard.testing.Tokens;
import java.net.URL;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo WAR verifying with keys from a real JWKS server on loopback, over real HTTP on embedded Jetty;
 * and a second WAR whose key server is down: it deploys all the same and answers 503 with Retry-After,
 * a server fault, never the client's invalid token.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JwksFilterIT {

    private static final KeyPair KEYS = TestKeys.rsa(2048);
    private static final JwksServer SERVER = new JwksServer().keys("/jwks", JwksServer.rsa("main", KEYS));

    @ArquillianResource
    @OperateOnDeployment("jwks")
    private URL up;

    @ArquillianResource
    @OperateOnDeployment("jwks-down")
    private URL down;

    @Deployment(name = "jwks", testable = false)
    static WebArchive up() {
        return DemoWar.create("jwks", "jwtguard.algorithms=RS256\njwtguard.jwks.url=" + SERVER.uri("/jwks"));
    }

    @Deployment(name = "jwks-down", testable = false)
    static WebArchive down() {
        return DemoWar.create("jwks-down", "jwtguard.algorithms=RS256\njwtguard.jwks.url=" + SERVER.uri("/nothing-here")
                + "\njwtguard.jwks.connect-timeout=500ms\njwtguard.jwks.read-timeout=500ms");
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    private static String token() {
        return Tokens.demo("kim", "Admin").withKeyId("main")
                .sign(Algorithm.RSA256((RSAPublicKey) KEYS.getPublic(), (RSAPrivateKey) KEYS.getPrivate()));
    }

    @Test
    void tokensSignedWithAPublishedKeyAreAccepted() throws Exception {
        HttpResponse<String> response = get(up.toString(), "api/admin", token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).path("user").asText()).isEqualTo("kim");
    }

    @Test
    void anUnknownKidIsA401WithItsReason() throws Exception {
        String token = Tokens.demo("kim", "Admin").withKeyId("rotated-away")
                .sign(Algorithm.RSA256((RSAPublicKey) KEYS.getPublic(), (RSAPrivateKey) KEYS.getPrivate()));

        HttpResponse<String> response = get(up.toString(), "api/admin", token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(reason(response)).isEqualTo("unknown_key_id");
        assertThat(Http.challenge(response)).contains("error=\"invalid_token\"");
    }

    @Test
    void withTheKeyServerDownTheAppStillDeploysAndAnswers503WithRetryAfter() throws Exception {
        HttpResponse<String> response = get(down.toString(), "api/admin", token());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(reason(response)).isEqualTo("key_source_unavailable");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(get(down.toString(), "health", null).statusCode()).isEqualTo(200);
    }
}
