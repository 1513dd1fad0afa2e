package io.jwtguard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A server's real distribution from Maven Central, run the way its users run it: WARs copied into its
 * deployment folder (or named on its command line), the server started by its own script on a loopback port
 * with JwtGuard's settings in the environment, its console output read as its log. Waiting for it to finish
 * deploying is bounded; a hang, not a speed, is what the bound catches. Not thread-safe.
 */
abstract class StockServer {

    private static final Duration START_BOUND = Duration.ofMinutes(3);
    private static final Path STAGING = DemoWar.ROOT.resolve("target/stock-servers");

    private final String id;
    private final String label;
    final int port;
    private final Map<String, Path> wars = new LinkedHashMap<>();
    private Process process;
    private Path output;

    StockServer(String id, String label, int port) {
        this.id = id;
        this.label = label;
        this.port = port;
    }

    /** What the server is, for the printed lines: "Tomcat 10.1". */
    String label() {
        return label;
    }

    /** Adds a WAR, served under {@code /context/} once the server has started. */
    void deploy(String context, WebArchive war) {
        Path file = STAGING.resolve(id).resolve(context + ".war");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        wars.put(context, file);
    }

    /** Adds a WAR file as built elsewhere (the sample WAR of {@code mvn package}). */
    void deploy(String context, Path war) {
        Path file = STAGING.resolve(id).resolve(context + ".war");
        try {
            Files.createDirectories(file.getParent());
            Files.copy(war, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        wars.put(context, file);
    }

    /** Starts the server with {@code environment} added to this JVM's (less its JWTGUARD_ variables). */
    void start(Map<String, String> environment) throws Exception {
        prepare();
        for (Map.Entry<String, Path> war : wars.entrySet()) {
            install(war.getKey(), war.getValue());
        }
        output = STAGING.resolve(id).resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder(command(List.copyOf(wars.values()))).directory(workingDirectory()
                .toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("JWTGUARD_"));
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
        Instant deadline = Instant.now().plus(START_BOUND);
        while (!finishedDeploying(log().lines())) {
            if (!process.isAlive()) {
                throw new AssertionError(label + " exited (" + process.exitValue() + "); see " + output);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(label + " did not finish deploying within " + START_BOUND + "; see " + output);
            }
            Thread.sleep(250);
        }
        System.out.println("Started " + label + ": " + log().lines().stream().filter(line -> line.contains(versionLine()))
                .map(String::strip).findFirst().orElse("(no version line in " + output + ")"));
    }

    /** What the line of the server's log that names its version contains. */
    abstract String versionLine();

    String url(String context) {
        return "http://127.0.0.1:" + port + "/" + context + "/";
    }

    /** The server's console output since it started. */
    ServerLog log() {
        Path file = output;
        return new ServerLog() {
            @Override
            public List<String> lines() {
                try {
                    return file == null || !Files.exists(file) ? List.of()
                            : List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\\R"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public String where() {
                return String.valueOf(file);
            }
        };
    }

    /** Stops the server and takes its WARs away. */
    void stop() throws Exception {
        if (process != null) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            children.forEach(ProcessHandle::destroy);
            process.waitFor(60, TimeUnit.SECONDS);
            for (ProcessHandle child : children) {
                child.onExit().get(60, TimeUnit.SECONDS);
            }
        }
        for (String context : wars.keySet()) {
            uninstall(context);
        }
    }

    /** Gets the server's folders ready before the WARs are installed. */
    void prepare() throws Exception {
    }

    /** Puts a WAR where the server deploys it from. */
    abstract void install(String context, Path war) throws IOException;

    /** Takes a WAR and what the server made of it away again, so that the next run starts clean. */
    abstract void uninstall(String context) throws IOException;

    abstract Path workingDirectory();

    abstract List<String> command(List<Path> wars);

    /** Whether every WAR has been deployed or has failed to, judged from the log. */
    abstract boolean finishedDeploying(List<String> log);

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

    /** Tomcat 10.1 or 11: {@code webapps/}, {@code bin/catalina.sh run}, the port of the project's server.xml. */
    static StockServer tomcat(String label, Path home, int port) {
        return new StockServer("tomcat-" + home.getFileName(), label, port) {
            @Override
            void install(String context, Path war) throws IOException {
                uninstall(context);
                Files.createDirectories(home.resolve("webapps"));
                Files.copy(war, home.resolve("webapps").resolve(context + ".war"), StandardCopyOption.REPLACE_EXISTING);
            }

            @Override
            void uninstall(String context) throws IOException {
                Files.deleteIfExists(home.resolve("webapps").resolve(context + ".war"));
                delete(home.resolve("webapps").resolve(context));
                delete(home.resolve("work/Catalina/localhost").resolve(context));
            }

            @Override
            Path workingDirectory() {
                return home;
            }

            @Override
            List<String> command(List<Path> wars) {
                // The zip keeps no execute bits: run the script through bash.
                return List.of("bash", "bin/catalina.sh", "run");
            }

            @Override
            String versionLine() {
                return "Server version name";
            }

            @Override
            boolean finishedDeploying(List<String> log) {
                return log.stream().anyMatch(line -> line.contains("Server startup in"));
            }
        };
    }

    /** Jetty 12 standalone: a fresh {@code jetty.base} with the environment's deploy and annotation modules. */
    static StockServer jetty(String label, Path home, String environment, int port) {
        Path base = STAGING.resolve("jetty-base-" + environment);
        return new StockServer("jetty-" + environment, label, port) {
            @Override
            void prepare() throws Exception {
                delete(base);
                Files.createDirectories(base);
                Process setUp = new ProcessBuilder(java(), "-jar", home.resolve("start.jar").toString(),
                        "--add-modules=http," + environment + "-deploy," + environment + "-annotations,"
                                // Jetty's Jakarta Authentication, which container identity mode needs (README).
                                + environment + "-jaspi-default-auth-config-factory," + environment + "-jaspi")
                        .directory(base.toFile()).redirectErrorStream(true)
                        .redirectOutput(base.resolveSibling("jetty-base-" + environment + ".log").toFile()).start();
                if (!setUp.waitFor(2, TimeUnit.MINUTES) || setUp.exitValue() != 0) {
                    throw new AssertionError("jetty.base set-up failed; see jetty-base-" + environment + ".log");
                }
            }

            @Override
            void install(String context, Path war) throws IOException {
                Files.copy(war, base.resolve("webapps").resolve(context + ".war"), StandardCopyOption.REPLACE_EXISTING);
            }

            @Override
            void uninstall(String context) {
                // The whole jetty.base is made anew by the next run.
            }

            @Override
            Path workingDirectory() {
                return base;
            }

            @Override
            List<String> command(List<Path> wars) {
                return List.of(java(), "-jar", home.resolve("start.jar").toString(), "jetty.http.port=" + port,
                        "jetty.http.host=127.0.0.1");
            }

            @Override
            String versionLine() {
                return "Started oejs.Server@";
            }

            @Override
            boolean finishedDeploying(List<String> log) {
                return log.stream().anyMatch(line -> line.contains("Started oejs.Server@"));
            }
        };
    }

    /** WildFly: {@code standalone/deployments/}, {@code bin/standalone.sh} with a port offset. */
    static StockServer wildfly(String label, Path home, int portOffset) {
        Path deployments = home.resolve("standalone/deployments");
        return new StockServer("wildfly", label, 8080 + portOffset) {
            @Override
            void install(String context, Path war) throws IOException {
                uninstall(context);
                Files.copy(war, deployments.resolve(context + ".war"), StandardCopyOption.REPLACE_EXISTING);
            }

            @Override
            void uninstall(String context) throws IOException {
                Files.deleteIfExists(deployments.resolve(context + ".war"));
                // The deployment scanner leaves marker files beside the WAR.
                for (String marker : List.of(".deployed", ".failed", ".isdeploying", ".pending", ".undeployed")) {
                    Files.deleteIfExists(deployments.resolve(context + ".war" + marker));
                }
            }

            @Override
            Path workingDirectory() {
                return home;
            }

            @Override
            List<String> command(List<Path> wars) {
                return List.of("bash", "bin/standalone.sh", "-Djboss.socket.binding.port-offset=" + portOffset,
                        "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1");
            }

            @Override
            String versionLine() {
                return "WFLYSRV0049";
            }

            @Override
            boolean finishedDeploying(List<String> log) {
                // WFLYSRV0025: started; WFLYSRV0026: started with some deployments failed.
                return log.stream().anyMatch(line -> line.contains("WFLYSRV0025") || line.contains("WFLYSRV0026"));
            }
        };
    }

    /** Payara Micro: one jar, the WARs named with {@code --deploy}, each under its file name. */
    static StockServer payaraMicro(String id, String label, Path jar, int port) {
        Path root = STAGING.resolve(id + "-root");
        return new StockServer(id, label, port) {
            @Override
            void prepare() throws IOException {
                delete(root);
            }

            @Override
            void install(String context, Path war) {
                // Named on the command line.
            }

            @Override
            void uninstall(String context) {
                // Nothing was copied; the root directory is made anew by the next run.
            }

            @Override
            Path workingDirectory() {
                return STAGING;
            }

            @Override
            List<String> command(List<Path> wars) {
                List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString(), "--nocluster",
                        "--port", String.valueOf(port), "--rootdir", root.toString()));
                for (Path war : wars) {
                    command.add("--deploy");
                    command.add(war.toString());
                }
                return command;
            }

            @Override
            String versionLine() {
                return "ready in";
            }

            @Override
            boolean finishedDeploying(List<String> log) {
                return log.stream().anyMatch(line -> line.contains("Payara Micro") && line.contains("ready in"));
            }
        };
    }

