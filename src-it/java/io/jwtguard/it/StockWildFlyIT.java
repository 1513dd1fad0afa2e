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
                    + "embed-server --std-out=discard," + INTEGRATED_JASPI_OFF + ",stop-embedded-server")
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

    /** README, "Container identity": the command, exactly. */
    static final String INTEGRATED_JASPI_OFF =
            "/subsystem=undertow/application-security-domain=other:write-attribute(name=integrated-jaspi,value=false)";

    @Override
    boolean startsFiltersOnTheFirstRequest() {
        return true;
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
