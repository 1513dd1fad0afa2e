package io.jwtguard.it;

import static io.jwtguard.it.BearerAuthenticationIT.HS256;
import static io.jwtguard.it.Http.challenge;
import static io.jwtguard.it.Http.get;
import static io.jwtguard.it.Http.json;
import static io.jwtguard.it.Http.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.testing.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The smoke suite: what every server must show with the smoke WAR deployed (the demo's servlets, web.xml
 * registration, microprofile-config.properties). Run on embedded Jetty and on every real server, with the
 * plain jar and with the {@code -all} jar; the server's version and Java are printed with every run.
 */
abstract class SmokeChecks {

    static final String ORIGIN = "https://app.smoke.test";

    /** The token cookie's name in the smoke WAR: the plain name the attack in the duplicate-cookie check uses. */
    static final String TOKEN_COOKIE = "access_token";

    /** The smoke WAR's configuration, beside the project's {@code config/} file, with a token cookie. */
    static final String CONFIG = "jwtguard.key=" + BearerAuthenticationIT.SECRET + "\njwtguard.cors.allowed-origins="
            + ORIGIN + "\njwtguard.token.cookie=" + TOKEN_COOKIE;

    /** Who gives the application its MicroProfile Config, and so JwtGuard its settings. */
    enum ConfigSource {
        /** The server's own implementation (WildFly, Payara). */
        SERVER,
        /** SmallRye Config in the WAR or on the class path (Tomcat, Jetty, GlassFish with the plain jar). */
        APPLICATION,
        /** Nobody: the {@code -all} jar reads the sources itself. */
        BUILT_IN
    }

    private static final Pattern APPLICATION_LOADER = Pattern.compile(
            "(?i)configLoader=.*(webappclassloader|deployment\\.|appclassloader)");

    /** The WAR's base URL, ending in {@code /}. */
    abstract String url();

    /** The WAR's context path, as the rule table names it ({@code /smoke}). */
    abstract String contextPath();

    /** Where the server writes its log. */
    abstract ServerLog log();

    /** What the WAR runs on and with which jar, for the printed line. */
    abstract String description();

    abstract ConfigSource configSource();

    @BeforeEach
    void printServer() throws Exception {
        String probe = get(url(), "probe", null).body();
        System.out.println("Smoke suite [" + description() + "] " + probe.lines()
                .filter(line -> line.startsWith("server=") || line.startsWith("java=")).toList());
    }

    @Test
    void theRuleTableAndEachRefusalLandInTheServersOwnLog() throws Exception {
        HttpResponse<String> refused = get(url(), "api/me", null);
        String correlationId = json(refused).path("correlationId").asText();

        assertThat(log().contains(line -> line.contains("JwtGuard rules for context " + contextPath() + ":")))
                .as("the rule table in " + log().where()).isTrue();
        assertThat(log().contains(line -> line.contains("login [/login]")))
                .as("the login servlet's row in " + log().where()).isTrue();
        assertThat(log().contains(line -> line.contains("401 missing_token correlationId=" + correlationId)))
                .as("the refusal line in " + log().where()).isTrue();
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
        // config/ says 15m; JWTGUARD_TOKEN_LIFETIME=7m in the server's environment wins.
        assertThat(json(login).path("expires_in").asLong()).isEqualTo(420);
        assertThat(get(url(), "api/admin", json(login).path("access_token").asText()).statusCode()).isEqualTo(200);
    }

    /**
     * The token cookie sent twice is refused (400) on every server, however the server itself parses cookies
     * (WildFly's kept only the first, so a cookie planted beside the caller's won): JwtGuard reads the raw lines.
     */
    @Test
    void theTokenCookieSentTwiceIsRefusedWithA400() throws Exception {
        String admin = Tokens.demoToken("admin", "Admin");
        String alice = Tokens.demoToken("alice", "User");
        HttpResponse<String> once = Http.send(Http.request(url(), "api/me").header("Cookie", TOKEN_COOKIE + "=" + alice));
        HttpResponse<String> inOneHeader = Http.send(Http.request(url(), "api/admin")
                .header("Cookie", TOKEN_COOKIE + "=" + admin + "; " + TOKEN_COOKIE + "=" + alice));
        HttpResponse<String> inTwoHeaders = Http.send(Http.request(url(), "api/admin")
                .header("Cookie", TOKEN_COOKIE + "=" + admin).header("Cookie", "theme=dark; " + TOKEN_COOKIE + "=" + alice));
        HttpResponse<String> similarName = Http.send(Http.request(url(), "api/me")
                .header("Cookie", "old_" + TOKEN_COOKIE + "=" + admin + "; " + TOKEN_COOKIE + "_id=" + admin));

        assertThat(once.statusCode()).as(once.body()).isEqualTo(200);
        assertThat(json(once).path("name").asText()).isEqualTo("alice");
        for (HttpResponse<String> twice : List.of(inOneHeader, inTwoHeaders)) {
            assertThat(twice.statusCode()).as(twice.body()).isEqualTo(400);
            assertThat(reason(twice)).isEqualTo("malformed_authorization_header");
            assertThat(twice.body()).doesNotContain("admin area", "Exception");
        }
        assertThat(similarName.statusCode()).as(similarName.body()).isEqualTo(401);
        assertThat(reason(similarName)).isEqualTo("missing_token");
    }

    @Test
    void corsPreflightIsAnsweredWithoutAToken() throws Exception {
        HttpResponse<String> preflight = Http.preflight(url(), "api/me", ORIGIN);

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
    void jwtGuardReadsItsSettingsThroughTheRightMicroProfileConfig() throws Exception {
        String probe = get(url(), "probe", null).body();
        String started = "filter started for context " + contextPath() + ":";

        switch (configSource()) {
            case SERVER -> {
                assertThat(probe).contains("configLoader=").doesNotContainPattern(APPLICATION_LOADER);
                assertThat(log().contains(line -> line.contains(started) && line.contains("settings from MicroProfile"
                        + " Config ("))).as("JwtGuard's start line in " + log().where()).isTrue();
            }
            case APPLICATION -> {
                assertThat(probe).contains("config=io.smallrye.config").containsPattern(APPLICATION_LOADER);
                assertThat(log().contains(line -> line.contains(started) && line.contains("settings from MicroProfile"
                        + " Config (io.smallrye.config"))).as("JwtGuard's start line in " + log().where()).isTrue();
            }
            case BUILT_IN -> {
                assertThat(probe).contains("config=none");
                assertThat(log().contains(line -> line.contains(started) && line.contains("settings from JwtGuard's"
                        + " own reader"))).as("JwtGuard's start line in " + log().where()).isTrue();
            }
        }
    }
}
