package io.jwtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jwtguard.testing.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor --resource-metadata}: a metadata document served on loopback, right or wrong, read as a client would
 * and compared with the configuration, so a metadata URL that names another resource is caught before a client is.
 */
class DoctorResourceMetadataTest {

    private static final String ISSUER = "https://auth.example.test";

    @TempDir
    static Path dir;
    private static HttpServer server;
    private static String base;
    private static Path config;

    @BeforeAll
    static void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        base = "http://localhost:" + server.getAddress().getPort();
        document("/.well-known/oauth-protected-resource/mcp", base + "/mcp", ISSUER);
        document("/.well-known/oauth-protected-resource/sibling", base + "/mcp", ISSUER);
        document("/.well-known/oauth-protected-resource/other", base + "/other", ISSUER);
        document("/.well-known/oauth-protected-resource/elsewhere", base + "/elsewhere", "https://stranger.test");
        server.start();
        config = dir.resolve("jwtguard.properties");
        Files.writeString(config, "jwtguard.key=" + TestKeys.HMAC_SECRET + "\njwtguard.issuer=" + ISSUER
                + "\njwtguard.resource=" + base + "/mcp\n");
    }

    private static void document(String path, String resource, String authorizationServer) {
        byte[] body = ("{\"resource\":\"" + resource + "\",\"authorization_servers\":[\"" + authorizationServer
                + "\"],\"bearer_methods_supported\":[\"header\"]}").getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static String doctor(String path, int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"doctor", "--config", config.toString(), "--resource-metadata", base + path},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                Map.of());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(expectedExit);
        return printed;
    }

    @Test
    void thisApisOwnMetadataPasses() {
        assertThat(doctor("/.well-known/oauth-protected-resource/mcp", 0))
                .contains("resource", "PASS - '" + base + "/mcp', the one its URL stands for")
                .contains("audience", "PASS").contains("Result: PASS");
    }

    @Test
    void aDocumentNamingAnotherResourceThanItsUrlIsCaught() {
        assertThat(doctor("/.well-known/oauth-protected-resource/sibling", 1))
                .contains("FAIL - the document names '" + base + "/mcp' but its URL stands for '" + base + "/sibling'");
    }

    @Test
    void metadataForADifferentResourceThanThisApiIsCaughtWithTheReasonClientsWouldGet() {
        assertThat(doctor("/.well-known/oauth-protected-resource/other", 1))
                .contains("jwtguard.resource is '" + base + "/mcp', the document names '" + base + "/other'")
                .contains("audience_mismatch").contains("Result: FAIL");
    }

    @Test
    void anAuthorizationServerThisApiDoesNotTrustIsCaught() {
        assertThat(doctor("/.well-known/oauth-protected-resource/elsewhere", 1))
                .contains("authorization servers", "[https://stranger.test], none of them an issuer this API trusts");
    }

    @Test
    void aMissingDocumentIsSaidPlainly() {
        assertThat(doctor("/.well-known/oauth-protected-resource/none", 1)).contains("could not read it", "HTTP 404");
    }

    @Test
    void theResourceAUrlStandsForFollowsRfc9728() {
        assertThat(ResourceMetadataCheck.derivedResource(URI.create("https://api.test/.well-known/oauth-protected-resource/v1/mcp")))
                .hasValue("https://api.test/v1/mcp");
        assertThat(ResourceMetadataCheck.derivedResource(URI.create("https://api.test/.well-known/oauth-protected-resource")))
                .hasValue("https://api.test");
        assertThat(ResourceMetadataCheck.derivedResource(URI.create("https://api.test/metadata.json"))).isEmpty();
    }
}
