package io.jwtguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One page of a headless Chromium, driven over its DevTools protocol (a WebSocket on loopback): navigate, run a
 * script in the page, wait for what the page shows, take a screenshot. Only what the console test needs.
 */
final class ChromiumPage implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process browser;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private ChromiumPage(Process browser, WebSocket socket) {
        this.browser = browser;
        this.socket = socket;
    }

    /** Debian's headless Chromium, or the one {@code -Djwtguard.chromium} names. */
    static String chromium() {
        return System.getProperty("jwtguard.chromium", "/usr/bin/chromium");
    }

    /** In CI a missing Chromium fails the run (.ci/run installs it); elsewhere the browser tests are skipped. */
    static void requireChromium() {
        boolean present = java.nio.file.Files.isExecutable(java.nio.file.Path.of(chromium()));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("Chromium is missing at " + chromium() + "; .ci/run installs Debian's chromium");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(present, "no Chromium at " + chromium()
                + " (apt-get install chromium); skipped locally");
    }

    static ChromiumPage open(String chromium) throws Exception {
        Path profile = Files.createTempDirectory("jwtguard-chromium");
        Process browser = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--window-size=1280,1400",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            Path activePort = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(activePort) || Files.readAllLines(activePort).isEmpty()) {
                if (System.nanoTime() > deadline || !browser.isAlive()) {
                    throw new AssertionError("Chromium did not open its DevTools port:\n"
                            + Files.readString(profile.resolve("chromium.log")));
                }
                Thread.sleep(100);
            }
            String port = Files.readAllLines(activePort).get(0).trim();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            JsonNode targets = JSON.readTree(client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String target = null;
            for (JsonNode t : targets) {
                if ("page".equals(t.path("type").asText())) {
                    target = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (target == null) {
                throw new AssertionError("Chromium has no page: " + targets);
            }
            Messages messages = new Messages();
            WebSocket socket = client.newWebSocketBuilder().buildAsync(URI.create(target), messages)
                    .get(10, TimeUnit.SECONDS);
            ChromiumPage page = new ChromiumPage(browser, socket);
            messages.page = page;
            return page;
        } catch (Exception | AssertionError e) {
            browser.destroyForcibly();
            throw e;
        }
    }

    /** Collects a message's frames and hands each whole answer to the command that waits for it. */
    private static final class Messages implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private volatile ChromiumPage page;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    CompletableFuture<JsonNode> waiting = message.has("id") && page != null
                            ? page.pending.remove(message.path("id").asInt()) : null;
                    if (waiting != null) {
                        waiting.complete(message);
                    }
                } catch (IOException e) {
                    // Not JSON: not an answer this page waits for.
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    /** Sends one DevTools command and waits for its result (at most 30 s). */
    JsonNode command(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        JsonNode result = answer.get(30, TimeUnit.SECONDS);
        if (result.has("error")) {
            throw new AssertionError(method + " failed: " + result.path("error"));
        }
        return result.path("result");
    }

    void navigate(String url) throws Exception {
        command("Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /** The value of a script expression in the page (awaited when it is a promise). */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = command("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("the page threw: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits, at most 30 s, until {@code expression} is true in the page; fails with what the page shows. */
    void awaitTrue(String expression, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!evaluate("Boolean(" + expression + ")").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page never showed " + what + "; it shows:\n"
                        + evaluate("document.body ? document.body.innerText : ''").asText());
            }
            Thread.sleep(200);
        }
    }

    /** The whole page as a PNG. */
    byte[] screenshot() throws Exception {
        JsonNode shot = command("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
                .put("captureBeyondViewport", true));
        return Base64.getDecoder().decode(shot.path("data").asText());
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        browser.destroyForcibly();
        browser.waitFor(10, TimeUnit.SECONDS);
    }
}
