package io.jwtguard.demo;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The demo: the sample servlets on embedded Jetty 12, with JwtGuard registered in {@code web.xml} exactly
 * as an application would, and settings from {@code config/microprofile-config.properties} that the
 * environment overrides the MicroProfile way ({@code JWTGUARD_ISSUER}, {@code JWTGUARD_KEY}, ...).
 *
 * <p>Contract (README): port from {@code PORT} (default 8080; 0 picks a free one), on loopback unless
 * {@value #HOST} names another address; a port in use ends it with one line naming {@code PORT}; prints
 * {@value #READY} followed by the address once it serves; when JwtGuard refuses its configuration,
 * exits with status 1 after JwtGuard's own log line, which holds the self-check's message (printed once).
 */
public final class DemoServer {

    static final String READY = "JwtGuard demo listening on http://localhost:";
    /** The address to listen on instead of loopback, e.g. {@code 0.0.0.0} for every interface. */
    static final String HOST = "DEMO_HOST";
    static final String CONFIG_FILE = "config/microprofile-config.properties";
    /** Any of these is a key source: then the demo invents no key (an identity provider signs the tokens). */
    private static final String[] KEY_SETTINGS = {"jwtguard.key", "jwtguard.key.location",
            "mp.jwt.verify.publickey.location", "jwtguard.jwks.url", "jwtguard.authority"};
    private static final String NAMED_ISSUERS = "jwtguard.issuers.";

    private DemoServer() {
    }

    public static void main(String[] args) throws Exception {
        // Jetty's own start-up chatter would bury the one line that matters; JwtGuard logs through System.Logger.
        System.setProperty("org.eclipse.jetty.LEVEL", System.getProperty("org.eclipse.jetty.LEVEL", "OFF"));
        System.setProperty("java.util.logging.SimpleFormatter.format",
                System.getProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %5$s%6$s%n"));
        Path root = Path.of(System.getProperty("demo.project.root", ".")).toAbsolutePath().normalize();
        Map<String, String> env = System.getenv();
        int port = port(env.getOrDefault("PORT", "8080").trim());
        InetAddress host = host(env.getOrDefault(HOST, "").trim());

        Properties config = new Properties();
        try (InputStream in = Files.newInputStream(root.resolve(CONFIG_FILE))) {
            config.load(in);
        }
        if (!hasKey(env, config)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            System.setProperty("jwtguard.key", Base64.getUrlEncoder().withoutPadding().encodeToString(key));
            System.setProperty("jwtguard.key.encoding", "base64url");
            System.out.println("No key configured (JWTGUARD_KEY, JWTGUARD_KEY_LOCATION, JWTGUARD_JWKS_URL or JWTGUARD_AUTHORITY):"
                    + " generated a random 256-bit"
                    + " HS256 key for this run only; tokens from /login stop working when the demo restarts.");
        }

        String authority = env.getOrDefault("JWTGUARD_AUTHORITY", "").trim();
        if (!authority.isEmpty() && env.getOrDefault("JWTGUARD_ISSUER", "").isBlank()
                && System.getProperty("jwtguard.issuer") == null) {
            // The file's issuer is the demo's own: an authorization server's tokens carry its issuer URL instead.
            System.setProperty("jwtguard.issuer", authority);
            System.out.println("JWTGUARD_AUTHORITY is set: tokens are accepted from issuer " + authority);
        }
        String resource = env.getOrDefault("JWTGUARD_RESOURCE", "").trim();
        if (!resource.isEmpty() && env.getOrDefault("JWTGUARD_AUDIENCE", "").isBlank()
                && System.getProperty("jwtguard.audience") == null) {
            // The file's audience could never accept a token issued for the resource: the resource becomes it.
            System.setProperty("jwtguard.audience", resource);
            System.out.println("JWTGUARD_RESOURCE is set: tokens are accepted (and /login issues them) for audience "
                    + resource + "; the protected resource metadata is served at /.well-known/oauth-protected-resource");
        }

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host.getHostAddress());
        connector.setPort(port);
        server.addConnector(connector);
        // What a framework does for its application: a registry added to Micrometer's global one, which JwtGuard
        // reports to. Added before the application starts, so JwtGuard's meters are in it from the first request.
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Metrics.globalRegistry.add(prometheus);
        server.setHandler(webapp(root, prometheus));
        try {
            server.start();
        } catch (Exception e) {
            if (portInUse(e)) {
                System.err.println("The demo cannot listen on port " + port + " of " + host.getHostAddress()
                        + ": another program uses it. Set PORT to a free port (PORT=0 picks one).");
            } else if (!selfCheckRefused(e)) {
                System.err.println("The demo could not start: " + e);
            }
            // A refused configuration is already on stderr: JwtGuard logs its self-check's message as it refuses.
            server.stop();
            System.exit(1);
        }
        System.out.println(host.isLoopbackAddress()
                ? "Listening on " + host.getHostAddress() + " only (this machine); set " + HOST + " to an address of"
                        + " this machine, or 0.0.0.0 for every interface, to let other machines in."
                : "Listening on " + host.getHostAddress() + ", reachable from other machines (" + HOST + "); the demo's"
                        + " users and passwords are published, so keep it off networks you do not trust.");
        System.out.println(READY + connector.getLocalPort());
        server.join();
    }

    /** {@code PORT}: a number from 0 (any free port) to 65535, or the demo stops with one line saying so. */
    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        System.err.println("PORT='" + value + "' is not a port: use a number from 1 to 65535, or 0 for any free port.");
        System.exit(1);
        return -1;
    }

    /**
     * The address to listen on: loopback unless {@value #HOST} names another, because the demo's passwords are
     * published and its ready line promises {@code localhost}.
     */
    private static InetAddress host(String value) {
        if (value.isEmpty()) {
            return InetAddress.getLoopbackAddress();
        }
        try {
            return InetAddress.getByName(value);
        } catch (java.net.UnknownHostException e) {
            System.err.println(HOST + "='" + value + "' is not an address of this machine: use an IP address, a"
                    + " host name, or 0.0.0.0 for every interface.");
            System.exit(1);
            return null;
        }
    }

    /** Whether the start failed because the port (or the address) is taken: Jetty wraps the BindException. */
    static boolean portInUse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    private static WebAppContext webapp(Path root, PrometheusMeterRegistry prometheus) throws IOException {
        // The config file goes where a WAR keeps it: META-INF/ on the web application's class path.
        Path classes = Files.createTempDirectory("jwtguard-demo-classes");
        Files.createDirectories(classes.resolve("META-INF"));
        Files.copy(root.resolve(CONFIG_FILE), classes.resolve("META-INF/microprofile-config.properties"));
        classes.toFile().deleteOnExit();
        classes.resolve("META-INF").toFile().deleteOnExit();
        classes.resolve("META-INF/microprofile-config.properties").toFile().deleteOnExit();

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(root.resolve("src-it/webapp").toString());
        webapp.setExtraClasspath(classes.toString());
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        // Registered here rather than in web.xml, which the demo WAR shares with servers that have no Micrometer.
        webapp.addServlet(new ServletHolder("metrics", new MetricsServlet(prometheus)), "/metrics");
        return webapp;
    }

    private static boolean hasKey(Map<String, String> env, Properties config) {
        for (String key : KEY_SETTINGS) {
            if (!blank(env.get(envName(key))) || !blank(System.getProperty(key)) || !blank(config.getProperty(key))) {
                return true;
            }
        }
        // Issuers named in jwtguard.issuers.<name>.* bring key sources of their own.
        return env.keySet().stream().anyMatch(name -> name.startsWith(envName(NAMED_ISSUERS)))
                || config.stringPropertyNames().stream().anyMatch(name -> name.startsWith(NAMED_ISSUERS))
                || System.getProperties().stringPropertyNames().stream().anyMatch(name -> name.startsWith(NAMED_ISSUERS));
    }

    /** The environment variable MicroProfile Config reads for {@code key}. */
    private static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Whether JwtGuard's self-check refused the configuration, wherever Jetty wrapped its failure. */
    static boolean selfCheckRefused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("JwtGuard cannot start")) {
                return true;
            }
        }
        return false;
    }
}
