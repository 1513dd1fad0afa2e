package io.jwtguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The independent DPoP client of {@code src-it/mcp/dpop-client.mjs} (the {@code dpop} and {@code jose} libraries on
 * Node.js), one process for a test class: it keeps the key pairs, so a token bound to a key and the proofs made with
 * that key come from the same place. One JSON request a line, one JSON answer a line. Not thread-safe.
 */
final class DpopClient implements AutoCloseable {

    /** A proof's deliberate defect, made by {@code jose} rather than by the {@code dpop} library. */
    enum Defect {
        /** Issued ten minutes ago. */
        IAT_OLD("iat-old"),
        /** Made with HMAC (HS256): a symmetric algorithm proves nothing about a key pair. */
        HS256("hs256"),
        /** Unsigned, {@code alg} {@code none}. */
        NONE("none"),
        /** The header's {@code jwk} holds the private key ({@code d}). */
        PRIVATE_JWK("private-jwk"),
        /** Signed by the key, but the header's {@code jwk} is another key's: the signature cannot verify. */
        FOREIGN_JWK("foreign-jwk");

        final String name;

        Defect(String name) {
            this.name = name;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final OutputStream in;
    private final BufferedReader out;
    private final List<String> errors = new ArrayList<>();

    private DpopClient(Process process) {
        this.process = process;
        this.in = process.getOutputStream();
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    synchronized (errors) {
                        errors.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "dpop-client-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    /** Installs the Node programs when this build has not yet, and starts the client. */
    static DpopClient start() throws IOException, InterruptedException {
        NodeClients.install();
        try {
            return new DpopClient(new ProcessBuilder("node", "dpop-client.mjs").directory(NodeClients.INSTALLED.toFile())
                    .start());
        } catch (IOException e) {
            throw new AssertionError("cannot run node (Node.js 20 is needed for the DPoP tests: apt-get install nodejs"
                    + " npm): " + e.getMessage());
        }
    }

    /** A key pair kept under {@code id}; its JWK SHA-256 thumbprint (RFC 7638), as a bound token's {@code cnf.jkt}. */
    String key(String id, String alg) throws IOException {
        return call(Map.of("op", "key", "id", id, "alg", alg)).path("jkt").asText();
    }

    /**
     * A token request with a proof made by key {@code key} under JWS algorithm {@code alg} ({@code null}: the key's
     * own), once more with the server's nonce when it asks: the status, the body, and the nonces handed out.
     */
    JsonNode token(String key, String alg, String endpoint, String client, String secret, Map<String, String> form)
            throws IOException {
        ObjectNode request = JSON.createObjectNode().put("op", "token").put("key", key).put("endpoint", endpoint)
                .put("client", client).put("secret", secret);
        request.set("form", JSON.valueToTree(form));
        if (alg != null) {
            request.put("alg", alg);
        }
        return call(request);
    }

    /** A proof by the {@code dpop} library: for {@code htm} and {@code htu}, with {@code ath} of the token. */
    String proof(String key, String htm, String htu, String accessToken) throws IOException {
        return proof(key, null, htm, htu, accessToken, null, null);
    }

    /**
     * A proof; {@code alg} ({@code null}: the key's own), {@code nonce} and {@code defect} may be {@code null}, and
     * {@code accessToken} too (then the proof has no {@code ath}).
     */
    String proof(String key, String alg, String htm, String htu, String accessToken, String nonce, Defect defect)
            throws IOException {
        ObjectNode request = JSON.createObjectNode().put("op", "proof").put("key", key).put("htm", htm).put("htu", htu);
        if (alg != null) {
            request.put("alg", alg);
        }
        if (accessToken != null) {
            request.put("accessToken", accessToken);
        }
        if (nonce != null) {
            request.put("nonce", nonce);
        }
        if (defect != null) {
            request.put("defect", defect.name);
        }
        return call(request).path("proof").asText();
    }

    private JsonNode call(Object request) throws IOException {
        in.write((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the DPoP client", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the DPoP client did not answer " + request + " within 30 s; " + stderr());
        }
        if (line == null) {
            throw new AssertionError("the DPoP client ended; " + stderr());
        }
        JsonNode answer = JSON.readTree(line);
        if (answer.has("error")) {
            throw new AssertionError("the DPoP client failed " + request + ": " + answer.get("error").asText());
        }
        return answer;
    }

    private String stderr() {
        synchronized (errors) {
            return "its error output:\n" + String.join("\n", errors);
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        in.close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
