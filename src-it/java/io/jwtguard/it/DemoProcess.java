package io.jwtguard.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo as users run it: a JVM of its own, configured by the environment only (any {@code JWTGUARD_*} and
 * {@code PORT} and {@code DEMO_HOST} of the test's environment removed first), its output read line by line by a thread of its own.
 */
final class DemoProcess implements AutoCloseable {

    static final String READY = "JwtGuard demo listening on http://localhost:";
    private static final String END = "\u0000end of output";

    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private DemoProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            } finally {
                lines.add(END);
            }
        }, "demo-output");
        reader.setDaemon(true);
        reader.start();
    }

    static DemoProcess start(Map<String, String> environment) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddemo.project.root=" + DemoWar.ROOT, "-cp", classPath, "io.jwtguard.demo.DemoServer")
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("JWTGUARD_") || name.equals("PORT")
                || name.equals("DEMO_HOST"));
        builder.environment().putAll(environment);
        return new DemoProcess(builder.start());
    }

    /**
     * The demo started by the README's own command ({@code mvn -Pdemo}, read from the README) in the project, as a
     * user starts it: Maven compiles what is not compiled yet and runs the demo. Offline when this build is.
     */
    static DemoProcess startWithReadmeCommand(Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(readmeCommand());
        if ("offline=true".equals(System.getProperty("jwtguard.maven.session"))) {
            command.add("--offline");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(DemoWar.ROOT.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("JWTGUARD_") || name.equals("PORT")
                || name.equals("DEMO_HOST"));
        builder.environment().putAll(environment);
        return new DemoProcess(builder.start());
    }

    /** The README's command that runs the demo: the line of its "Try the demo" block that starts {@code mvn -Pdemo}. */
    static List<String> readmeCommand() {
        Matcher line = Pattern.compile("(?m)^(mvn -Pdemo)\\s").matcher(DemoWar.read("README.md"));
        if (!line.find()) {
            throw new AssertionError("README.md has no line starting 'mvn -Pdemo'");
        }
        return List.of(line.group(1).split(" "));
    }

    Process process() {
        return process;
    }

    /** The base URL once the ready line is printed; fails with the output when it never is. */
    String awaitReady() throws InterruptedException {
        String ready = awaitLine(READY);
        if (ready == null) {
            throw new AssertionError("the demo ended without its ready line:\n" + String.join("\n", lines()));
        }
        return "http://localhost:" + ready.substring(READY.length()) + "/";
    }

    /** The first line starting with {@code prefix}, or {@code null} once the output ends; at most 60 s. */
    String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no line starting with '" + prefix + "' within 60 s; output so far:\n"
                        + String.join("\n", lines()));
            }
            if (line.equals(END)) {
                lines.add(END);
                return null;
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /**
     * Waits, at most 10 s, until some output line contains {@code text}: the demo writes its log line before it
     * answers, but the line reaches this test through a pipe and a reader thread, after the answer may have.
     */
    void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && lines().stream().noneMatch(line -> line.contains(text))) {
            Thread.sleep(50);
        }
    }

    /** The output so far, copied: the reader thread keeps adding while a test looks. */
    List<String> lines() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
