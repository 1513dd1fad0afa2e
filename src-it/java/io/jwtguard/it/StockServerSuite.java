package io.jwtguard.it;

import static io.jwtguard.it.SmokeChecks.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.it.DemoWar.Libraries;
import io.jwtguard.it.SmokeChecks.ConfigSource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One real server, started once from its own scripts with every WAR of the suite deployed as a user deploys
 * them: the smoke WAR with the plain jar and with the {@code -all} jar (the {@link SmokeChecks} on each), the
 * sample WAR of {@code mvn package} configured from the environment, and three broken applications that must
 * never serve a servlet unguarded. Each server is a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StockServerSuite {

    private static final Path SAMPLE_WAR = Path.of(System.getProperty("jwtguard.sample.war", "target/sample.war"));

    StockServer server;
    private StockServer secondFailingWar;

    abstract StockServer server();

    /**
     * Whether the server gives applications MicroProfile Config: then JwtGuard reads through it with either
     * jar; else the plain WAR brings SmallRye Config and the {@code -all} jar reads the sources itself.
     */
    boolean providesMicroProfileConfig() {
        return false;
    }

    ConfigSource plainJarConfig() {
        return providesMicroProfileConfig() ? ConfigSource.SERVER : ConfigSource.APPLICATION;
    }

    private ConfigSource dropInJarConfig() {
        return providesMicroProfileConfig() ? ConfigSource.SERVER : ConfigSource.BUILT_IN;
    }

    /**
     * Whether the server fails a deployment whose filter cannot start. GlassFish and Payara serve it without
     * the filter, so there JwtGuard's filter stays and refuses every request instead.
     */
    boolean failsADeploymentWhoseFilterCannotStart() {
        return true;
    }

    /**
     * Where the server stops deploying at a failed WAR, another instance of it (on another port) for the
     * second failing WAR; {@code null} where each WAR fails alone.
     */
    StockServer instanceForASecondFailingWar() {
        return null;
    }

    /** More WARs a server's own tests need. */
    void deployMore() {
    }

    /** Whether the server runs the plain-servlet MCP WAR (Tomcat, Jetty): then a nested class checks it. */
    boolean servesMcp() {
        return false;
    }

    /** The MCP Java SDK's servlet behind JwtGuard's filter, the {@code -all} jar and the SDK the WAR's only libraries. */
    abstract class McpOnThisServer {
        @Test
        void aPlainServletMcpServerAppliesTheToolRulesAndHandsToolsTheCaller() throws Exception {
            PlainServletMcp.check(server.url(PlainServletMcp.CONTEXT));
        }
    }

    @BeforeAll
    void startServer() throws Exception {
        server = server();
        String smokeXml = DemoWar.read("src-it/wars/smoke-web.xml");
        server.deploy("smoke", DemoWar.create("smoke", smokeXml, CONFIG,
                plainJarConfig() == ConfigSource.SERVER ? Libraries.PLAIN : Libraries.PLAIN_WITH_CONFIG));
        server.deploy("smoke-all", DemoWar.create("smoke-all", smokeXml, CONFIG, Libraries.DROP_IN));
        server.deploy("jwtguard-demo", SAMPLE_WAR);
        // No JwtGuard line in web.xml at all: JwtGuard registers its own filter.
        server.deploy("no-web-xml-lines", DemoWar.create("no-web-xml-lines", withoutJwtGuardFilter(smokeXml), CONFIG,
                plainJarConfig() == ConfigSource.SERVER ? Libraries.PLAIN : Libraries.PLAIN_WITH_CONFIG));
        if (servesTheJakartaRestShop()) {
            server.deploy("rest", DemoWar.rest("rest", CONFIG, plainJarLibraries(), bundlesJersey()));
        }
        if (supportsContainerIdentity()) {
            org.jboss.shrinkwrap.api.spec.WebArchive shop = withEnterpriseBeans(DemoWar.rest("rest-container",
                    CONFIG + "\njwtguard.container-authentication=true", plainJarLibraries(), bundlesJersey()));
            // The resource in front of the Admin-only bean, where there are enterprise beans.
            server.deploy("rest-container", runsEnterpriseBeans()
                    ? shop.addPackage(io.jwtguard.it.ejb.rest.EjbResource.class.getPackage()) : shop);
        }
        if (servesMcp()) {
            server.deploy(PlainServletMcp.CONTEXT, PlainServletMcp.war());
        }
        deployMore();
        if (triesContainerIdentity()) {
            // Fails on servers where the mode is not done yet, so it comes after every WAR that must deploy.
            server.deploy("container-identity", withEnterpriseBeans(DemoWar.create("container-identity",
                    containerIdentityXml(smokeXml).replace("</web-app>", enterpriseBeansXml() + "</web-app>")
                            // Enterprise beans' annotations (@RolesAllowed) are read only when web.xml lets them be.
                            .replace("metadata-complete=\"true\"", runsEnterpriseBeans() ? "metadata-complete=\"false\""
                                    : "metadata-complete=\"true\""),
                    CONFIG + "\njwtguard.container-authentication=true",
                    plainJarConfig() == ConfigSource.SERVER ? Libraries.PLAIN : Libraries.PLAIN_WITH_CONFIG)));
        }
        // An empty <absolute-ordering/> leaves JwtGuard's jar out: its initializer and listener never run, so
        // only the filter's own init can find the problem.
        server.deploy("broken-ordering", DemoWar.create("broken-ordering",
                smokeXml.replace("<display-name>", "<absolute-ordering/>\n  <display-name>"),
                CONFIG + "\njwtguard.clock-skew=eternity", Libraries.DROP_IN));
        // The WARs whose deployment fails come last.
        server.deploy("broken-setting", DemoWar.create("broken-setting", smokeXml,
                CONFIG + "\njwtguard.clock-skew=forever", Libraries.DROP_IN));
        secondFailingWar = instanceForASecondFailingWar();
        (secondFailingWar == null ? server : secondFailingWar).deploy("broken-filter-class",
                DemoWar.create("broken-filter-class", smokeXml.replace("io.jwtguard.JwtGuardFilter",
                        "io.jwtguard.JwtGuardFiltr"), CONFIG, Libraries.DROP_IN));
        server.start(ENVIRONMENT);
    }

    /** The browser origin the smoke configuration allows. */
    private static final String ORIGIN = SmokeChecks.ORIGIN;

    /**
     * Whether this server gets the container identity WAR: Payara Micro stops deploying at the first WAR that
     * fails, and it fails there (the mode is done for Tomcat only), so it is not tried on Payara.
     */
    boolean triesContainerIdentity() {
        return true;
    }

    /**
     * Whether the Jakarta REST shop is deployed here ({@link StockServerWithJakartaRest}). Not on GlassFish and Payara: their own MicroProfile JWT feature
     * applies {@code @RolesAllowed} on resources too, with the container's caller, so JwtGuard's answers cannot hold.
     */
    boolean servesTheJakartaRestShop() {
        return false;
    }

    /** Whether the server has no Jakarta REST of its own (Tomcat, Jetty): then the Jakarta REST WARs bring Jersey. */
    boolean bundlesJersey() {
        return false;
    }

    private Libraries plainJarLibraries() {
        return plainJarConfig() == ConfigSource.SERVER ? Libraries.PLAIN : Libraries.PLAIN_WITH_CONFIG;
    }

    /** The server's Jakarta REST: RESTEasy on WildFly, Jersey elsewhere. */
    boolean runsRestEasy() {
        return false;
    }

    /**
     * Jakarta REST resources behind JwtGuard ({@code io.jwtguard.it.rest}): each resource method's rule, with the
     * reasons and answers of servlets, whichever mode the WAR runs in.
     */
    abstract class JakartaRest {

        private final String context;

        JakartaRest(String context) {
            this.context = context;
        }


        String base() {
            return server.url(context);
        }

        @Test
        void eachResourceMethodHasItsOwnRule() throws Exception {
            String alice = login(base(), "alice", "alice-password");
            String admin = login(base(), "admin", "admin-password");

            HttpResponse<String> anonymous = Http.get(base(), "rest/orders", null);
            assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
            assertThat(Http.reason(anonymous)).isEqualTo("missing_token");
            assertThat(Http.challenge(anonymous)).startsWith("Bearer realm=");
            // The Jakarta REST security context knows the caller JwtGuard verified.
            HttpResponse<String> mine = Http.get(base(), "rest/orders", alice);
            assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
            assertThat(mine.body()).isEqualTo("caller=alice admin=false user=true");

            HttpResponse<String> notAdmin = Http.get(base(), "rest/orders/all", alice);
            assertThat(notAdmin.statusCode()).as(notAdmin.body()).isEqualTo(403);
            assertThat(Http.reason(notAdmin)).isEqualTo("insufficient_role");
            assertThat(notAdmin.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(notAdmin.body()).doesNotContain("Exception", "at org.", "http://");
            HttpResponse<String> all = Http.get(base(), "rest/orders/all", admin);
            assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
            assertThat(all.body()).isEqualTo("all orders");

            // @AllowAnonymous on one method of a class that needs authentication; @DenyAll on another.
            HttpResponse<String> quote = Http.send(Http.request(base(), "rest/orders/quote")
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(quote.statusCode()).as(quote.body()).isEqualTo(200);
            HttpResponse<String> purge = Http.send(Http.request(base(), "rest/orders/7")
                    .method("DELETE", HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + admin));
            assertThat(purge.statusCode()).as(purge.body()).isEqualTo(403);
            assertThat(Http.reason(purge)).isEqualTo("policy_failed");
        }

        /**
         * Rules that Java's type system could hide: on a generic interface's method and a generic abstract
         * superclass's, on an interface's class (both annotations), on a parent whose locator hands on an unannotated
         * sub-resource, on a singleton. Each is refused to a User and to no one, and served to an Admin.
         */
        @Test
        void rulesHoldOnEveryJavaShapeOfAResource() throws Exception {
            String alice = login(base(), "alice", "alice-password");
            String admin = login(base(), "admin", "admin-password");
            record Call(String method, String path) {
            }
            for (Call call : List.of(new Call("POST", "rest/generic/put"), new Call("POST", "rest/generic-super/put"),
                    new Call("GET", "rest/iface"), new Call("GET", "rest/audit"), new Call("GET", "rest/parent"),
                    new Call("GET", "rest/parent/child"), new Call("GET", "single/counter"))) {
                HttpRequest.BodyPublisher body = call.method().equals("POST")
                        ? HttpRequest.BodyPublishers.ofString("x") : HttpRequest.BodyPublishers.noBody();
                HttpResponse<String> user = Http.send(Http.request(base(), call.path()).method(call.method(), body)
                        .header("Content-Type", "text/plain").header("Authorization", "Bearer " + alice));
                assertThat(user.statusCode()).as(call + " as a User: " + user.body()).isEqualTo(403);
                assertThat(Http.reason(user)).as(call.toString()).isEqualTo("insufficient_role");
                HttpResponse<String> nobody = Http.send(Http.request(base(), call.path()).method(call.method(), body)
                        .header("Content-Type", "text/plain"));
                assertThat(nobody.statusCode()).as(call + " with no token: " + nobody.body()).isEqualTo(401);
                HttpResponse<String> allowed = Http.send(Http.request(base(), call.path()).method(call.method(), body)
                        .header("Content-Type", "text/plain").header("Authorization", "Bearer " + admin));
                assertThat(allowed.statusCode()).as(call + " as an Admin: " + allowed.body()).isEqualTo(200);
            }
            // The generic interface's other method has no rule: the fallback (any authenticated caller).
            assertThat(Http.get(base(), "rest/generic/get", alice).statusCode()).isEqualTo(200);
            assertThat(server.log().contains(line -> line.contains("JwtGuard rule for Jakarta REST POST /rest/generic/put")
                    && line.contains("roles [Admin] (@RolesAllowed on Crud.put)")))
                    .as("the generic method's row in " + server.log().where()).isTrue();
            assertThat(server.log().contains(line -> line.contains("JwtGuard rule for Jakarta REST GET /rest/iface")
                    && line.contains("roles [Admin] (@RolesAllowed on AdminApi)")))
                    .as("the interface's class rule in " + server.log().where()).isTrue();
        }

        @Test
        void anUnannotatedResourceGetsTheFallback() throws Exception {
            HttpResponse<String> anonymous = Http.get(base(), "rest/catalog", null);
            assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
            assertThat(Http.reason(anonymous)).isEqualTo("missing_token");
            HttpResponse<String> signedIn = Http.get(base(), "rest/catalog", login(base(), "alice", "alice-password"));
            assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        }

        /** The rule is the method's Jakarta REST picked, so no spelling of the path reaches it with another rule. */
        @Test
        void pathSpellingsNeverLoosenAResourcesRule() throws Exception {
            String alice = login(base(), "alice", "alice-password");
            for (String path : List.of("rest/orders/all/", "rest/orders/all;x=1", "rest//orders/all", "rest/orders/%61ll",
                    "rest/ORDERS/all", "rest/orders/./all")) {
                HttpResponse<String> response = Http.get(base(), path, alice);
                assertThat(response.statusCode()).as(path + ": " + response.body()).isNotEqualTo(200);
                assertThat(response.body()).as(path).doesNotContain("all orders");
            }
        }

        @Test
        void aPreflightIsAnsweredWithNoCaller() throws Exception {
            HttpResponse<String> preflight = Http.preflight(base(), "rest/orders/all", ORIGIN);
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        }

        @Test
        void startUpListsEveryResourceMethodsRuleAndWarnsOfALoginThatNeedsAuthentication() throws Exception {
            assertThat(server.log().contains(line -> line.contains("JwtGuard rule for Jakarta REST GET /rest/orders/all")
                    && line.contains("/" + context + "): roles [Admin] (@RolesAllowed on OrdersResource.all)")))
                    .as("the row in " + server.log().where()).isTrue();
            assertThat(server.log().contains(line -> line.contains("JwtGuard rule for Jakarta REST POST /rest/orders/quote")
                    && line.contains("anonymous (@AllowAnonymous on OrdersResource.quote)"))).isTrue();
            assertThat(server.log().contains(line -> line.contains("JwtGuard rule for Jakarta REST GET /rest/catalog")
                    && line.contains("authenticated (fallback)"))).isTrue();
            assertThat(server.log().contains(line -> line.contains("Jakarta REST POST /rest/catalog/signin looks like a"
                    + " login endpoint but needs authentication"))).isTrue();
        }

        /**
         * An application that lists its classes without JwtGuardFeature: RESTEasy registers it anyway (JwtGuard's jar
         * names it in META-INF/services/jakarta.ws.rs.ext.Providers); under Jersey, JwtGuard refuses that servlet's
         * requests rather than let the resources' rules go unapplied.
         */
        @Test
        void anApplicationThatLeavesTheFeatureOutIsRefusedNeverOpen() throws Exception {
            if (!runsRestEasy()) {
                // Named at start-up, before any request reaches that servlet.
                assertThat(server.log().contains(line -> line.contains("started without io.jwtguard.JwtGuardFeature")))
                        .as("the start-up line in " + server.log().where()).isTrue();
            }
            String admin = login(base(), "admin", "admin-password");
            String alice = login(base(), "alice", "alice-password");
            HttpResponse<String> refused = Http.get(base(), "listed/orders/all", alice);
            assertThat(refused.body()).doesNotContain("all orders", "Exception");
            if (runsRestEasy()) {
                assertThat(refused.statusCode()).isEqualTo(403);
                assertThat(Http.reason(refused)).isEqualTo("insufficient_role");
                assertThat(Http.get(base(), "listed/orders/all", admin).statusCode()).isEqualTo(200);
            } else {
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(500);
                assertThat(Http.reason(refused)).isEqualTo("configuration_invalid");
                assertThat(Http.get(base(), "listed/orders/all", admin).statusCode()).isEqualTo(500);
                assertThat(server.log().contains(line -> line.contains("whose application does not run"
                        + " io.jwtguard.JwtGuardFeature"))).as("the cause in " + server.log().where()).isTrue();
            }
        }
    }

    /** Whether the server runs enterprise beans: then the container identity WAR has an Admin-only one. */
    boolean runsEnterpriseBeans() {
        return false;
    }

    private org.jboss.shrinkwrap.api.spec.WebArchive withEnterpriseBeans(org.jboss.shrinkwrap.api.spec.WebArchive war) {
        return runsEnterpriseBeans() ? war.addPackage(io.jwtguard.it.ejb.AdminReport.class.getPackage()) : war;
    }

    private String enterpriseBeansXml() {
        return !runsEnterpriseBeans() ? "" : """
                  <servlet>
                    <servlet-name>ejb-caller</servlet-name>
                    <servlet-class>io.jwtguard.it.ejb.EjbCallerServlet</servlet-class>
                  </servlet>
                  <servlet-mapping><servlet-name>ejb-caller</servlet-name><url-pattern>/api/ejb-caller</url-pattern></servlet-mapping>
                """;
    }

    /** Whether container identity mode is done for this server (else its start-up must refuse it). */
    boolean supportsContainerIdentity() {
        return false;
    }

    /** The smoke application plus a servlet that says who the caller is, under a web.xml constraint for Admin too. */
    private static String containerIdentityXml(String smokeXml) {
        return smokeXml.replace("</web-app>", """
                  <servlet>
                    <servlet-name>caller</servlet-name>
                    <servlet-class>io.jwtguard.it.app.CallerServlet</servlet-class>
                  </servlet>
                  <servlet-mapping><servlet-name>caller</servlet-name><url-pattern>/api/caller</url-pattern></servlet-mapping>
                  <servlet-mapping><servlet-name>caller</servlet-name><url-pattern>/constrained/caller</url-pattern></servlet-mapping>
                  <servlet>
                    <servlet-name>session</servlet-name>
                    <servlet-class>io.jwtguard.it.app.SessionServlet</servlet-class>
                  </servlet>
                  <servlet-mapping><servlet-name>session</servlet-name><url-pattern>/api/session</url-pattern></servlet-mapping>
                  <servlet-mapping><servlet-name>session</servlet-name><url-pattern>/constrained/session</url-pattern></servlet-mapping>
                  <servlet-mapping><servlet-name>caller</servlet-name><url-pattern>/reads/caller</url-pattern></servlet-mapping>
                  <security-constraint>
                    <web-resource-collection>
                      <web-resource-name>reads</web-resource-name>
                      <url-pattern>/reads/*</url-pattern>
                      <http-method>GET</http-method>
                    </web-resource-collection>
                    <auth-constraint><role-name>Admin</role-name></auth-constraint>
                  </security-constraint>
                  <security-constraint>
                    <web-resource-collection>
                      <web-resource-name>admins</web-resource-name>
                      <url-pattern>/constrained/*</url-pattern>
                    </web-resource-collection>
                    <auth-constraint><role-name>Admin</role-name></auth-constraint>
                  </security-constraint>
                  <security-role><role-name>Admin</role-name></security-role>
                  <security-role><role-name>User</role-name></security-role>
                </web-app>
                """);
    }

    private static final Map<String, String> ENVIRONMENT = Map.of("JWTGUARD_KEY", BearerAuthenticationIT.SECRET,
            "JWTGUARD_TOKEN_LIFETIME", "7m");

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (secondFailingWar != null) {
            secondFailingWar.stop();
        }
    }

    /** The smoke suite on one of this server's WARs. */
    abstract class OnThisServer extends SmokeChecks {

        private final String context;
        private final String jar;
        private final ConfigSource config;

        OnThisServer(String context, String jar, ConfigSource config) {
            this.context = context;
            this.jar = jar;
            this.config = config;
        }

        @Override
        String url() {
            return server.url(context);
        }

        @Override
        String contextPath() {
            return "/" + context;
        }

        @Override
        ServerLog log() {
            return server.log();
        }

        @Override
        String description() {
            return server.label() + ", " + jar;
        }

        @Override
        ConfigSource configSource() {
            return config;
        }
    }

    @Nested
    class PlainJar extends OnThisServer {
        PlainJar() {
            super("smoke", "plain jar", plainJarConfig());
        }
    }

    @Nested
    class DropInJar extends OnThisServer {
        DropInJar() {
            super("smoke-all", "-all jar only", dropInJarConfig());
        }
    }

    /** What the README's try-it commands show: 401, a login, the caller, a 403 and an admin's 200. */
    @Test
    void theSampleWarServesWithTheKeyFromTheEnvironment() throws Exception {
        String base = server.url("jwtguard-demo");
        assertThat(Http.get(base, "health", null).statusCode()).isEqualTo(200);

        HttpResponse<String> anonymous = Http.get(base, "api/me", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(Http.reason(anonymous)).isEqualTo("missing_token");

        String alice = login(base, "alice", "alice-password");
        HttpResponse<String> me = Http.get(base, "api/me", alice);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(Http.json(me).path("name").asText()).isEqualTo("alice");
        assertThat(Http.reason(Http.get(base, "api/admin", alice))).isEqualTo("insufficient_role");
        assertThat(Http.get(base, "api/admin", login(base, "admin", "admin-password")).statusCode()).isEqualTo(200);
    }

    static String login(String base, String user, String password) throws Exception {
        HttpResponse<String> login = Http.send(Http.request(base, "login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return Http.json(login).path("access_token").asText();
    }

    /** The smoke application's web.xml without JwtGuard's filter and its mapping. */
    private static String withoutJwtGuardFilter(String webXml) {
        String without = webXml.replaceAll("(?s)<filter>.*?</filter>", "")
                .replaceAll("(?s)<filter-mapping>.*?</filter-mapping>", "");
        assertThat(without).doesNotContain("io.jwtguard.JwtGuardFilter", "<filter>", "<filter-mapping>");
        return without;
    }

    /** No JwtGuard line in web.xml: JwtGuard registers its filter itself, for every dispatch, and every rule holds. */
    @Test
    void anApplicationWithNoJwtGuardLinesInWebXmlIsProtected() throws Exception {
        String base = server.url("no-web-xml-lines");
        HttpResponse<String> anonymous = Http.get(base, "api/me", null);
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(Http.reason(anonymous)).isEqualTo("missing_token");
        String alice = login(base, "alice", "alice-password");
        assertThat(Http.get(base, "api/me", alice).statusCode()).isEqualTo(200);
        HttpResponse<String> admin = Http.get(base, "api/admin", alice);
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(403);
        assertThat(Http.reason(admin)).isEqualTo("insufficient_role");
        // An open servlet forwarding to the Admin one: the forward is guarded too (every dispatcher).
        HttpResponse<String> forwarded = Http.get(base, "fwd/admin", alice);
        assertThat(forwarded.statusCode()).as(forwarded.body()).isEqualTo(403);
        assertThat(server.log().contains(line -> line.contains("JwtGuard registered io.jwtguard.JwtGuardFilter")
                && line.contains("context /no-web-xml-lines"))).as("the line in " + server.log().where()).isTrue();
    }

    @Test
    void aBrokenSettingFailsTheDeployment() throws Exception {
        assertThat(server.log().contains(line -> line.contains("jwtguard.clock-skew: 'forever' is not a duration")))
                .as("the problem in " + server.log().where()).isTrue();
        assertNotDeployed(server, "broken-setting");
    }

    @Test
    void aFilterNamingAJwtGuardClassThatDoesNotExistFailsTheDeployment() throws Exception {
        StockServer where = server;
        if (secondFailingWar != null) {
            secondFailingWar.start(ENVIRONMENT);
            where = secondFailingWar;
        }
        ServerLog log = where.log();
        // JwtGuard's deploy-time check names it, unless the server fails the deployment first (WildFly loads
        // every filter class before any initializer runs).
        assertThat(log.contains(line -> line.contains("names class io.jwtguard.JwtGuardFiltr, which JwtGuard does not"
                + " have") || line.contains("ClassNotFoundException: io.jwtguard.JwtGuardFiltr")))
                .as("the problem in " + log.where()).isTrue();
        assertNotDeployed(where, "broken-filter-class");
    }

    @Test
    void withJwtGuardLeftOutOfTheOrderingNoServletRunsUnguarded() throws Exception {
        for (String path : List.of("health", "api/me", "api/admin")) {
            HttpResponse<String> response = Http.get(server.url("broken-ordering"), path, null);

            assertThat(response.statusCode()).as(path).isNotEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain("\"status\":\"UP\"", "admin area", "Exception", "at io.");
            if (!failsADeploymentWhoseFilterCannotStart()) {
                assertThat(response.statusCode()).as(path).isEqualTo(500);
                assertThat(Http.reason(response)).as(path).isEqualTo("configuration_invalid");
            }
        }
        assertThat(server.log().contains(line -> line.contains("jwtguard.clock-skew: 'eternity' is not a duration")))
                .as("the problem in " + server.log().where()).isTrue();
    }

    @Test
    void containerIdentityModeMakesTheContainerKnowTheCallerOrStartUpRefusesIt() throws Exception {
        Assumptions.assumeTrue(triesContainerIdentity(), "not tried on this server");
        if (!supportsContainerIdentity()) {
            assertThat(server.log().contains(line -> line.contains("container identity mode is done for Tomcat 10.1"
                    + " and 11, WildFly and Jetty 12 so far"))).as("the refusal in " + server.log().where()).isTrue();
            assertNotDeployed(server, "container-identity");
            return;
        }
        String base = server.url("container-identity");
        String alice = login(base, "alice", "alice-password");
        String admin = login(base, "admin", "admin-password");

        // The container answers who the caller is: the principal JwtGuard verified, and its roles.
        HttpResponse<String> caller = Http.get(base, "api/caller", alice);
        assertThat(caller.statusCode()).as(caller.body()).isEqualTo(200);
        assertThat(caller.body()).contains("principal=io.jwtguard.JwtPrincipal", "name=alice", "user=true",
                "admin=false");
        // JwtGuard's rules and reasons still hold: no token is its 401, with its challenge.
        HttpResponse<String> anonymous = Http.get(base, "api/caller", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(Http.reason(anonymous)).isEqualTo("missing_token");
        assertThat(Http.get(base, "health", null).statusCode()).isEqualTo(200);
        assertThat(Http.reason(Http.get(base, "api/admin", alice))).isEqualTo("insufficient_role");

        // A web.xml constraint, enforced by the container with JwtGuard's caller and roles.
        HttpResponse<String> constrainedAnonymous = Http.get(base, "constrained/caller", null);
        assertThat(constrainedAnonymous.statusCode()).isEqualTo(401);
        assertThat(Http.reason(constrainedAnonymous)).isEqualTo("missing_token");
        HttpResponse<String> expired = Http.get(base, "constrained/caller",
                io.jwtguard.testing.Tokens.demo("admin", "Admin").withExpiresAt(java.time.Instant.now().minusSeconds(3600))
                        .withIssuedAt(java.time.Instant.now().minusSeconds(7200)).sign(io.jwtguard.testing.Tokens.demoHs256()));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(Http.reason(expired)).isEqualTo("token_expired");
        assertThat(Http.get(base, "constrained/caller", alice).statusCode()).isEqualTo(403);
        // The constraint's role refusal is JwtGuard's: its reason and problem body, not the container's error page.
        HttpResponse<String> notAdmin = Http.send(Http.request(base, "constrained/caller").header("Origin", ORIGIN)
                .header("Authorization", "Bearer " + alice));
        assertThat(notAdmin.statusCode()).as(notAdmin.body()).isEqualTo(403);
        assertThat(Http.reason(notAdmin)).isEqualTo("insufficient_role");
        assertThat(Http.challenge(notAdmin)).contains("error=\"insufficient_scope\"", "reason=\"insufficient_role\"");
        assertThat(notAdmin.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(notAdmin.body()).doesNotContain("<html", "<HTML", "Exception", "at org.");
        assertThat(notAdmin.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(server.log().contains(line -> line.contains("JwtGuard refused GET /container-identity/constrained/caller:"
                + " 403 insufficient_role"))).as("the refusal line in " + server.log().where()).isTrue();
        HttpResponse<String> admitted = Http.get(base, "constrained/caller", admin);
        assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(200);
        assertThat(admitted.body()).contains("name=admin", "admin=true");

        // A preflight under the constraint passes with no caller: JwtGuard answers it before the container checks.
        HttpResponse<String> preflight = Http.send(Http.request(base, "constrained/caller")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "authorization"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(server.log().contains(line -> line.contains("container identity mode for context /container-identity")))
                .as("the registration line in " + server.log().where()).isTrue();
        if (runsEnterpriseBeans()) {
            // The enterprise bean sees JwtGuard's caller, and its @RolesAllowed refusal is JwtGuard's 403.
            HttpResponse<String> bean = Http.get(base, "api/ejb-caller", admin);
            assertThat(bean.statusCode()).as(bean.body()).isEqualTo(200);
            assertThat(bean.body()).contains("ejbCaller=admin");
            HttpResponse<String> refused = Http.get(base, "api/ejb-caller", alice);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(Http.reason(refused)).isEqualTo("insufficient_role");
            assertThat(refused.body()).doesNotContain("Exception", "at io.", "at org.");
        }
    }

    /** The CORS stage runs once per request in container identity mode: one {@code Vary}, whoever answers. */
    @Test
    void containerIdentityModeSendsOneVaryHeader() throws Exception {
        Assumptions.assumeTrue(supportsContainerIdentity(), "container identity mode is not done on this server");
        String base = server.url("container-identity");
        String alice = login(base, "alice", "alice-password");
        for (String path : List.of("api/caller", "constrained/caller", "api/admin", "health")) {
            HttpResponse<String> response = Http.send(Http.request(base, path).header("Origin", ORIGIN)
                    .header("Authorization", "Bearer " + alice));

            assertThat(response.headers().allValues("Vary")).as(path + " " + response.statusCode())
                    .containsExactly("Origin");
        }
        HttpResponse<String> anonymous = Http.send(Http.request(base, "constrained/caller").header("Origin", ORIGIN));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().allValues("Vary")).containsExactly("Origin");
    }

    /** A web.xml constraint that names some methods leaves the others open: the start-up report says so. */
    @Test
    void containerIdentityModeWarnsOfAConstraintWithUncoveredMethods() throws Exception {
        Assumptions.assumeTrue(supportsContainerIdentity(), "container identity mode is not done on this server");
        assertThat(server.log().contains(line -> line.contains("JwtGuard: context /container-identity: web.xml's"
                + " <security-constraint> for '/reads/*' leaves every HTTP method but [GET] uncovered")
                && line.contains("<deny-uncovered-http-methods/>"))).as("the warning in " + server.log().where()).isTrue();
        assertThat(server.log().contains(line -> line.contains("web.xml's <security-constraint> for '/constrained/*'")))
                .as("a constraint on every method is not named").isFalse();
        // What the warning is about: GET needs Admin, POST reaches the servlet with JwtGuard's rule only.
        String alice = login(server.url("container-identity"), "alice", "alice-password");
        assertThat(Http.get(server.url("container-identity"), "reads/caller", alice).statusCode()).isEqualTo(403);
        HttpResponse<String> post = Http.send(Http.request(server.url("container-identity"), "reads/caller")
                .header("Authorization", "Bearer " + alice).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(post.statusCode()).as("the servlet's own answer: it has no doPost").isEqualTo(405);
    }

    /**
     * A session the application started before the caller signed in gets a new id when a token caller arrives on it,
     * so whoever planted the id cannot use the application's session data, now the caller's; the old id is then dead.
     */
    @Test
    void containerIdentityModeChangesTheSessionIdWhenATokenCallerArrives() throws Exception {
        Assumptions.assumeTrue(supportsContainerIdentity(), "container identity mode is not done on this server");
        String base = server.url("container-identity");
        String admin = login(base, "admin", "admin-password");
        HttpResponse<String> anonymous = Http.get(base, "api/session", null);
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(200);
        assertThat(anonymous.body()).endsWith("caller=null");
        String planted = sessionCookie(anonymous);

        // Under a constraint: Jetty's module sees only those requests (elsewhere its deferred authentication has none).
        HttpResponse<String> signedIn = Http.send(Http.request(base, "constrained/session")
                .header("Cookie", planted).header("Authorization", "Bearer " + admin));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.body()).endsWith("caller=admin");
        assertThat(sessionId(signedIn)).isNotEqualTo(sessionId(anonymous));

        HttpResponse<String> replayed = Http.send(Http.request(base, "api/session").header("Cookie", planted));
        assertThat(sessionId(replayed)).as("the planted id is dead").isNotEqualTo(sessionId(anonymous));
        assertThat(replayed.body()).endsWith("caller=null");
        if (!server.label().startsWith("Jetty")) {
            HttpResponse<String> another = Http.get(base, "api/session", null);
            HttpResponse<String> unconstrained = Http.send(Http.request(base, "api/session")
                    .header("Cookie", sessionCookie(another)).header("Authorization", "Bearer " + admin));
            assertThat(unconstrained.body()).endsWith("caller=admin");
            assertThat(sessionId(unconstrained)).isNotEqualTo(sessionId(another));
        }
    }

    /**
     * Many callers at once, each with a token of its own, under a constraint (the module) and beside it: every answer
     * names its own caller, on every server that runs the mode (Jetty's module included).
     */
    @Test
    void containerIdentityModeNeverGivesOneCallerAnothersIdentityUnderLoad() throws Exception {
        Assumptions.assumeTrue(supportsContainerIdentity(), "container identity mode is not done on this server");
        String base = server.url("container-identity");
        List<String> tokens = java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> io.jwtguard.testing.Tokens.demoToken("caller-" + i, "Admin", "User")).toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 800; i++) {
                int caller = i % tokens.size();
                String path = i % 2 == 0 ? "constrained/caller" : "api/caller";
                answers.add(pool.submit(() -> {
                    HttpResponse<String> response = Http.get(base, path, tokens.get(caller));
                    boolean own = response.statusCode() == 200
                            && response.body().lines().anyMatch(("name=caller-" + caller)::equals);
                    return own ? "" : path + " for caller-" + caller + ": " + response.statusCode() + " "
                            + response.body();
                }));
            }
            List<String> wrong = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<String> answer : answers) {
                String problem = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (!problem.isEmpty()) {
                    wrong.add(problem);
                }
            }
            assertThat(wrong).as("answers that named another caller, or none").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    /** The session id the session servlet printed. */
    private static String sessionId(HttpResponse<String> response) {
        String body = response.body();
        return body.substring("session=".length(), body.indexOf(' '));
    }

    /** The {@code Cookie} header that sends back the session cookie {@code response} set. */
    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
    }

    /** Not in service: the server answers for the context as for one it does not have (404, or Jetty's 503). */
    private static void assertNotDeployed(StockServer server, String context) throws Exception {
        for (String path : List.of("health", "api/me")) {
            HttpResponse<String> response = Http.get(server.url(context), path, null);

            assertThat(response.statusCode()).as(context + "/" + path).isIn(404, 503);
            assertThat(response.body()).as(context + "/" + path).doesNotContain("\"status\":\"UP\"", "Exception");
        }
    }
}
