package io.jwtguard.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jwtguard.Authorize;
import io.jwtguard.internal.config.ResourceSettings;
import io.jwtguard.testing.FakeContainer;
import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.FakeResponse;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The RFC 9728 metadata document, and the filter answering it: without a token, while the scoped servlet beside it
 * challenges with {@code resource_metadata} and {@code scope}.
 */
class ResourceMetadataTest {

    private static final String RESOURCE = "https://api.example.com/mcp";
    private static final String METADATA_URL = "https://api.example.com/.well-known/oauth-protected-resource/mcp";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Authorize(scopes = {"mcp:tools", "mcp:prompts"})
    public static final class ToolsServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    @Authorize(roles = "Admin", scopes = "mcp:admin")
    public static final class AdminServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    private final FakeContainer container = new FakeContainer()
            .servlet("tools", ToolsServlet.class, "/mcp")
            .servlet("admin", AdminServlet.class, "/admin")
            .servlet(ResourceMetadataEndpoint.NAME, ResourceMetadataEndpoint.class,
                    "/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource");
    private boolean passed;
    private final FilterChain chain = (request, response) -> passed = true;
    private Pipeline pipeline;

    @AfterEach
    void close() {
        Installation.of(container.context()).close();
    }

    private void start(Map<String, String> more) throws ServletException {
        Map<String, String> params = new HashMap<>(TestSettings.hmacValues());
        params.remove("jwtguard.audience");
        params.put("jwtguard.resource", RESOURCE);
        params.putAll(more);
        container.filter("JwtGuard", FilterKind.ALL_STAGES.className(), params);
        new JwtGuardInitializer().onStartup(Set.of(), container.context());
        pipeline = Installation.of(container.context()).startFilter(FilterKind.ALL_STAGES, "JwtGuard");
    }

    private FakeResponse send(FakeRequest request, String servlet) throws Exception {
        FakeResponse response = new FakeResponse();
        pipeline.run(request.servlet(servlet), response, chain);
        return response;
    }

    private static String token(String scope) {
        return Tokens.valid(Instant.now()).withAudience(RESOURCE).withClaim("scope", scope).sign(Tokens.hs256());
    }

    @Test
    void theDocumentNamesTheResourceItsServersScopesAndBearerMethods() throws Exception {
        ResourceSettings settings = new ResourceSettings(RESOURCE, List.of("https://login.example.com"), List.of(),
                "Example tools", "https://docs.example.com", "", "");

        JsonNode document = JSON.readTree(ResourceMetadata.of(settings, List.of("mcp:tools", "mcp:tools", "b")).json());

        assertThat(document.path("resource").asText()).isEqualTo(RESOURCE);
        assertThat(document.path("authorization_servers").toString()).isEqualTo("[\"https://login.example.com\"]");
        assertThat(document.path("scopes_supported").toString()).isEqualTo("[\"mcp:tools\",\"b\"]");
        assertThat(document.path("bearer_methods_supported").toString()).isEqualTo("[\"header\"]");
        assertThat(document.path("resource_name").asText()).isEqualTo("Example tools");
        assertThat(document.path("resource_documentation").asText()).isEqualTo("https://docs.example.com");
        assertThat(document.has("resource_policy_uri")).isFalse();
        assertThat(document.has("resource_tos_uri")).isFalse();
    }

    @Test
    void configuredScopesWinOverTheRulesScopesAndEmptyListsAreLeftOut() throws Exception {
        ResourceSettings settings = new ResourceSettings(RESOURCE, List.of(), List.of("x"), "", "", "", "");

        assertThat(JSON.readTree(ResourceMetadata.of(settings, List.of("y")).json()).path("scopes_supported").toString())
                .isEqualTo("[\"x\"]");
        JsonNode bare = JSON.readTree(ResourceMetadata.of(new ResourceSettings(RESOURCE, List.of(), List.of(), "", "",
                "", ""), List.of()).json());
        assertThat(bare.has("authorization_servers")).isFalse();
        assertThat(bare.has("scopes_supported")).isFalse();
        assertThat(bare.has("resource_name")).isFalse();
    }

