package io.jwtguard.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Node.js programs of {@code src-it/mcp} (the official MCP TypeScript SDK's client, a real authorization server),
 * installed once per build with {@code npm ci} from their lock file into {@code target/mcp-node}. A machine without
 * Node.js and npm fails the tests that need them, naming what is missing, rather than skipping them.
 */
final class NodeClients {

    static final Path SOURCES = DemoWar.ROOT.resolve("src-it/mcp");
    static final Path INSTALLED = DemoWar.ROOT.resolve("target/mcp-node");

    private NodeClients() {
    }

    /** Copies the programs and installs their packages, unless this build did already. */
    static synchronized Path install() throws IOException, InterruptedException {
        Files.createDirectories(INSTALLED);
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.toList()) {
                Files.copy(file, INSTALLED.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // Installed already when the lock file it was installed from is the one in the sources.
        Path lock = SOURCES.resolve("package-lock.json");
        Path installedFrom = INSTALLED.resolve("node_modules/.installed-from-package-lock.json");
        if (!Files.exists(installedFrom) || Files.mismatch(lock, installedFrom) != -1) {
            Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            if (npm.exit() != 0) {
                throw new AssertionError("npm ci in " + INSTALLED + " failed:\n" + String.join("\n", npm.lines()));
            }
            Files.copy(lock, installedFrom, StandardCopyOption.REPLACE_EXISTING);
        }
        return INSTALLED;
    }

    /** What a program printed, and how it ended. */
    record Result(int exit, List<String> lines) {
    }

    /** Runs a command in the installed directory to its end, at most {@code seconds}; its output and exit code. */
    static Result run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(INSTALLED.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + " (Node.js 20 and npm are needed for the MCP"
                    + " tests: apt-get install nodejs npm): " + e.getMessage());
        }
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "node-output");
        reader.start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join(5_000);
            throw new AssertionError(command + " did not end within " + seconds + " s:\n" + String.join("\n", lines));
        }
        reader.join(5_000);
        synchronized (lines) {
            return new Result(process.exitValue(), List.copyOf(lines));
        }
    }

    /** A program that serves until closed, started once it printed {@code ready <url>}. */
    static final class Server implements AutoCloseable {

        private final Process process;
        private final String url;

        private Server(Process process, String url) {
            this.process = process;
            this.url = url;
        }

        static Server start(List<String> command) throws IOException {
            Process process = new ProcessBuilder(command).directory(INSTALLED.toFile()).redirectErrorStream(true).start();
            BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> before = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("ready ")) {
                    Thread drain = new Thread(() -> {
                        try {
                            while (in.readLine() != null) {
                                // keeps the pipe from filling; the server's warnings are not the test's subject
                            }
                        } catch (IOException e) {
                            // the process ended
                        }
                    }, "node-server-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new Server(process, line.substring("ready ".length()).trim());
                }
                before.add(line);
            }
            throw new AssertionError(command + " ended before it was ready:\n" + String.join("\n", before));
        }

        String url() {
            return url;
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
