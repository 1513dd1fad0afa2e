package io.jwtguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.testing.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * An MCP server as a plain servlet application builds it, on a stock Tomcat or Jetty: the demo's web.xml (its listener
 * registers the MCP Java SDK's Streamable HTTP servlet), JwtGuard's {@code -all} jar and the SDK in
 * {@code WEB-INF/lib}, nothing else. Through the filter: a session is initialized, {@code whoami} answers the caller
 * JwtGuard verified, an expired token in the same session is refused, {@code admin_report} without the scope is the
 * 403 step-up challenge, and with it the report.
 */
final class PlainServletMcp {

    static final String CONTEXT = "mcp";

    private PlainServletMcp() {
    }

    static WebArchive war() {
        return DemoWar.create(CONTEXT, DemoWar.read("src-it/webapp/WEB-INF/web.xml"), SmokeChecks.CONFIG,
                DemoWar.Libraries.DROP_IN)
                .addAsLibraries(DemoWar.jars("mcp"));
    }

    static void check(String base) throws Exception {
        String reader = Tokens.demo("alice", "User").withClaim("scope", "mcp:read").sign(Tokens.demoHs256());
        String admin = Tokens.demo("admin", "User").withClaim("scope", "mcp:read mcp:admin").sign(Tokens.demoHs256());

        HttpResponse<String> anonymous = post(base, null, null, initialize());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(Http.reason(anonymous)).isEqualTo("missing_token");

        HttpResponse<String> initialized = post(base, reader, null, initialize());
        assertThat(initialized.statusCode()).as(initialized.body()).isEqualTo(200);
        String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(post(base, reader, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .statusCode()).isEqualTo(202);

        HttpResponse<String> whoami = post(base, reader, session, toolCall(2, "whoami"));
        assertThat(whoami.statusCode()).as(whoami.body()).isEqualTo(200);
        assertThat(whoami.body()).contains("alice").contains("mcp:read");

        // A session is no authorisation: each request is judged by its own token.
        String expired = Tokens.demo("alice", "User").withClaim("scope", "mcp:read")
                .withIssuedAt(java.time.Instant.now().minusSeconds(7200))
                .withExpiresAt(java.time.Instant.now().minusSeconds(3600)).sign(Tokens.demoHs256());
        HttpResponse<String> afterExpiry = post(base, expired, session, toolCall(5, "whoami"));
        assertThat(afterExpiry.statusCode()).isEqualTo(401);
        assertThat(Http.reason(afterExpiry)).isEqualTo("token_expired");

        HttpResponse<String> refused = post(base, reader, session, toolCall(3, "admin_report"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Http.reason(refused)).isEqualTo("insufficient_scope");
        assertThat(Http.challenge(refused)).contains("error=\"insufficient_scope\"").contains("mcp:admin");

        HttpResponse<String> adminSession = post(base, admin, null, initialize());
        String second = adminSession.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(base, admin, second, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        HttpResponse<String> report = post(base, admin, second, toolCall(4, "admin_report"));
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("admin report for admin");
    }

    private static String initialize() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"jwtguard-it\",\"version\":\"1\"}}}";
    }

    private static String toolCall(int id, String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{}}}";
    }

    private static HttpResponse<String> post(String base, String token, String session, String body) throws Exception {
        HttpRequest.Builder request = Http.request(base, "mcp")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-06-18")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return Http.send(request);
    }
}
