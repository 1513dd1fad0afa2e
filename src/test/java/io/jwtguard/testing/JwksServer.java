package io.jwtguard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real JWKS and OpenID discovery server on a loopback port, for tests: serves what the test sets,
 * counts its hits, and can be slow, down or wrong on purpose. Thread-safe.
 */
public final class JwksServer implements AutoCloseable {

    /** What one path answers. */
    public record Answer(int status, String contentType, String body, String cacheControl, long delayMillis) {
        public static Answer json(String body) {
            return new Answer(200, "application/json", body, null, 0);
        }

        public Answer withCacheControl(String value) {
            return new Answer(status, contentType, body, value, delayMillis);
        }

        public Answer delayed(long millis) {
            return new Answer(status, contentType, body, cacheControl, millis);
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    /** When each request arrived, by this server's own clock (System.nanoTime). */
    public final List<Long> arrivals = new CopyOnWriteArrayList<>();

    public JwksServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "test-jwks-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public JwksServer answer(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    public JwksServer keys(String path, String... jwks) {
        return answer(path, Answer.json(set(jwks)));
    }

    public int hits(String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        arrivals.add(System.nanoTime());
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Answer answer = answers.getOrDefault(path, new Answer(404, "text/plain", "not found", null, 0));
        try {
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            }
            if (answer.cacheControl() != null) {
                exchange.getResponseHeaders().set("Cache-Control", answer.cacheControl());
            }
            if (answer.status() >= 300 && answer.status() < 400) {
                exchange.getResponseHeaders().set("Location", answer.body());
                exchange.sendResponseHeaders(answer.status(), -1);
            } else {
                exchange.sendResponseHeaders(answer.status(), body.length);
                exchange.getResponseBody().write(body);
            }
        } catch (InterruptedException | IOException e) {
            // the client gave up: exactly what the slow tests want
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // --- JWK JSON built from real keys ---

    public static String set(String... jwks) {
        return "{\"keys\":[" + String.join(",", jwks) + "]}";
    }

    public static String rsa(String kid, KeyPair keys, String... extraMembers) {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        List<String> members = new ArrayList<>(List.of("\"kty\":\"RSA\"", "\"kid\":\"" + kid + "\"",
                "\"n\":\"" + b64(key.getModulus()) + "\"", "\"e\":\"" + b64(key.getPublicExponent()) + "\""));
        Collections.addAll(members, extraMembers);
        return "{" + String.join(",", members) + "}";
    }

    public static String ec(String kid, KeyPair keys, String... extraMembers) {
        ECPublicKey key = (ECPublicKey) keys.getPublic();
        int bits = key.getParams().getCurve().getField().getFieldSize();
        int size = (bits + 7) / 8;
        List<String> members = new ArrayList<>(List.of("\"kty\":\"EC\"", "\"kid\":\"" + kid + "\"",
                "\"crv\":\"P-" + bits + "\"", "\"x\":\"" + b64(key.getW().getAffineX(), size) + "\"",
                "\"y\":\"" + b64(key.getW().getAffineY(), size) + "\""));
        Collections.addAll(members, extraMembers);
        return "{" + String.join(",", members) + "}";
    }

    public static String discovery(String issuer, String jwksUri) {
        return "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri + "\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String b64(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[size];
        int copy = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - copy, fixed, size - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