    @Test
    void theFilterServesTheMetadataWithoutAToken() throws Exception {
        start(Map.of());

        FakeResponse metadata = send(FakeRequest.get("/.well-known/oauth-protected-resource/mcp"),
                ResourceMetadataEndpoint.NAME);

        assertThat(metadata.getStatus()).isEqualTo(200);
        assertThat(metadata.getContentType()).startsWith("application/json");
        assertThat(metadata.getHeader("Cache-Control")).isEqualTo("public, max-age=300");
        JsonNode document = JSON.readTree(metadata.body());
        assertThat(document.path("resource").asText()).isEqualTo(RESOURCE);
        assertThat(document.path("authorization_servers").toString()).isEqualTo("[\"" + Tokens.ISSUER + "\"]");
        assertThat(document.path("scopes_supported").toString())
                .isEqualTo("[\"mcp:tools\",\"mcp:prompts\",\"mcp:admin\"]");
        assertThat(passed).isFalse();
    }

    @Test
    void anExpiredTokenDoesNotKeepTheMetadataAwayAndOtherMethodsAre405() throws Exception {
        start(Map.of());
        String expired = Tokens.valid(Instant.now().minusSeconds(7200)).withExpiresAt(Instant.now().minusSeconds(3600))
                .withAudience(RESOURCE).sign(Tokens.hs256());

        assertThat(send(FakeRequest.get("/.well-known/oauth-protected-resource").bearer(expired),
                ResourceMetadataEndpoint.NAME).getStatus()).isEqualTo(200);
        FakeResponse head = send(FakeRequest.of("HEAD", "/.well-known/oauth-protected-resource"),
                ResourceMetadataEndpoint.NAME);
        assertThat(head.getStatus()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        FakeResponse post = send(FakeRequest.of("POST", "/.well-known/oauth-protected-resource"),
                ResourceMetadataEndpoint.NAME);
        assertThat(post.getStatus()).isEqualTo(405);
        assertThat(post.getHeader("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void aRequestWithoutATokenIsChallengedWithTheMetadataAndTheRulesScopes() throws Exception {
        start(Map.of());

        FakeResponse refused = send(FakeRequest.get("/mcp"), "tools");

        assertThat(refused.getStatus()).isEqualTo(401);
        assertThat(refused.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"jwtguard\","
                + " scope=\"mcp:tools mcp:prompts\", resource_metadata=\"" + METADATA_URL + "\"");
    }

    @Test
    void aTokenWithoutEveryScopeIs403InsufficientScope() throws Exception {
        start(Map.of());

        FakeResponse refused = send(FakeRequest.get("/mcp").bearer(token("mcp:tools")), "tools");

        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getHeader("WWW-Authenticate")).startsWith("Bearer realm=\"jwtguard\","
                + " error=\"insufficient_scope\", error_description=\"the token lacks the scope mcp:prompts\"")
                .endsWith("reason=\"insufficient_scope\", scope=\"mcp:tools mcp:prompts\", resource_metadata=\""
                        + METADATA_URL + "\"");
        assertThat(JSON.readTree(refused.body()).path("reason").asText()).isEqualTo("insufficient_scope");
        assertThat(passed).isFalse();

        assertThat(send(FakeRequest.get("/mcp").bearer(token("mcp:prompts mcp:tools")), "tools").getStatus())
                .isEqualTo(200);
        assertThat(passed).isTrue();
    }

    @Test
    void aTokenForAnotherAudienceIsRefusedNowThatTheResourceIsTheAudience() throws Exception {
        start(Map.of());

        FakeResponse refused = send(FakeRequest.get("/mcp").bearer(Tokens.valid(Instant.now())
                .withClaim("scope", "mcp:tools mcp:prompts").sign(Tokens.hs256())), "tools");

        assertThat(refused.getStatus()).isEqualTo(401);
        assertThat(refused.getHeader("WWW-Authenticate")).contains("reason=\"audience_mismatch\"")
                .endsWith("resource_metadata=\"" + METADATA_URL + "\"");
    }

    @Test
    void theRuleTableShowsTheScopes() throws Exception {
        start(Map.of());

        assertThat(pipeline.registrations().report().toText()).contains("scopes [mcp:tools, mcp:prompts]",
                "roles [Admin] + scopes [mcp:admin]");
    }
}