    /**
     * GlassFish 7: a fresh copy of the distribution's {@code domain1} on this port, WARs in its
     * {@code autodeploy/}, {@code asadmin start-domain --verbose}; deploying is done when every WAR has its
     * {@code _deployed} or {@code _deployFailed} marker.
     */
    static StockServer glassfish(String label, Path home, int port, int adminPort) {
        Path domains = home.resolve("glassfish/domains");
        Path domain = domains.resolve("jwtguard");
        Path autodeploy = domain.resolve("autodeploy");
        return new StockServer("glassfish", label, port) {
            private final List<String> contexts = new ArrayList<>();

            @Override
            void prepare() throws IOException {
                delete(domain);
                try (Stream<Path> files = Files.walk(domains.resolve("domain1"))) {
                    for (Path from : files.toList()) {
                        Path to = domain.resolve(domains.resolve("domain1").relativize(from).toString());
                        if (Files.isDirectory(from)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(from, to);
                        }
                    }
                }
                Path config = domain.resolve("config/domain.xml");
                String xml = Files.readString(config, StandardCharsets.UTF_8);
                xml = replacePort(xml, "http-listener-1", port);
                xml = replacePort(xml, "http-listener-2", port + 1);
                xml = replacePort(xml, "admin-listener", adminPort);
                Files.writeString(config, xml, StandardCharsets.UTF_8);
                Files.createDirectories(autodeploy);
            }

            private String replacePort(String xml, String listener, int newPort) {
                Matcher tags = Pattern.compile("<network-listener [^>]*name=\"" + listener + "\"[^>]*>").matcher(xml);
                StringBuilder result = new StringBuilder();
                while (tags.find()) {
                    tags.appendReplacement(result, Matcher.quoteReplacement(
                            tags.group().replaceFirst("port=\"\\d+\"", "port=\"" + newPort + "\"")));
                }
                tags.appendTail(result);
                return result.toString();
            }

            @Override
            void install(String context, Path war) throws IOException {
                contexts.add(context);
                Files.copy(war, autodeploy.resolve(context + ".war"), StandardCopyOption.REPLACE_EXISTING);
            }

            @Override
            void uninstall(String context) {
                // The whole domain is copied anew by the next run.
            }

            @Override
            Path workingDirectory() {
                return home;
            }

            @Override
            List<String> command(List<Path> wars) {
                return List.of("bash", "bin/asadmin", "start-domain", "--verbose", "jwtguard");
            }

            @Override
            String versionLine() {
                return "startup time";
            }

            @Override
            boolean finishedDeploying(List<String> log) {
                return contexts.stream().allMatch(context -> Files.exists(autodeploy.resolve(context + ".war_deployed"))
                        || Files.exists(autodeploy.resolve(context + ".war_deployFailed")));
            }
        };
    }
}
