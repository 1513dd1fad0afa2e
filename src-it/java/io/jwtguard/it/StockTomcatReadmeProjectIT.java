package io.jwtguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A user's project made only from the README's own text: its install step (the built jar installed into the local
 * Maven repository, as {@code mvn install} does), then a WAR project whose files are the README's snippets (no
 * {@code web.xml}: JwtGuard registers its filter itself), built
 * by Maven as a user builds it, deployed into a real Tomcat 11 with the key in the environment. What the README
 * promises must then hold: no token 401, the login's token 200, a role it lacks 403.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockTomcatReadmeProjectIT {

    /** {@code <!-- readme-project: WHAT -->} on the line before a fenced block: where that block goes. */
    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- readme-project: (\\S+) -->\\R```[a-z]*\\R(.*?)\\R```", Pattern.DOTALL);

    private static final Path PROJECT = DemoWar.ROOT.resolve("target/readme-project");

    private StockServer server;

    /** The README's snippets by where they go: a project path, or {@code dependencies} for the pom. */
    static Map<String, String> snippets() throws IOException {
        String readme = Files.readString(DemoWar.ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        Map<String, String> snippets = new LinkedHashMap<>();
        Matcher matcher = SNIPPET.matcher(readme);
        while (matcher.find()) {
            snippets.put(matcher.group(1), matcher.group(2));
        }
        return snippets;
    }

    @BeforeAll
    void buildTheReadmesProjectAndDeployIt() throws Exception {
        Map<String, String> snippets = snippets();
        assertThat(snippets).containsKeys("dependencies", "src/main/resources/META-INF/microprofile-config.properties",
                "src/main/java/com/example/LoginServlet.java", "src/main/java/com/example/OrdersServlet.java");
        StockServer.delete(PROJECT);
        for (Map.Entry<String, String> snippet : snippets.entrySet()) {
            if (!snippet.getKey().equals("dependencies")) {
                Path file = PROJECT.resolve(snippet.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, snippet.getValue() + "\n", StandardCharsets.UTF_8);
            }
        }
        Files.writeString(PROJECT.resolve("pom.xml"), pom(snippets.get("dependencies")), StandardCharsets.UTF_8);

        // The README's install step, for the jar this build made: what `mvn install` puts into the local repository.
        maven(DemoWar.ROOT, "install:install-file", "-Dfile=" + System.getProperty("jwtguard.library.jar"),
                "-DpomFile=" + DemoWar.ROOT.resolve("pom.xml"));
        maven(PROJECT, "package");

        server = StockServer.tomcat("Tomcat 11 (the README's project)", Path.of(System.getProperty("tomcat.home")),
                Integer.getInteger("tomcat.http.port"));
        server.deploy("shop", PROJECT.resolve("target/shop.war"));
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        server.start(Map.of("JWTGUARD_KEY", Base64.getEncoder().encodeToString(key), "JWTGUARD_KEY_ENCODING", "base64"));
    }

    /** A WAR project as a user has one, with the README's dependencies added. */
    private static String pom(String dependencies) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>shop</artifactId>
                  <version>1.0</version>
                  <packaging>war</packaging>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>jakarta.servlet</groupId>
                      <artifactId>jakarta.servlet-api</artifactId>
                      <version>6.0.0</version>
                      <scope>provided</scope>
                    </dependency>
                %s
                  </dependencies>
                  <build>
                    <finalName>shop</finalName>
                    <plugins>
                      <plugin>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.14.0</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-war-plugin</artifactId>
                        <version>3.4.0</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(dependencies);
    }

    private static void maven(Path directory, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("mvn", "-B", "--no-transfer-progress"));
        command.addAll(List.of(arguments));
        Path log = PROJECT.resolve("maven-" + arguments[0].replace(':', '-') + ".log");
        Files.createDirectories(PROJECT);
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("mvn " + String.join(" ", arguments)).isTrue();
        assertThat(process.exitValue()).as("mvn " + String.join(" ", arguments) + "; see " + log).isZero();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theReadmesProjectAnswers401Then200Then403() throws Exception {
        String base = server.url("shop");
        HttpResponse<String> anonymous = Http.get(base, "api/orders", null);
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(Http.reason(anonymous)).isEqualTo("missing_token");

        String token = StockServerSuite.login(base, "alice", "alice-password");

        HttpResponse<String> orders = Http.get(base, "api/orders", token);
        assertThat(orders.statusCode()).as(orders.body()).isEqualTo(200);
        assertThat(orders.body()).isEqualTo("orders of alice");

        HttpResponse<String> delete = Http.send(Http.request(base, "api/orders")
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token));
        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(403);
        assertThat(Http.reason(delete)).isEqualTo("insufficient_role");

        HttpResponse<String> wrongPassword = Http.send(Http.request(base, "login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=guess")));
        assertThat(wrongPassword.statusCode()).isEqualTo(400);
    }
}
