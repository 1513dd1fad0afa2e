package io.jwtguard.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A real identity provider: Keycloak's server distribution from Maven Central, which the build unpacks under
 * {@code target/keycloak} (property {@code keycloak.home}), started by its own script ({@code kc.sh start-dev}) on a
 * free loopback port with the realm files of {@code src-it/keycloak} imported, and stopped by {@link #close()}.
 *
 * <p>Keycloak needs Java 21 or later: the JDK named by {@code JAVA_NEXT_HOME} ({@code .ci/run} sets it), else this
 * JVM when it is one, else the newest under {@code /usr/lib/jvm}. Without one a local run skips the test; in CI
 * ({@code CI=true}) it fails. A missing distribution always fails: the build unpacks it.
 *
 * <p>Kept quick to start: the database in memory (nothing to keep between runs), the JIT's first tier and the serial
 * collector (a short run on a small machine), and no log but warnings and the start-up lines. Not thread-safe.
 */
final class KeycloakServer implements AutoCloseable {

    static final Path REALMS = DemoWar.ROOT.resolve("src-it/keycloak");
    /** Longer than Keycloak takes on a loaded two-core machine (about a minute): reached only when it hangs. */
    private static final Duration START_LIMIT = Duration.ofSeconds(240);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final String base;
    private final Duration startTime;
    private final String description;

    private KeycloakServer(Process process, Path log, String base, Duration startTime, String description) {
        this.process = process;
        this.log = log;
        this.base = base;
        this.startTime = startTime;
        this.description = description;
    }

    /** Started, with every realm of {@link #REALMS} imported, and answering for {@code realm}; fails with its log. */
    static KeycloakServer start(String realm) throws IOException, InterruptedException {
        Path home = home();
        Path java = javaHome();
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        try (DirectoryStream<Path> realms = Files.newDirectoryStream(REALMS, "*.json")) {
            for (Path file : realms) {
                Files.copy(file, imports.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String base = "http://localhost:" + port;
        Path log = home.resolve("keycloak-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=" + base, "--db=dev-mem", "--import-realm",
                "--log-level=warn,org.keycloak.services:info,org.keycloak.exportimport:info,io.quarkus:info")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("JAVA_HOME", java.toString());
        // kc.sh's own options but for the collector and the JIT; java.lang opened for its thread pools on Java 24+,
        // which otherwise print an IllegalAccessError as Keycloak stops.
        environment.put("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms256m -Xmx768m"
                + " -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m -Dfile.encoding=UTF-8 -XX:+ExitOnOutOfMemoryError"
                + " -Djava.security.egd=file:/dev/urandom --add-opens=java.base/java.lang=ALL-UNNAMED");
        environment.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("QUARKUS_"));

        long started = System.nanoTime();
        Process process = builder.start();
        URI discovery = URI.create(base + "/realms/" + realm + "/.well-known/openid-configuration");
        long deadline = started + START_LIMIT.toNanos();
        while (!answers(discovery)) {
            if (!process.isAlive()) {
                throw new AssertionError("Keycloak ended with status " + process.exitValue() + " before it answered "
                        + discovery + ":\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                stop(process);
                throw new AssertionError("Keycloak did not answer " + discovery + " within " + START_LIMIT.toSeconds()
                        + " s:\n" + tail(log));
            }
            Thread.sleep(200);
        }
        return new KeycloakServer(process, log, base, Duration.ofNanos(System.nanoTime() - started),
                home.getFileName() + " on " + java + " at " + base);
    }

    private static boolean answers(URI uri) throws InterruptedException {
        try {
            HttpResponse<Void> response = CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** The unpacked distribution: the build's {@code unpack-keycloak} step puts it there. */
    static Path home() {
        String property = System.getProperty("keycloak.home");
        Path home = property == null ? DemoWar.ROOT.resolve("target/keycloak/keycloak-" + version()) : Path.of(property);
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new AssertionError("no Keycloak at " + home + ": the build unpacks it in pre-integration-test"
                    + " (mvn verify, or the goals pre-integration-test failsafe:integration-test)");
        }
        return home;
    }

    private static String version() {
        Matcher version = Pattern.compile("<keycloak\\.version>([^<]+)</keycloak\\.version>").matcher(DemoWar.read("pom.xml"));
        if (!version.find()) {
            throw new AssertionError("pom.xml names no keycloak.version");
        }
        return version.group(1);
    }

    /** A JDK of version 21 or later for Keycloak, or the test skipped locally and failed in CI. */
    static Path javaHome() throws IOException {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("JAVA_NEXT_HOME")).filter(name -> !name.isBlank()).map(Path::of)
                .ifPresent(candidates::add);
        candidates.add(Path.of(System.getProperty("java.home")));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (DirectoryStream<Path> installed = Files.newDirectoryStream(jvms)) {
                List<Path> sorted = new ArrayList<>();
                installed.forEach(sorted::add);
                sorted.sort(java.util.Comparator.reverseOrder());
                candidates.addAll(sorted);
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate.resolve("bin/java")) && featureVersion(candidate) >= 21) {
                return candidate;
            }
        }
        String missing = "Keycloak needs Java 21 or later, and none was found (JAVA_NEXT_HOME, this JVM, /usr/lib/jvm):"
                + " .ci/run requires one";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(missing);
        }
        Assumptions.abort(missing + "; the Keycloak tests are skipped locally");
        return null;
    }

    private static int featureVersion(Path javaHome) throws IOException {
        Path release = javaHome.resolve("release");
        if (Files.exists(release)) {
            Matcher version = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
            if (version.find()) {
                return Integer.parseInt(version.group(1));
            }
        }
        return -1;
    }

    /** The issuer of {@code realm}: what its tokens carry in {@code iss}, and the OpenID discovery base. */
    String issuer(String realm) {
        return base + "/realms/" + realm;
    }

    String tokenEndpoint(String realm) {
        return issuer(realm) + "/protocol/openid-connect/token";
    }

    /** Which Keycloak, on which JDK, where: for the test's output. */
    @Override
    public String toString() {
        return description;
    }

    /** From the start of {@code kc.sh} to the first answer of the realm's discovery document. */
    Duration startTime() {
        return startTime;
    }

    /** The last lines Keycloak wrote, for a failure's message. */
    String logTail() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    /** kc.sh forwards TERM to its Java process, which shuts Keycloak down; what is left after 20 s is killed. */
    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }
}
