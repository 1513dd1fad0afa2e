package io.jwtguard.it;

import static io.jwtguard.it.BearerAuthenticationIT.HS256;
import static io.jwtguard.it.BearerAuthenticationIT.SECRET;
import static io.jwtguard.it.Http.get;
import static io.jwtguard.it.Http.reason;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtguard.it.app.Canary;
import io.jwtguard.testing.Tokens;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Authorization in depth over real HTTP on embedded Jetty 12: policies, every HTTP method, override
 * headers, subclasses, every dispatch type, the start-up table and the development endpoint. The
 * protected servlets answer a canary that must never reach a caller without the right token.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthorizationIT {

    /** JwtGuard logs through System.Logger, which is java.util.logging in this JVM: captured here. */
    private static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());
    /** Held strongly: java.util.logging keeps loggers only weakly, and would drop the handler with it. */
    private static final Logger JWTGUARD_LOGGER = Logger.getLogger("io.jwtguard");

    static {
        JWTGUARD_LOGGER.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                LOG.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DemoWar.create("authz", "src-it/wars/authz-web.xml", "jwtguard.key=" + SECRET
                + "\njwtguard.diagnostics=development");
    }

    private String url() {
        return base.toString();
    }

    private HttpResponse<String> call(String method, String path, String token, String... headers) throws Exception {
        HttpRequest.Builder request = Http.request(url(), path).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return Http.send(request);
    }

    private static void assertNoCanary(HttpResponse<String> response, String what) {
        assertThat(response.body()).as(what).doesNotContain(Canary.BODY);
        assertThat(response.statusCode()).as(what).isNotEqualTo(500);
    }

    @Test
    void policyByRoleOrByClaimValue() throws Exception {
        assertThat(get(url(), "api/reports", Tokens.demoToken("ann", "Auditor")).statusCode()).isEqualTo(200);
        assertThat(get(url(), "api/reports", Tokens.demo("fred").withClaim("department", "finance").sign(HS256))
                .statusCode()).isEqualTo(200);

        HttpResponse<String> wrongCase = get(url(), "api/reports", Tokens.demo("fred")
                .withClaim("department", "Finance").sign(HS256));
        assertThat(wrongCase.statusCode()).isEqualTo(403);
        assertThat(reason(wrongCase)).isEqualTo("policy_failed");
        assertThat(Http.challenge(wrongCase)).contains("error=\"insufficient_scope\"", "policy 'ReportReaders'");

        assertThat(get(url(), "api/reports", Tokens.demoToken("bob", "auditor")).statusCode()).isEqualTo(403);
        assertThat(reason(get(url(), "api/reports", null))).isEqualTo("missing_token");
    }

    @Test
    void theStandardRolesAllowedPermitAllAndDenyAllAreHonouredOverHttp() throws Exception {
        String user = Tokens.demoToken("bob", "User");
        String admin = Tokens.demoToken("ada", "User", "Admin");

        assertThat(call("GET", "standard", null).body()).isEqualTo("open GET");
        assertThat(reason(call("POST", "standard", null))).isEqualTo("missing_token");
        HttpResponse<String> userPost = call("POST", "standard", user);
        assertThat(userPost.statusCode()).isEqualTo(403);
        assertThat(reason(userPost)).isEqualTo("insufficient_role");
        assertNoCanary(userPost, "POST as User");
        assertThat(call("POST", "standard", admin).body()).contains(Canary.BODY);
        assertThat(call("PUT", "standard", user).body()).isEqualTo("any caller PUT bob");
        assertThat(reason(call("PUT", "standard", null))).isEqualTo("missing_token");
        HttpResponse<String> adminDelete = call("DELETE", "standard", admin);
        assertThat(adminDelete.statusCode()).isEqualTo(403);
        assertThat(reason(adminDelete)).isEqualTo("policy_failed");
        assertNoCanary(adminDelete, "DELETE as Admin");
        assertThat(LOG).anySatisfy(line -> assertThat(line)
                .contains("standard [/standard]: GET/HEAD anonymous", "DELETE deny", "PUT authenticated"));
    }

    @Test
    void headFollowsGetAndEveryOtherMethodFallsBackToTheClassRule() throws Exception {
        assertThat(call("GET", "methods", null).body()).isEqualTo("open GET");
        assertThat(call("HEAD", "methods", null).statusCode()).isEqualTo(200);
        for (String method : List.of("POST", "DELETE", "OPTIONS", "PUT", "PATCH", "BREW", "PROPFIND")) {
            HttpResponse<String> anonymous = call(method, "methods", null);
            HttpResponse<String> user = call(method, "methods", Tokens.demoToken("bob", "User"));

            assertThat(anonymous.statusCode()).as(method).isEqualTo(401);
            assertThat(user.statusCode()).as(method).isEqualTo(403);
            assertNoCanary(anonymous, method);
            assertNoCanary(user, method);
        }
        // Jetty refuses TRACE itself (403) before any filter runs; either way nothing protected leaks.
        assertNoCanary(call("TRACE", "methods", null), "TRACE");
        assertThat(call("TRACE", "methods", null).statusCode()).isIn(401, 403, 405);
        assertThat(call("BREW", "methods", Tokens.demoToken("root", "Admin")).body()).contains(Canary.BODY);
    }

    @Test
    void methodOverrideHeadersHaveNoEffect() throws Exception {
        for (String header : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
            HttpResponse<String> get = call("GET", "methods", null, header, "DELETE");
            HttpResponse<String> delete = call("DELETE", "methods", null, header, "GET");

            assertThat(get.body()).as(header).isEqualTo("open GET");
            assertThat(delete.statusCode()).as(header).isEqualTo(401);
            assertNoCanary(delete, header);
        }
    }

    @Test
    void aSubclassOverrideNeverDropsItsParentsRule() throws Exception {
        assertThat(get(url(), "subclass", null).statusCode()).isEqualTo(401);
        assertThat(get(url(), "subclass", Tokens.demoToken("bob", "User")).statusCode()).isEqualTo(403);
        assertThat(get(url(), "subclass", Tokens.demoToken("root", "Admin")).body()).contains(Canary.BODY + " subclass");
        assertThat(LOG).anySatisfy(line -> assertThat(line).contains(
                "SubclassReportServlet.doGet overrides BaseReportServlet.doGet without an annotation"));
    }

    @Test
    void forwardAppliesTheTargetsRuleAndReusesThePrincipal() throws Exception {
        HttpResponse<String> anonymous = get(url(), "dispatch/forward", null);
        HttpResponse<String> user = get(url(), "dispatch/forward", Tokens.demoToken("bob", "User"));
        HttpResponse<String> admin = get(url(), "dispatch/forward", Tokens.demoToken("root", "Admin"));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(reason(anonymous)).isEqualTo("missing_token");
        assertNoCanary(anonymous, "forward");
        assertThat(user.statusCode()).isEqualTo(403);
        assertNoCanary(user, "forward");
        assertThat(admin.body()).isEqualTo(Canary.BODY + " for root");
    }

    @Test
    void includeLeavesTheProtectedServletOutOfThePage() throws Exception {
        HttpResponse<String> anonymous = get(url(), "dispatch/include", null);
        HttpResponse<String> admin = get(url(), "dispatch/include", Tokens.demoToken("root", "Admin"));

        assertThat(anonymous.body()).isEqualTo("before||after");
        assertThat(admin.body()).isEqualTo("before|" + Canary.BODY + " for root|after");
    }

    @Test
    void asyncDispatchAppliesTheTargetsRule() throws Exception {
        HttpResponse<String> anonymous = get(url(), "dispatch/async", null);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertNoCanary(anonymous, "async");
        assertThat(get(url(), "dispatch/async", Tokens.demoToken("root", "Admin")).body()).contains(Canary.BODY);
    }

    @Test
    void namedDispatchersCannotReachTheProtectedServlet() throws Exception {
        for (String path : List.of("dispatch/named-forward", "dispatch/named-include")) {
            HttpResponse<String> anonymous = get(url(), path, null);

            assertNoCanary(anonymous, path);
            assertNoCanary(get(url(), path, Tokens.demoToken("bob", "User")), path);
        }
        assertThat(get(url(), "dispatch/named-forward", Tokens.demoToken("root", "Admin")).body()).contains(Canary.BODY);
    }

    @Test
    void errorPagesRenderAndAProtectedErrorPageStaysProtected() throws Exception {
        HttpResponse<String> missing = get(url(), "dispatch/missing", null);
        HttpResponse<String> teapot = get(url(), "dispatch/teapot", null);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("error page for 404");
        assertNoCanary(teapot, "error page that is the protected servlet");
    }

    @Test
    void startUpTableListsEveryServletAndFlagsALoginThatNeedsAuthentication() {
        assertThat(LOG).anySatisfy(line -> assertThat(line)
                .startsWith("JwtGuard rules for context /authz:")
                .contains("canary [/canary]: GET/HEAD/POST/PUT/PATCH/DELETE/OPTIONS/TRACE/other roles [Admin]")
                .contains("methods [/methods]: GET/HEAD anonymous")
                .contains("account-login [/account/login]")
                .contains("login-like path needs authentication"));
    }

    @Test
    void developmentServesTheRuleTableAsJson() throws Exception {
        HttpResponse<String> response = get(url(), ".well-known/jwtguard", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode table = Http.json(response);
        assertThat(table.path("fallback").asText()).isEqualTo("authenticated");
        JsonNode methods = null;
        for (JsonNode servlet : table.path("servlets")) {
            if (servlet.path("servlet").asText().equals("methods")) {
                methods = servlet;
            }
        }
        assertThat(methods).isNotNull();
        assertThat(methods.path("methods").path("GET").asText()).startsWith("anonymous");
        assertThat(methods.path("methods").path("DELETE").asText()).startsWith("roles [Admin]");
    }

    @Test
    void hostilePathsNeverReachTheProtectedServletWithoutTheRightToken() throws Exception {
        List<String> paths = List.of("canary", "canary/", "canary;", "canary;x=1", ";/canary", "canary;jsessionid=1",
                "%63anary", "%63%61%6e%61%72%79", "CANARY", "Canary", "canary%2f", "canary%2F", "canary/.",
                "canary/./", "./canary", "dispatch/../canary", "dispatch/%2e%2e/canary", "dispatch/%2E%2E/canary",
                "dispatch/..;/canary", "dispatch;/../canary", "dispatch/%252e%252e/canary", "%2e/canary",
                "canary%00", "canary%20", "canary.json", "canary?x=/dispatch", "error-page/../canary",
                "dispatch//..//canary", "canary#x", "canary/%2e", "dispatch/..%2fcanary", "dispatch/%2e%2e%2fcanary");
        for (String path : paths) {
            for (String token : new String[] {null, Tokens.demoToken("bob", "User")}) {
                HttpResponse<String> response = Http.send(Http.request(url(), "").uri(java.net.URI.create(url() + path)));
                if (token != null) {
                    response = Http.send(Http.request(url(), "").uri(java.net.URI.create(url() + path))
                            .header("Authorization", "Bearer " + token));
                }
                assertNoCanary(response, path + (token == null ? "" : " as User"));
            }
        }
        assertThat(paths).hasSizeGreaterThanOrEqualTo(25);
    }
}
