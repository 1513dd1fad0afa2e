package io.jwtguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's MCP server ({@code /mcp}, the official MCP Java SDK behind JwtGuard's filter) with clients nobody here
 * wrote: the official MCP TypeScript SDK's client discovers the protected resource metadata from the 401, gets a
 * token from a real authorization server (oidc-provider, client credentials, the resource as audience), calls
 * {@code whoami}, is refused {@code admin_report} with the scope challenge, and with a token for the scope the
 * challenge named calls it. Then what a client
 * gets wrong: a token for a sibling resource, a body over the limit, a body that is not JSON, a batch that mixes an
 * allowed and a refused tool. And the MCP Inspector's command line, with and without a token.
 */
class McpClientIT {

    private static final String CLIENT_ID = "mcp-it-client";
    private static final String CLIENT_SECRET = "mcp-it-secret-" + Long.toHexString(System.nanoTime());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static NodeClients.Server authorizationServer;
    private static DemoProcess demo;
    private static String base;
    private static String resource;

    @BeforeAll
    static void start() throws Exception {
        NodeClients.install();
        authorizationServer = NodeClients.Server.start(List.of("node", "authorization-server.mjs", CLIENT_ID,
                CLIENT_SECRET));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        resource = "http://localhost:" + port + "/mcp";
        demo = DemoProcess.start(Map.of("PORT", String.valueOf(port),
                "JWTGUARD_AUTHORITY", authorizationServer.url(),
                "JWTGUARD_RESOURCE", resource));
        base = demo.awaitReady();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (demo != null) {
            demo.close();
        }
        if (authorizationServer != null) {
            authorizationServer.close();
        }
    }

    @Test
    void theTypeScriptSdkClientDiscoversGetsATokenCallsAToolAndStepsUpForTheAdminScope() throws Exception {
        NodeClients.Result flow = NodeClients.run(List.of("node", "client-flow.mjs", resource, CLIENT_ID,
                CLIENT_SECRET, authorizationServer.url()), 120);
        List<JsonNode> events = new ArrayList<>();
        for (String line : flow.lines()) {
            if (line.startsWith("{")) {
                events.add(JSON.readTree(line));
            }
        }
        String output = String.join("\n", flow.lines());
        assertThat(flow.exit()).as(output).isZero();

        JsonNode first = events.get(0);
        assertThat(first.path("status").asInt()).as(output).isEqualTo(401);
        assertThat(first.path("challenge").path("resourceMetadataUrl").asText()).as(output)
                .isEqualTo(base + ".well-known/oauth-protected-resource/mcp");

        JsonNode whoami = event(events, "tool", "whoami", output);
        assertThat(whoami.path("isError").asBoolean()).as(output).isFalse();
        JsonNode seen = JSON.readTree(whoami.path("text").asText());
        assertThat(seen.path("subject").asText()).isEqualTo(CLIENT_ID);
        assertThat(seen.path("scopes").toString()).contains("mcp:read").doesNotContain("mcp:admin");

        JsonNode refused = events.stream().filter(e -> e.path("status").asInt() == 403).findFirst()
                .orElseThrow(() -> new AssertionError("no 403 before the step-up:\n" + output));
        assertThat(refused.path("challenge").path("error").asText()).isEqualTo("insufficient_scope");
        assertThat(refused.path("challenge").path("scope").asText()).contains("mcp:admin");
        assertThat(refused.path("challenge").path("resourceMetadataUrl").asText())
                .isEqualTo(base + ".well-known/oauth-protected-resource/mcp");

        assertThat(event(events, "refused", "admin_report", output).path("challengedScope").asText())
                .isEqualTo("mcp:admin");
        JsonNode report = event(events, "tool", "admin_report", output);
        assertThat(report.path("isError").asBoolean()).as(output).isFalse();
        assertThat(report.path("text").asText()).startsWith("admin report for " + CLIENT_ID);
        assertThat(report.path("scope").asText()).contains("mcp:admin");
    }

    /**
     * The MCP Inspector's command line, as a developer points it at a server: without a token it is sent to sign in,
     * with one it lists the tools and calls {@code whoami}, and {@code admin_report} without the scope is reported
     * as the scope the challenge names.
     */
    @Test
    void theMcpInspectorCliListsAndCallsToolsWithATokenAndReadsTheScopeChallenge() throws Exception {
        String reader = token("mcp:read", resource);

        String anonymous = inspector("--method", "tools/list");
        assertThat(anonymous).contains("auth_required").doesNotContain("whoami");

        String tools = inspector("--method", "tools/list", "--header", "Authorization: Bearer " + reader);
        assertThat(JSON.readTree(tools).path("tools").findValuesAsText("name")).containsExactly("whoami",
                "admin_report");

        String whoami = inspector("--method", "tools/call", "--tool-name", "whoami", "--header",
                "Authorization: Bearer " + reader);
        assertThat(whoami).contains(CLIENT_ID).contains("mcp:read");

        String refused = inspector("--method", "tools/call", "--tool-name", "admin_report", "--header",
                "Authorization: Bearer " + reader);
        assertThat(refused).contains("Insufficient scope").contains("mcp:admin").doesNotContain("admin report for");
    }

    /** The Inspector's CLI against the demo's {@code /mcp}; its output (a JSON document, or a JSON error line). */
    private static String inspector(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("node",
                "node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js", "--cli", resource,
                "--transport", "http"));
        command.addAll(List.of(arguments));
        NodeClients.Result result = NodeClients.run(command, 60);
        return String.join("\n", result.lines());
    }

    @Test
    void aTokenForASiblingResourceIsRefusedWithTheAudienceNamed() throws Exception {
        String sibling = token("mcp:read", resource.replace("/mcp", "/other-mcp"));
        HttpResponse<String> response = post(sibling, initialize(1));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Http.reason(response)).isEqualTo("audience_mismatch");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\","
                + "\"arguments\":{\"padding\":\"" + "x".repeat(1_100_000) + "\"}}}";
        HttpResponse<String> response = post(token("mcp:read", resource), big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(Http.reason(response)).isEqualTo("mcp_request_too_large");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWith400NotA500() throws Exception {
        HttpResponse<String> response = post(token("mcp:read", resource), "{\"jsonrpc\": \"2.0\", \"method\": ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.reason(response)).isEqualTo("mcp_request_unreadable");
        assertThat(response.body()).doesNotContain("Exception", "at io.", "at com.");
    }

    @Test
    void aBatchMixingAnAllowedAndARefusedToolIsRefusedWhole() throws Exception {
        String batch = "[" + toolCall(1, "whoami") + "," + toolCall(2, "admin_report") + "]";
        HttpResponse<String> response = post(token("mcp:read", resource), batch);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Http.challenge(response)).contains("error=\"insufficient_scope\"").contains("mcp:admin");
    }

    private static JsonNode event(List<JsonNode> events, String kind, String name, String output) {
        return events.stream().filter(e -> kind.equals(e.path("event").asText()) && name.equals(e.path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " event for " + name + ":\n" + output));
    }

    private static String initialize(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";
    }

    private static String toolCall(int id, String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{}}}";
    }

    /** A token from the authorization server, by the client-credentials grant, for {@code audience}. */
    private static String token(String scope, String audience) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes());
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(authorizationServer.url() + "/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope
                        + "&resource=" + audience))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static HttpResponse<String> post(String token, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(resource))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
