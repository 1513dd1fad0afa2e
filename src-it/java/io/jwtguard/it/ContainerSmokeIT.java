package io.jwtguard.it;

import static io.jwtguard.it.BearerAuthenticationIT.HS256;
import static io.jwtguard.it.BearerAuthenticationIT.SECRET;
import static io.jwtguard.it.Http.challenge;
import static io.jwtguard.it.Http.get;
import static io.jwtguard.it.Http.json;
import static io.jwtguard.it.Http.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.testing.Tokens;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One smoke suite, one WAR (the demo's servlets, web.xml registration, microprofile-config.properties),
 * run by the build against embedded Jetty 12, a real Tomcat 11 and a real WildFly, each started on
 * loopback from its Maven Central distribution. The container's version is printed with every run.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerSmokeIT {

    private static final String ORIGIN = "https://app.smoke.test";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        ContainerLog.start();
        return DemoWar.create("smoke", "src-it/wars/smoke-web.xml", "jwtguard.key=" + SECRET
                + "\njwtguard.cors.allowed-origins=" + ORIGIN);
    }

    private String url() {
        return base.toString();
    }

    @BeforeEach
    void printContainer() throws Exception {
        String probe = get(url(), "probe", null).body();
        System.out.println("ContainerSmokeIT [" + DemoWar.container() + (DemoWar.dropIn() ? ", -all jar only" : ", plain jar")
                + "] "
                + probe.lines().filter(line -> line.startsWith("server=")).findFirst().orElse(probe));
    }

    @Test
    void theRuleTableAndEachRefusalLandInTheContainersOwnLog() throws Exception {
        HttpResponse<String> refused = get(url(), "api/me", null);
        String correlationId = json(refused).path("correlationId").asText();

        assertThat(ContainerLog.contains(line -> line.contains("JwtGuard rules for context /smoke")))
                .as("the rule table in " + ContainerLog.where()).isTrue();
        assertThat(ContainerLog.contains(line -> line.contains("login [/login]")))
                .as("the login servlet's row in " + ContainerLog.where()).isTrue();
        assertThat(ContainerLog.contains(line -> line.contains("401 missing_token correlationId=" + correlationId)))
                .as("the refusal line in " + ContainerLog.where()).isTrue();
    }

    @Test
    void noTokenIs401WithAChallenge() throws Exception {
        HttpResponse<String> response = get(url(), "api/me", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenge(response)).isEqualTo("Bearer realm=\"jwtguard-demo\"");
        assertThat(reason(response)).isEqualTo("missing_token");
    }

    @Test
    void validTokenReachesTheServletWithThePrincipal() throws Exception {
        HttpResponse<String> response = get(url(), "api/me", Tokens.demoToken("alice", "User"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("name").asText()).isEqualTo("alice");
        assertThat(json(response).path("authType").asText()).isEqualTo("Bearer");
    }

    @Test
    void expiredTokenIs401TokenExpired() throws Exception {
        String expired = Tokens.demo("alice", "User").withIssuedAt(Instant.now().minusSeconds(7200))
                .withExpiresAt(Instant.now().minusSeconds(3600)).sign(HS256);

        HttpResponse<String> response = get(url(), "api/me", expired);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(reason(response)).isEqualTo("token_expired");
        assertThat(challenge(response)).contains("error=\"invalid_token\"", "the token expired at");
    }

    @Test
    void wrongRoleIs403() throws Exception {
        HttpResponse<String> response = get(url(), "api/admin", Tokens.demoToken("alice", "User"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(reason(response)).isEqualTo("insufficient_role");
    }

    @Test
    void loginIsAnonymousAndItsLifetimeComesFromTheEnvironment() throws Exception {
        HttpResponse<String> login = Http.send(Http.request(url(), "login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer stale.token.value")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=admin-password")));

        assertThat(login.statusCode()).isEqualTo(200);
        // config/ says 15m; JWTGUARD_TOKEN_LIFETIME=7m in the container's environment wins.
        assertThat(json(login).path("expires_in").asLong()).isEqualTo(420);
        assertThat(get(url(), "api/admin", json(login).path("access_token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void corsPreflightIsAnsweredWithoutAToken() throws Exception {
        HttpResponse<String> preflight = Http.send(Http.request(url(), "api/me")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "authorization"));

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
    }

    @Test
    void forwardToAProtectedServletIsRefused() throws Exception {
        HttpResponse<String> response = get(url(), "fwd/admin", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("admin area");
    }

    @Test
    void hostilePathsAreRefused() throws Exception {
        for (String path : new String[] {"api/admin;x=y", "api//admin", "health/../api/admin", "api/%61dmin",
                "fwd/../api/admin"}) {
            HttpResponse<String> response = get(url(), path, null);

            assertThat(response.body()).as(path).doesNotContain("admin area");
            assertThat(response.statusCode()).as(path).isNotEqualTo(200).isNotEqualTo(500);
        }
    }

    @Test
    void microProfileConfigComesFromTheRightPlace() throws Exception {
        String probe = get(url(), "probe", null).body();

        switch (DemoWar.container()) {
            // WildFly's own MicroProfile Config: a server module, and no smallrye jar in the WAR.
            case "wildfly" -> assertThat(probe).contains("configLoader=ModuleClassLoader for Module \"io.smallrye.config");
            // Tomcat has none: the plain WAR brings smallrye-config; the drop-in jar reads the sources itself.
            case "tomcat" -> {
                if (DemoWar.dropIn()) {
                    assertThat(probe).contains("config=none");
                } else {
                    assertThat(probe).containsPattern("configLoader=.*WebappClassLoader");
                }
            }
            default -> assertThat(probe).contains("config=io.smallrye.config");
        }
    }
}
