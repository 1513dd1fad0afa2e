package io.jwtguard.internal.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code /usr/bin/redis-server} on a free loopback port, no persistence, for the store's unit tests, with a
 * plain connection of the test's own to write what another application (or an attacker) would. Closing it kills
 * the server, as an outage would. Skipped when the binary is missing outside CI. Also the revocation service's
 * tests on Redis use it.
 */
public final class LocalRedis implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final Process process;
    private final int port;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private LocalRedis(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = RedisClient.create(url());
        this.connection = client.connect();
    }

    public static LocalRedis start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(BINARY + " is missing (apt-get install redis-server)");
            }
            Assumptions.abort(BINARY + " is missing; the Redis store's tests are skipped locally");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path directory = Files.createTempDirectory("jwtguard-redis-unit");
        Process process = new ProcessBuilder(BINARY.toString(), "--bind", "127.0.0.1", "--port", Integer.toString(port),
                "--save", "", "--appendonly", "no", "--dir", directory.toString(), "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answers(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("redis-server did not start: " + Files.readString(directory.resolve("stdout.log")));
            }
            Thread.sleep(20);
        }
        return new LocalRedis(process, port);
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** The test's own connection, as another client of the same Redis. */
    public RedisCommands<String, String> commands() {
        return connection.sync();
    }

    @Override
    public void close() throws InterruptedException {
        connection.close();
        client.shutdown();
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * One server for a test class ({@code @RegisterExtension static final LocalRedis.PerClass redis}): started before
     * its first test, emptied after each (what the test asked to close first), killed after the last.
     */
    public static final class PerClass implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

        private final List<AutoCloseable> opened = new ArrayList<>();
        private LocalRedis server;

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            server = start();
        }

        @Override
        public void afterEach(ExtensionContext context) throws Exception {
            reset();
        }

        /** Closes what the test opened and empties Redis: also between the rounds of one test. */
        public void reset() throws Exception {
            for (AutoCloseable closeable : opened) {
                closeable.close();
            }
            opened.clear();
            server.commands().flushall();
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            if (server != null) {
                server.close();
            }
        }

        /** Closed after the test, before Redis is emptied. */
        public <T extends AutoCloseable> T closeAfterTest(T closeable) {
            opened.add(closeable);
            return closeable;
        }

        public LocalRedis server() {
            return server;
        }

        public String url() {
            return server.url();
        }

        public RedisCommands<String, String> commands() {
            return server.commands();
        }
    }
}
