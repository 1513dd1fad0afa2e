package io.jwtguard.it;

import io.jwtguard.testing.CapturedLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The container's own log, where JwtGuard's lines must land: on embedded Jetty this JVM's
 * java.util.logging (captured from the moment the class loads, before the deployment), on Tomcat its
 * {@code logs/catalina.<date>.log}, on WildFly {@code standalone/log/server.log}, as Arquillian starts them.
 */
final class ContainerLog {

    private static final CapturedLog JETTY = "jetty".equals(DemoWar.container()) ? new CapturedLog() : null;
    private ContainerLog() {
    }

    /** This log as a {@link ServerLog}. */
    static ServerLog view() {
        return new ServerLog() {
            @Override
            public List<String> lines() {
                return ContainerLog.lines();
            }

            @Override
            public String where() {
                return ContainerLog.where();
            }
        };
    }

    /** Starts capturing on embedded Jetty; call it before the deployment, whose start-up lines are wanted. */
    static void start() {
        // Loading this class is what starts the capture.
    }

    /** Whether a line matching {@code wanted} appears in the container's log within the bound. */
    static boolean contains(Predicate<String> wanted) throws InterruptedException {
        return view().contains(wanted);
    }

    /** Which log is read, for assertion messages. */
    static String where() {
        return switch (DemoWar.container()) {
            case "tomcat" -> latest(Path.of(System.getProperty("tomcat.home"), "logs"), "catalina.").toString();
            case "wildfly" -> Path.of(System.getProperty("wildfly.home"), "standalone", "log", "server.log").toString();
            default -> "java.util.logging of this JVM";
        };
    }

    static List<String> lines() {
        if (JETTY != null) {
            return JETTY.lines();
        }
        try {
            return Files.readAllLines(Path.of(where()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path latest(Path dir, String prefix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .max(Comparator.comparing(f -> f.toFile().lastModified()))
                    .orElse(dir.resolve(prefix + "log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
