package io.jwtguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtguard.testing.Tokens;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An API configured as an RFC 9728 protected resource, over real HTTP: the metadata fetched without a token, the 401
 * challenge that points to it (followed to the document it names), and the 403 {@code insufficient_scope} challenge
 * naming the rule's scopes. The WAR runs under {@code /prm}, so the metadata is served in its context path.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ResourceMetadataIT {

    private static final String RESOURCE = "https://mcp.example.test/prm/mcp";
    private static final String METADATA_PATH = "/prm/.well-known/oauth-protected-resource/prm/mcp";
    private static final String METADATA_URL = "https://mcp.example.test" + METADATA_PATH;
    private static final String ORIGIN = "https://inspector.example.test";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // The demo file's audience is emptied: the resource is then the one audience accepted.
        return DemoWar.create("prm", "src-it/wars/resource-web.xml", "jwtguard.key=" + Tokens.DEMO_SECRET
                + "\njwtguard.audience=\njwtguard.resource=" + RESOURCE
                + "\njwtguard.resource.authorization-servers=https://login.example.test/realms/tools"
                + "\njwtguard.resource.name=JwtGuard tools\njwtguard.cors.allowed-origins=" + ORIGIN);
    }

    private static String token(String scope) {
        return Tokens.demo("alice", "User").withAudience(RESOURCE).withClaim("scope", scope).sign(Tokens.demoHs256());
    }

    @Test
    void theMetadataIsServedWithoutATokenAtThePathInsertedUrl() throws Exception {
        HttpResponse<String> metadata = Http.send(Http.request(base.toString(),
                ".well-known/oauth-protected-resource/prm/mcp").header("Origin", ORIGIN));

        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(metadata.headers().firstValue("Cache-Control")).contains("public, max-age=300");
        assertThat(metadata.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        JsonNode document = Http.json(metadata);
        assertThat(document.path("resource").asText()).isEqualTo(RESOURCE);
        assertThat(document.path("authorization_servers").toString())
                .isEqualTo("[\"https://login.example.test/realms/tools\"]");
        assertThat(document.path("scopes_supported").toString()).isEqualTo("[\"mcp:tools\",\"mcp:prompts\"]");
        assertThat(document.path("bearer_methods_supported").toString()).isEqualTo("[\"header\"]");
        assertThat(document.path("resource_name").asText()).isEqualTo("JwtGuard tools");

        HttpResponse<String> bare = Http.get(base.toString(), ".well-known/oauth-protected-resource", "not-a-token");
        assertThat(bare.statusCode()).isEqualTo(200);
        assertThat(Http.json(bare)).isEqualTo(document);
    }

    @Test
    void aRequestWithoutATokenIsChallengedWithTheMetadataUrlAndTheScopes() throws Exception {
        HttpResponse<String> refused = Http.get(base.toString(), "mcp", null);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Http.reason(refused)).isEqualTo("missing_token");
        assertThat(Http.challenge(refused)).isEqualTo("Bearer realm=\"jwtguard\", scope=\"mcp:tools mcp:prompts\","
                + " resource_metadata=\"" + METADATA_URL + "\"");

        // The URL the challenge names is where the metadata is: its path, asked of this server.
        Matcher named = Pattern.compile("resource_metadata=\"([^\"]+)\"").matcher(Http.challenge(refused));
        assertThat(named.find()).isTrue();
        URI metadataUrl = URI.create(named.group(1));
        assertThat(metadataUrl.getRawPath()).isEqualTo(METADATA_PATH);
        HttpResponse<String> followed = Http.send(Http.request(base.getProtocol() + "://" + base.getAuthority(),
                metadataUrl.getRawPath()));
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(Http.json(followed).path("resource").asText()).isEqualTo(RESOURCE);
    }

    @Test
    void aTokenWithoutEveryScopeIs403InsufficientScope() throws Exception {
        HttpResponse<String> refused = Http.get(base.toString(), "mcp", token("mcp:tools"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Http.reason(refused)).isEqualTo("insufficient_scope");
        assertThat(Http.challenge(refused)).isEqualTo("Bearer realm=\"jwtguard\", error=\"insufficient_scope\","
                + " error_description=\"the token lacks the scope mcp:prompts\", reason=\"insufficient_scope\","
                + " scope=\"mcp:tools mcp:prompts\", resource_metadata=\"" + METADATA_URL + "\"");
    }

    @Test
    void aTokenForTheResourceWithEveryScopeGoesThrough() throws Exception {
        HttpResponse<String> allowed = Http.get(base.toString(), "mcp", token("mcp:prompts mcp:tools"));

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("tools for alice");
    }

    @Test
    void aTokenForTheDemosOwnAudienceIsNotForThisResource() throws Exception {
        HttpResponse<String> refused = Http.get(base.toString(), "mcp", Tokens.demo("alice", "User")
                .withClaim("scope", "mcp:tools mcp:prompts").sign(Tokens.demoHs256()));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Http.reason(refused)).isEqualTo("audience_mismatch");
        assertThat(Http.challenge(refused)).endsWith("resource_metadata=\"" + METADATA_URL + "\"");
    }
}
