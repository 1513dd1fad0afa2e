package io.jwtguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sample WAR {@code mvn package} leaves in {@code target/}, tried the way the README tells a user to:
 * copied into a stock server's deployment folder, the server started by its own script, the key given in
 * the environment. No Arquillian, no test code in the WAR. Waiting for the server to serve is bounded; a
 * hang, not a speed, is what the bound catches.
 */
class SampleWarIT {

    private static final String KEY = "sample-war-secret-0123456789-abcdefgh";
    private static final Path WAR = Path.of(System.getProperty("jwtguard.sample.war", "target/sample.war"));

    private Process server;
    private Path deployed;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            List<ProcessHandle> children = server.descendants().toList();
            server.destroy();
            children.forEach(ProcessHandle::destroy);
            server.waitFor(60, TimeUnit.SECONDS);
            for (ProcessHandle child : children) {
                child.onExit().get(60, TimeUnit.SECONDS);
            }
        }
        if (deployed != null) {
            Files.deleteIfExists(deployed);
            // WildFly's deployment scanner leaves marker files beside the WAR.
            for (String marker : List.of(".deployed", ".failed", ".isdeploying", ".pending")) {
                Files.deleteIfExists(Path.of(deployed + marker));
            }
            // Tomcat unpacks the WAR beside it; the next run of the smoke suite must not find it there.
            Path unpacked = deployed.resolveSibling("jwtguard-demo");
            if (Files.isDirectory(unpacked)) {
                try (var paths = Files.walk(unpacked)) {
                    for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        }
    }

    @Test
    void copiedIntoTomcatsWebappsItServesWithTheKeyFromTheEnvironment() throws Exception {
        Path home = Path.of(System.getProperty("tomcat.home"));
        deployed = copy(home.resolve("webapps"));
        server = start(home, List.of("bash", "bin/catalina.sh", "run"), home.resolve("logs/sample-war.out"));

        exercise("http://127.0.0.1:" + System.getProperty("tomcat.http.port") + "/jwtguard-demo/");
    }

    @Test
    void copiedIntoWildFlysDeploymentsItServesWithTheKeyFromTheEnvironment() throws Exception {
        Path home = Path.of(System.getProperty("wildfly.home"));
        deployed = copy(home.resolve("standalone/deployments"));
        int offset = Integer.parseInt(System.getProperty("wildfly.port.offset"));
        server = start(home, List.of("bash", "bin/standalone.sh", "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1"),
                home.resolve("standalone/log/sample-war.out"));

        exercise("http://127.0.0.1:" + (8080 + offset) + "/jwtguard-demo/");
    }

    private static Path copy(Path folder) throws IOException {
        assertThat(WAR).as("mvn package builds the sample WAR").exists();
        return Files.copy(WAR, folder.resolve("jwtguard-demo.war"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Process start(Path home, List<String> command, Path output) throws IOException {
        Files.createDirectories(output.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("JWTGUARD_"));
        builder.environment().put("JWTGUARD_KEY", KEY);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    /** What the README's try-it commands show: 401, a login, the caller, a 403 and an admin's 200. */
    private void exercise(String base) throws Exception {
        awaitHealthy(base);

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

    private static String login(String base, String user, String password) throws Exception {
        HttpResponse<String> login = Http.send(Http.request(base, "login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return Http.json(login).path("access_token").asText();
    }

    private void awaitHealthy(String base) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            assertThat(server.isAlive()).as("the server process is running").isTrue();
            try {
                if (Http.get(base, "health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the sample WAR did not answer " + base + "health within 2 minutes");
    }
}
