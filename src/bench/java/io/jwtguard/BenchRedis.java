package io.jwtguard;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Redis for a benchmark: Debian's {@code /usr/bin/redis-server} on a free loopback port, without persistence,
 * started and waited for here, stopped by {@link #close()}.
 */
public final class BenchRedis implements AutoCloseable {

    private final Process server;
    private final int port;

    private BenchRedis(Process server, int port) {
        this.server = server;
        this.port = port;
    }

    public static BenchRedis start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("jwtguard-bench-redis");
        Process server = new ProcessBuilder(List.of("/usr/bin/redis-server", "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                .redirectOutput(dir.resolve("redis.log").toFile()).redirectErrorStream(true).start();
        for (int attempt = 0; attempt < 500; attempt++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return new BenchRedis(server, port);
            } catch (IOException e) {
                Thread.sleep(10);
            }
        }
        server.destroyForcibly();
        throw new IllegalStateException("redis-server did not start on " + port);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.destroyForcibly();
    }
}
