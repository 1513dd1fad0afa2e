package io.jwtguard.it;

import java.nio.file.Path;

/** The suite on WildFly, started by standalone.sh: its own MicroProfile Config serves both jars. */
class StockWildFlyIT extends StockServerWithContainerIdentity {


    @Override
    boolean providesMicroProfileConfig() {
        return true;
    }

    /**
     * The one server setting container identity mode needs on WildFly, run before the server starts, as the README
     * says: Elytron's default integration with Jakarta Authentication accepts only callers its realm knows; with it
     * off, the caller JwtGuard verified is accepted as it is.
     */
    @Override
    StockServer server() {
        Path home = Path.of(System.getProperty("wildfly.home"));
        try {
            Process cli = new ProcessBuilder("bash", home.resolve("bin/jboss-cli.sh").toString(), "--commands="
                    + "embed-server --std-out=discard," + INTEGRATED_JASPI_OFF + "," + EJB_SYSTEM_EXCEPTIONS_UNLOGGED
                    + ",stop-embedded-server")
                    .redirectErrorStream(true).start();
            String output = new String(cli.getInputStream().readAllBytes());
            if (cli.waitFor() != 0 || !output.contains("success")) {
                throw new IllegalStateException("jboss-cli failed: " + output);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return StockServer.wildfly("WildFly", home, Integer.getInteger("wildfly.port.offset"));
    }

    /** docs/container-identity.md: the command, exactly. */
    static final String INTEGRATED_JASPI_OFF =
            "/subsystem=undertow/application-security-domain=other:write-attribute(name=integrated-jaspi,value=false)";

    /**
     * docs/container-identity.md, enterprise beans: without it every {@code @RolesAllowed} refusal is a stack trace
     * of about 110 lines (WFLYEJB0034), which any caller with a token can repeat to flood the log.
     */
    static final String EJB_SYSTEM_EXCEPTIONS_UNLOGGED =
            "/subsystem=ejb3:write-attribute(name=log-system-exceptions,value=false)";

    /** 200 enterprise bean refusals, through a servlet and through a resource, leave no stack trace in the log. */
    @org.junit.jupiter.api.Test
    void enterpriseBeanRefusalsLeaveTheLogQuiet() throws Exception {
        String servletBase = server.url("container-identity");
        String restBase = server.url("rest-container");
        String alice = login(servletBase, "alice", "alice-password");
        String restAlice = login(restBase, "alice", "alice-password");
        int before = server.log().lines().size();
        for (int i = 0; i < 100; i++) {
            java.net.http.HttpResponse<String> servlet = Http.get(servletBase, "api/ejb-caller", alice);
            java.net.http.HttpResponse<String> resource = Http.get(restBase, "rest/ejb", restAlice);
            org.assertj.core.api.Assertions.assertThat(servlet.statusCode()).as(servlet.body()).isEqualTo(403);
            org.assertj.core.api.Assertions.assertThat(resource.statusCode()).as(resource.body()).isEqualTo(403);
        }
        // Another application's refusal line, written after every line of the burst: the log has caught up.
        String marker = Http.json(Http.get(server.url("smoke"), "api/me", null)).path("correlationId").asText();
        org.assertj.core.api.Assertions.assertThat(server.log().contains(line -> line.contains(marker))).isTrue();

        java.util.List<String> burst = server.log().lines().stream().skip(before).toList();
        org.assertj.core.api.Assertions.assertThat(burst).as("the log after 200 bean refusals")
                .noneMatch(line -> line.contains("WFLYEJB0034") || line.contains("EJBAccessException"))
                .noneMatch(line -> line.stripLeading().startsWith("at "));
    }

    /**
     * WildFly runs JwtGuard's initializer even where an {@code <absolute-ordering/>} leaves its jar out (so the suite's
     * broken-ordering WAR fails its deployment here), but not the listener its web fragment declares. Servlets the
     * application's own listener registers then reach the filter's start unguarded, and WildFly starts filters on
     * their first request, after the deployment succeeded: only JwtGuard's filter can answer for it.
     */
    @Override
    void deployMore() {
        String webXml = DemoWar.read("src-it/wars/paths/absolute-ordering-web.xml").replace(
                "<listener><listener-class>io.jwtguard.JwtGuardContextListener</listener-class></listener>", "");
        server.deploy("ordering-first-request", DemoWar.create("ordering-first-request", webXml, SmokeChecks.CONFIG,
                DemoWar.Libraries.PLAIN).addPackage(io.jwtguard.it.paths.ServletsInCodeListener.class.getPackage()));
    }

    /** JwtGuard's own 500 with its problem body for every request, even an admin's, never WildFly's HTML error page. */
    @org.junit.jupiter.api.Test
    void aFilterThatCannotStartOnTheFirstRequestAnswersJwtGuardsOwn500() throws Exception {
        String base = server.url("ordering-first-request");
        String admin = io.jwtguard.testing.Tokens.demoToken("admin", "Admin");
        for (String path : java.util.List.of("health", "api/me", "api/admin", "code-canary", "code-forward?to=code-canary")) {
            for (String token : java.util.Arrays.asList(null, admin)) {
                java.net.http.HttpResponse<String> response = Http.get(base, path, token);
                String what = path + (token == null ? "" : " as admin") + ": " + response.body();

                org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(what).isEqualTo(500);
                org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Content-Type").orElse(""))
                        .as(what).startsWith("application/problem+json");
                org.assertj.core.api.Assertions.assertThat(Http.reason(response)).as(what).isEqualTo("configuration_invalid");
                org.assertj.core.api.Assertions.assertThat(response.body()).as(what)
                        .contains("fix the problems the server log names")
                        .doesNotContain("<html", "Exception", "at org.", "at io.", "http://", "https://", "code-canary",
                                io.jwtguard.it.app.Canary.BODY, "\"status\":\"UP\"");
            }
        }
        ServerLog log = server.log();
        org.assertj.core.api.Assertions.assertThat(log.contains(line -> line.contains("servlet 'code-canary' is not guarded"
                + " against named dispatches") && line.contains("io.jwtguard.JwtGuardContextListener")))
                .as("the problem and its fix in " + log.where()).isTrue();
        org.assertj.core.api.Assertions.assertThat(log.contains(line -> line.contains("starts filters on their first"
                + " request") && line.contains("/ordering-first-request"))).as("why it refuses, in " + log.where()).isTrue();
    }

    @Override
    boolean runsEnterpriseBeans() {
        return true;
    }

    @Override
    boolean runsRestEasy() {
        return true;
    }

    /** In container identity mode, an Admin-only enterprise bean behind a Jakarta REST resource. */
    @org.junit.jupiter.api.Test
    void anEnterpriseBeanBehindAResourceSeesTheCallerAndItsRefusalIsJwtGuards() throws Exception {
        String base = server.url("rest-container");
        java.net.http.HttpResponse<String> admitted = Http.get(base, "rest/ejb", login(base, "admin", "admin-password"));
        org.assertj.core.api.Assertions.assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(admitted.body()).isEqualTo("ejbCaller=admin");
        java.net.http.HttpResponse<String> refused = Http.get(base, "rest/ejb", login(base, "alice", "alice-password"));
        org.assertj.core.api.Assertions.assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(Http.reason(refused)).isEqualTo("insufficient_role");
        org.assertj.core.api.Assertions.assertThat(refused.body()).doesNotContain("Exception", "WFLYEJB", "at org.");
    }

    /** In container identity mode, Jakarta Security's SecurityContext names JwtGuard's caller and knows its roles. */
    @org.junit.jupiter.api.Test
    void jakartaSecurityKnowsTheCaller() throws Exception {
        String base = server.url("rest-container");
        java.net.http.HttpResponse<String> admin = Http.get(base, "rest/jakarta-security", login(base, "admin", "admin-password"));
        org.assertj.core.api.Assertions.assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(admin.body()).isEqualTo("jakartaSecurity=admin admin=true");
        java.net.http.HttpResponse<String> alice = Http.get(base, "rest/jakarta-security", login(base, "alice", "alice-password"));
        org.assertj.core.api.Assertions.assertThat(alice.body()).isEqualTo("jakartaSecurity=alice admin=false");
    }
}
