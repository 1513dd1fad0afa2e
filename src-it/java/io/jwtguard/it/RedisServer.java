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
    private Process process;

    private RedisServer(int port, String password, Path directory) {
        this.port = port;
        this.password = password;
        this.directory = directory;
    }

    /** Started on a free port; skips the test when there is no redis-server outside CI. */
    static RedisServer start(String password) throws IOException, InterruptedException {
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
        RedisServer redis = new RedisServer(port, password, Files.createTempDirectory("jwtguard-redis"));
        redis.start();
        return redis;
    }

    /** Starts it (again, on the same port). */
    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of(BINARY.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--requirepass", password, "--save", "", "--appendonly", "no", "--dir", directory.toString(),
                "--daemonize", "no", "--logfile", directory.resolve("redis.log").toString()))
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
        return "redis://127.0.0.1:" + port;
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
