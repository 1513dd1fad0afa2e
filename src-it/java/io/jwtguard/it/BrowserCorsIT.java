package io.jwtguard.it;

import static io.jwtguard.it.BearerAuthenticationIT.HS256;
import static io.jwtguard.it.BearerAuthenticationIT.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWTCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jwtguard.testing.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real browser (headless Chromium) on one loopback origin calls the demo API on another with
 * {@code fetch()} and an {@code Authorization} header: the preflight passes without a token, a valid
 * token gets 200, an expired one gets a 401 whose {@code WWW-Authenticate} the script can read, and a
 * page on an origin that is not allowed is blocked by the browser itself.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserCorsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PageServer ALLOWED = new PageServer();
    private static final PageServer NOT_ALLOWED = new PageServer();

    @ArquillianResource
    private URL api;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DemoWar.create("browser", "jwtguard.key=" + SECRET + "\njwtguard.cors.allowed-origins=" + ALLOWED.origin());
    }

    @BeforeAll
    static void chromiumIsThere() {
        ChromiumPage.requireChromium();
    }

    @AfterAll
    static void stopPages() {
        ALLOWED.stop();
        NOT_ALLOWED.stop();
    }

    private static String chromium() {
        return ChromiumPage.chromium();
    }

    private static JWTCreator.Builder token() {
        return Tokens.demo("alice", "User");
    }

    @Test
    void browserOnAnAllowedOriginReadsTheRealStatusAndReason() throws Exception {
        String valid = token().sign(HS256);
        String expired = token().withIssuedAt(Instant.now().minusSeconds(7200))
                .withExpiresAt(Instant.now().minusSeconds(3600)).sign(HS256);

        JsonNode report = ALLOWED.runInBrowser(api.toString(), valid, expired);

        // Authorization is not a CORS-safelisted header, so Chromium sends a preflight (which never carries
        // the token) before each call: a 200 is only reachable once that preflight has passed.
        assertThat(report.path("valid").asText()).as(report.toString()).isEqualTo("200");
        assertThat(report.path("validName").asText()).isEqualTo("alice");
        assertThat(report.path("expired").asText()).isEqualTo("401");
        assertThat(report.path("expiredChallenge").asText()).contains("error=\"invalid_token\"", "reason=\"token_expired\"");
        assertThat(report.path("expiredReason").asText()).isEqualTo("token_expired");
    }

    @Test
    void browserOnAnOriginThatIsNotAllowedIsBlockedByTheBrowser() throws Exception {
        JsonNode report = NOT_ALLOWED.runInBrowser(api.toString(), token().sign(HS256), "unused");

        assertThat(report.path("valid").asText()).as(report.toString()).isEqualTo("blocked: TypeError");
    }

    /** Serves one page on its own loopback origin, and receives the page's report of what fetch() saw. */
    private static final class PageServer {

        private final HttpServer server;
        private volatile String page = "";
        private volatile CompletableFuture<String> report = new CompletableFuture<>();

        PageServer() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", this::handle);
            server.start();
        }

        String origin() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }

        private void handle(HttpExchange exchange) throws IOException {
            if (exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().equals("/report")) {
                report.complete(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            } else {
                byte[] body = page.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        }

        JsonNode runInBrowser(String apiBase, String validToken, String expiredToken) throws Exception {
            report = new CompletableFuture<>();
            page = """
                    <!doctype html><html><body><script>
                    const api = '%s';
                    async function call(token) {
                      return fetch(api + 'api/me', {headers: {'Authorization': 'Bearer ' + token}});
                    }
                    (async () => {
                      const results = {};
                      try {
                        const ok = await call('%s');
                        results.valid = String(ok.status);
                        results.validName = (await ok.json()).name;
                        const stale = await call('%s');
                        results.expired = String(stale.status);
                        results.expiredChallenge = stale.headers.get('WWW-Authenticate');
                        results.expiredReason = (await stale.json()).reason;
                      } catch (e) {
                        results.valid = results.valid || ('blocked: ' + e.name);
                      }
                      await fetch('/report', {method: 'POST', body: JSON.stringify(results)});
                    })();
                    </script></body></html>
                    """.formatted(apiBase, validToken, expiredToken);
            Path profile = Files.createTempDirectory("jwtguard-chromium");
            Process browser = new ProcessBuilder(chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-quic", "--user-data-dir=" + profile, origin() + "/")
                    .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
            try {
                return JSON.readTree(report.get(60, TimeUnit.SECONDS));
            } finally {
                browser.destroyForcibly();
                browser.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
