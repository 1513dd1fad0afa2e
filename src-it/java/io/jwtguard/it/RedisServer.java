package io.jwtguard.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Redis: Debian's {@code redis-server}, on a loopback port, with a password and no persistence, so that a
 * restart comes back empty (the hardest case for the instances' replicas). {@code .ci/run} installs it; a local
 * run without it skips the tests that need it, and with {@code CI=true} a missing one fails.
 */
final class RedisServer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final int port;
    private final String password;
    private final Path directory;
    /** TLS only (no plain port) with this certificate when set: {@code rediss://localhost}. */
    private final boolean tls;
    private Process process;

    private RedisServer(int port, String password, Path directory, boolean tls) {
        this.port = port;
        this.password = password;
        this.directory = directory;
        this.tls = tls;
    }

    /** Started on a free port; skips the test when there is no redis-server outside CI. */
    static RedisServer start(String password) throws IOException, InterruptedException {
        return start(password, false);
    }

    /**
     * Answering TLS only, with a self-signed certificate for {@code localhost} made here with {@code openssl};
     * {@link #trustStore()} is a PKCS#12 trust store holding it, for the client JVM.
     */
    static RedisServer startTls(String password) throws IOException, InterruptedException {
        return start(password, true);
    }

    private static RedisServer start(String password, boolean tls) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(BINARY + " is missing: .ci/run installs it (apt-get install redis-server)");
            }
            Assumptions.abort(BINARY + " is missing (apt-get install redis-server); the Redis tests are skipped locally");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisServer redis = new RedisServer(port, password, Files.createTempDirectory("jwtguard-redis"), tls);
        if (tls) {
            redis.makeCertificate();
        }
        redis.start();
        return redis;
    }

    /** Starts it (again, on the same port). */
    void start() throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(BINARY.toString(), "--bind", "127.0.0.1",
                "--requirepass", password, "--save", "", "--appendonly", "no", "--dir", directory.toString(),
                "--daemonize", "no", "--logfile", directory.resolve("redis.log").toString()));
        if (tls) {
            command.addAll(List.of("--port", "0", "--tls-port", Integer.toString(port),
                    "--tls-cert-file", directory.resolve("redis.crt").toString(),
                    "--tls-key-file", directory.resolve("redis.key").toString(),
                    "--tls-ca-cert-file", directory.resolve("redis.crt").toString(), "--tls-auth-clients", "no"));
        } else {
            command.addAll(List.of("--port", Integer.toString(port)));
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start: " + Files.readString(directory.resolve("stdout.log")));
            }
            Thread.sleep(20);
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops it the hard way (SIGKILL): connections drop, nothing is saved. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String url() {
        return tls ? "rediss://localhost:" + port : "redis://127.0.0.1:" + port;
    }

    Path trustStore() {
        return directory.resolve("trust.p12");
    }

    private void makeCertificate() throws IOException, InterruptedException {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", directory.resolve("redis.key").toString(), "-out", directory.resolve("redis.crt").toString());
        run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert", "-noprompt",
                "-alias", "redis", "-file", directory.resolve("redis.crt").toString(), "-keystore",
                trustStore().toString(), "-storetype", "PKCS12", "-storepass", "changeit");
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tool.getInputStream().readAllBytes());
        if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    String version() throws IOException, InterruptedException {
        Process v = new ProcessBuilder(BINARY.toString(), "--version").redirectErrorStream(true).start();
        String text = new String(v.getInputStream().readAllBytes()).trim();
        v.waitFor(5, TimeUnit.SECONDS);
        return text;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
