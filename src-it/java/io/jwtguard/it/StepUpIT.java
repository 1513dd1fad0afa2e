package io.jwtguard.it;

import static io.jwtguard.it.BearerAuthenticationIT.HS256;
import static io.jwtguard.it.BearerAuthenticationIT.SECRET;
import static io.jwtguard.it.Http.reason;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtguard.it.app.Canary;
import io.jwtguard.testing.Tokens;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Step-up (RFC 9470) and ID tokens refused (RFC 9068) over real HTTP on embedded Jetty 12: a sign-in too weak or too
 * old for a rule is answered 401 with the challenge a client acts on; an ID token sent as an access token is named.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StepUpIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DemoWar.create("stepup", "src-it/wars/stepup-web.xml", "jwtguard.key=" + SECRET
                + "\njwtguard.diagnostics=development"
                + "\njwtguard.policy.Payments.acr=2,gold\njwtguard.policy.Payments.max-age=5m");
    }

    private HttpResponse<String> call(String method, String token) throws Exception {
        HttpRequest.Builder request = Http.request(base.toString(), "api/payments")
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(request);
    }

    private static String signedIn(String acr, Instant authTime) {
        return Tokens.demo("ada", "User").withClaim("acr", acr).withClaim("auth_time", authTime.getEpochSecond())
                .sign(HS256);
    }

    @Test
    void aWeakSignInGets401WithTheStepUpChallenge() throws Exception {
        HttpResponse<String> response = call("POST", signedIn("1", Instant.now()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(reason(response)).isEqualTo("insufficient_user_authentication");
        assertThat(Http.challenge(response)).isEqualTo("Bearer realm=\"jwtguard\","
                + " error=\"insufficient_user_authentication\", error_description=\"the token's acr '1' is not an"
                + " authentication class this endpoint accepts (acr_values [2, gold]); sign in again with one of them\","
                + " acr_values=\"2 gold\", max_age=300, reason=\"insufficient_user_authentication\"");
        assertThat(response.body()).doesNotContain(Canary.BODY);
    }

    @Test
    void anOldSignInGets401NamingItsAuthTime() throws Exception {
        Instant anHourAgo = Instant.now().minusSeconds(3600);

        HttpResponse<String> response = call("POST", signedIn("gold", anHourAgo));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(reason(response)).isEqualTo("insufficient_user_authentication");
        assertThat(Http.challenge(response)).contains("error=\"insufficient_user_authentication\"",
                "(auth_time), longer ago than the 300s", "acr_values=\"2 gold\", max_age=300");
        assertThat(response.body()).doesNotContain(Canary.BODY);
    }

    @Test
    void aRecentSignInAtAnAcceptedClassGoesThrough() throws Exception {
        HttpResponse<String> response = call("POST", signedIn("gold", Instant.now().minusSeconds(30)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Canary.BODY + " POST for ada");
    }

    @Test
    void theSameStepUpFromAConfiguredPolicy() throws Exception {
        HttpResponse<String> withoutAuthTime = call("PUT", Tokens.demo("ada", "User").withClaim("acr", "2").sign(HS256));

        assertThat(withoutAuthTime.statusCode()).isEqualTo(401);
        assertThat(Http.challenge(withoutAuthTime)).contains("the token has no 'auth_time' claim",
                "acr_values=\"2 gold\", max_age=300, reason=\"insufficient_user_authentication\"");
        assertThat(call("PUT", signedIn("2", Instant.now())).statusCode()).isEqualTo(200);
        assertThat(call("GET", Tokens.demoToken("ada", "User")).statusCode()).isEqualTo(200);
    }

    @Test
    void anIdTokenSentAsAnAccessTokenIsRefusedForWhatItIs() throws Exception {
        String idToken = Tokens.demo("ada").withHeader(Map.of("typ", "JWT")).withClaim("nonce", "n-0S6_WzA2Mj")
                .withClaim("at_hash", "77QmUPtjPfzWtF2AnpK9RQ").withClaim("azp", "spa").sign(HS256);

        HttpResponse<String> response = call("GET", idToken);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(reason(response)).isEqualTo("id_token_presented");
        assertThat(Http.challenge(response)).isEqualTo("Bearer realm=\"jwtguard\", error=\"invalid_token\","
                + " error_description=\"the token is an OpenID Connect ID token (it has 'at_hash'), not an access token;"
                + " send the access token of the token response (access_token), not its id_token\","
                + " reason=\"id_token_presented\"");
        assertThat(response.body()).doesNotContain(Canary.BODY);
    }

    @Test
    void anAccessTokenTypedAtJwtGoesThrough() throws Exception {
        String accessToken = Tokens.demo("ada", "User").withHeader(Map.of("typ", "at+jwt")).withClaim("nonce", "n")
                .sign(HS256);

        assertThat(call("GET", accessToken).statusCode()).isEqualTo(200);
    }

    @Test
    void theRuleTableShowsTheStepUp() throws Exception {
        JsonNode table = Http.json(Http.get(base.toString(), ".well-known/jwtguard", null));

        JsonNode methods = null;
        for (JsonNode servlet : table.path("servlets")) {
            if (servlet.path("servlet").asText().equals("payments")) {
                methods = servlet.path("methods");
            }
        }
        assertThat(methods).as(table.toString()).isNotNull();
        assertThat(methods.path("POST").asText())
                .isEqualTo("acr any of [2, gold], max age 300s (@Authorize on StepUpServlet.doPost)");
        assertThat(methods.path("PUT").asText()).startsWith("policy Payments");
        assertThat(methods.path("GET").asText()).startsWith("authenticated");
    }
}
