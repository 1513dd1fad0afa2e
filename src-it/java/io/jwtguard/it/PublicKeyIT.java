package io.jwtguard.it;

import static io.jwtguard.it.Http.get;
import static io.jwtguard.it.Http.json;
import static io.jwtguard.it.Http.reason;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import io.jwtguard.testing.TestKeys;
import io.jwtguard.testing.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo WAR verifying RS256 with a PEM public key read from a file, over real HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PublicKeyIT {

    private static final KeyPair KEYS = TestKeys.rsa(2048);
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("jwtguard-it-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DemoWar.create("rs256", String.join("\n",
                "jwtguard.algorithms=RS256",
                "jwtguard.key.location=" + TestKeys.pemFile(DIR, "public.pem", KEYS.getPublic()),
                "jwtguard.signing.key.location=" + TestKeys.pemFile(DIR, "private.pem", KEYS.getPrivate())));
    }

    private static JWTCreator.Builder token() {
        return Tokens.demo("carol", "Admin");
    }

    @Test
    void rs256TokenFromThePrivateKeyIsAccepted() throws Exception {
        String token = token().sign(Algorithm.RSA256((RSAPublicKey) KEYS.getPublic(), (RSAPrivateKey) KEYS.getPrivate()));

        HttpResponse<String> response = get(base.toString(), "api/admin", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("user").asText()).isEqualTo("carol");
    }

    @Test
    void rs256TokenFromAnotherKeyIsAnInvalidSignature() throws Exception {
        KeyPair other = TestKeys.rsa(2048);
        String token = token().sign(Algorithm.RSA256((RSAPublicKey) other.getPublic(), (RSAPrivateKey) other.getPrivate()));

        HttpResponse<String> response = get(base.toString(), "api/admin", token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(reason(response)).isEqualTo("invalid_signature");
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefusedByTheAllowList() throws Exception {
        byte[] publicPem = TestKeys.pem(KEYS.getPublic()).getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> response = get(base.toString(), "api/admin", token().sign(Algorithm.HMAC256(publicPem)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(reason(response)).isEqualTo("algorithm_not_allowed");
    }

    @Test
    void loginSignsWithTheConfiguredPrivateKey() throws Exception {
        HttpResponse<String> login = Http.send(Http.request(base.toString(), "login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice-password")));
        String accessToken = json(login).path("access_token").asText();

        assertThat(JWT.decode(accessToken).getAlgorithm()).isEqualTo("RS256");
        assertThat(get(base.toString(), "api/me", accessToken).statusCode()).isEqualTo(200);
    }
}
