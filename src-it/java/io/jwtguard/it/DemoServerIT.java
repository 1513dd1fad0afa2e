package io.jwtguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.algorithms.Algorithm;
import io.jwtguard.testing.JwksServer;
import io.jwtguard.testing.TestKeys;
import io.jwtguard.testing.Tokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The demo's contract as users script it (README): a separate JVM, {@code PORT}, the ready line, a login
 * that issues tokens, the environment overriding {@code config/}, and a clear exit on bad configuration.
 */
class DemoServerIT {

    private static final String READY = DemoProcess.READY;

    private DemoProcess demo;
    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (demo != null) {
            demo.close();
        }
    }

    private Process start(Map<String, String> environment) throws IOException {
        demo = DemoProcess.start(environment);
        process = demo.process();
        return process;
    }

    private void awaitOutput(String text) throws InterruptedException {
        demo.awaitOutput(text);
    }

    private List<String> lines() {
        return demo.lines();
    }

    private String awaitLine(String prefix) throws InterruptedException {
        return demo.awaitLine(prefix);
    }

    @Test
    void demoPrintsItsReadyLineIssuesTokensAndHonoursTheEnvironment() throws Exception {
        start(Map.of("PORT", "0", "JWTGUARD_DIAGNOSTICS", "development",
                "JWTGUARD_CORS_ALLOWED_ORIGINS", "http://localhost:5173"));

        String ready = awaitLine(READY);

        assertThat(ready).as(String.join("\n", lines())).isNotNull().matches("JwtGuard demo listening on http://localhost:\\d+");
        String base = "http://localhost:" + ready.substring(READY.length()) + "/";
        assertThat(lines()).anySatisfy(line -> assertThat(line).contains("generated a random 256-bit HS256 key"));

        HttpResponse<String> login = Http.send(Http.request(base, "login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice-password")));
        assertThat(login.statusCode()).isEqualTo(200);
        String token = Http.json(login).path("access_token").asText();

        HttpResponse<String> me = Http.get(base, "api/me", token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(Http.json(me).path("name").asText()).isEqualTo("alice");

        // JWTGUARD_DIAGNOSTICS=development overrides config/: refusals now name the expected roles.
        HttpResponse<String> admin = Http.get(base, "api/admin", token);
        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(Http.challenge(admin)).contains("required any of [Admin]");

        // The start-up rule table and a line per refusal are what the demo is there to show.
        String correlationId = Http.json(admin).path("correlationId").asText();
        awaitOutput("403 insufficient_role correlationId=" + correlationId);
        assertThat(lines()).as(String.join("\n", lines()))
                .anySatisfy(line -> assertThat(line).contains("JwtGuard rules for the root context:"))
                .anySatisfy(line -> assertThat(line).contains("login [/login]:").endsWith("anonymous"))
                .anySatisfy(line -> assertThat(line).contains("403 insufficient_role correlationId=" + correlationId));

        // JWTGUARD_CORS_ALLOWED_ORIGINS switches CORS on: a preflight from that origin passes without a token.
        HttpResponse<String> preflight = Http.send(Http.request(base, "api/me")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "authorization"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:5173");

        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        assertThat(lines()).as("the log never holds a whole token").noneSatisfy(line -> assertThat(line).contains(token));
    }

    /**
     * The value of the Prometheus sample {@code name} whose labels include {@code labels}, from a {@code /metrics}
     * page; 0 when there is none yet.
     */
    private static double sample(String page, String name, Map<String, String> labels) {
        double total = 0;
        for (String line : page.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            String labelText = line.substring(name.length() + 1, line.lastIndexOf('}'));
            Map<String, String> found = new java.util.HashMap<>();
            java.util.regex.Matcher label = java.util.regex.Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"")
                    .matcher(labelText);
            while (label.find()) {
                found.put(label.group(1), label.group(2));
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private static Map<String, String> refused(String reason, String stage) {
        return Map.of("result", "refused", "reason", reason, "stage", stage);
    }

    @Test
    void metricsPageCountsEachRefusalByItsReasonAndEachAcceptance() throws Exception {
        start(Map.of("PORT", "0", "JWTGUARD_KEY", Tokens.DEMO_SECRET));
        String ready = awaitLine(READY);
        assertThat(ready).as(String.join("\n", lines())).isNotNull();
        String base = "http://localhost:" + ready.substring(READY.length()) + "/";
        java.time.Instant now = java.time.Instant.now();
        String alice = Tokens.demo("alice", "User").sign(Tokens.demoHs256());
        String expired = Tokens.demo("alice", "User").withIssuedAt(now.minus(java.time.Duration.ofHours(2)))
                .withExpiresAt(now.minus(java.time.Duration.ofHours(1))).sign(Tokens.demoHs256());

        HttpResponse<String> before = Http.get(base, "metrics", null);
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        assertThat(before.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain").contains("version=0.0.4"));

        assertThat(Http.reason(Http.get(base, "api/me", null))).isEqualTo("missing_token");
        assertThat(Http.reason(Http.get(base, "api/me", expired))).isEqualTo("token_expired");
        assertThat(Http.reason(Http.get(base, "api/admin", alice))).isEqualTo("insufficient_role");
        assertThat(Http.get(base, "api/me", alice).statusCode()).isEqualTo(200);

        String after = Http.get(base, "metrics", null).body();
        String page = before.body();
        String requests = "jwtguard_requests_total";
        assertThat(sample(after, requests, refused("missing_token", "authentication"))
                - sample(page, requests, refused("missing_token", "authentication"))).as(after).isEqualTo(1);
        assertThat(sample(after, requests, refused("token_expired", "authentication"))
                - sample(page, requests, refused("token_expired", "authentication"))).isEqualTo(1);
        assertThat(sample(after, requests, refused("insufficient_role", "authorization"))
                - sample(page, requests, refused("insufficient_role", "authorization"))).isEqualTo(1);
        // The acceptance, and the second scrape itself: /metrics is a request JwtGuard lets through too.
        Map<String, String> allowed = Map.of("result", "allowed", "reason", "none");
        assertThat(sample(after, requests, allowed) - sample(page, requests, allowed)).isEqualTo(2);
        // Reasons never seen are there at 0, so a rate over them needs no absent-series handling.
        assertThat(after).contains(requests + "{").contains("reason=\"invalid_signature\"");
        assertThat(sample(after, "jwtguard_authentication_duration_seconds_count", Map.of("result", "failure"))
                - sample(page, "jwtguard_authentication_duration_seconds_count", Map.of("result", "failure")))
                .isEqualTo(1);
        assertThat(sample(after, "jwtguard_token_cache_gets_total", Map.of("result", "miss"))).as(after).isPositive();
        // Only fixed values as labels: never a subject, a path or a token.
        assertThat(after).doesNotContain("alice").doesNotContain("/api/").doesNotContain(alice)
                .doesNotContain(expired.substring(expired.lastIndexOf('.') + 1));
    }

    /** Every address of this machine that is not loopback (what {@code hostname -I} lists). */
    private static List<InetAddress> otherAddresses() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                Collections.list(network.getInetAddresses()).stream()
                        .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                        .forEach(addresses::add);
            }
        }
        return addresses;
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void demoListensOnLoopbackOnlyUnlessDemoHostSaysOtherwise() throws Exception {
        start(Map.of("PORT", "0"));
        String ready = awaitLine(READY);
        assertThat(ready).as(String.join("\n", lines())).isNotNull();
        int port = Integer.parseInt(ready.substring(READY.length()));

        assertThat(lines()).anySatisfy(line -> assertThat(line).startsWith("Listening on 127.0.0.1 only").contains("DEMO_HOST"));
        assertThat(accepts(InetAddress.getLoopbackAddress(), port)).isTrue();
        for (InetAddress other : otherAddresses()) {
            assertThat(accepts(other, port)).as("the demo is reachable on " + other.getHostAddress()).isFalse();
        }
        demo.close();

        List<InetAddress> others = otherAddresses().stream().filter(a -> a instanceof java.net.Inet4Address).toList();
        if (!others.isEmpty()) {
            start(Map.of("PORT", "0", "DEMO_HOST", "0.0.0.0"));
            String open = awaitLine(READY);
            assertThat(open).as(String.join("\n", lines())).isNotNull();
            assertThat(accepts(others.get(0), Integer.parseInt(open.substring(READY.length())))).isTrue();
            assertThat(lines()).anySatisfy(line -> assertThat(line).contains("reachable from other machines"));
        }
    }

    @Test
    void aPortInUseEndsTheDemoWithOneLineNamingPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            start(Map.of("PORT", Integer.toString(taken.getLocalPort())));

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(awaitLine("\u0000never")).isNull();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(lines()).as(String.join("\n", lines()))
                    .contains("The demo cannot listen on port " + taken.getLocalPort() + " of 127.0.0.1: another program"
                            + " uses it. Set PORT to a free port (PORT=0 picks one).")
                    .noneSatisfy(line -> assertThat(line).containsAnyOf("Exception", "\tat "));
        }
    }

    @Test
    void demoWithABadConfigurationPrintsTheSelfCheckAndExitsNonZero() throws Exception {
        start(Map.of("PORT", "0", "JWTGUARD_KEY", "too-short", "JWTGUARD_CLOCK_SKEW", "10m"));

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(awaitLine("\u0000never")).isNull();
        assertThat(process.exitValue()).isEqualTo(1);
        String all = String.join("\n", lines());
        // Refused by the deploy-time self-check (the ServletContainerInitializer), before any filter init.
        assertThat(all).contains("Filter 'JwtGuard': JwtGuard cannot start: 2 configuration problems",
                "jwtguard.key: the HMAC secret is 9 bytes but HS256 needs at least 32",
                "jwtguard.clock-skew: is 600s, over the 300s limit")
                .doesNotContain("too-short")
                .doesNotContain(READY);
    }

    /**
     * The README's own command with a bad setting: the problem printed once (JwtGuard's log line; the demo does not
     * say it again), no stack trace of Maven's or of its exec plugin, and a status that is not 0.
     */
    @Test
    void theReadmesCommandWithABadSettingPrintsTheProblemOnceWithoutAStackTrace() throws Exception {
        demo = DemoProcess.startWithReadmeCommand(Map.of("PORT", "0", "JWTGUARD_CLOCK_SKEW", "forever"));
        process = demo.process();

        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("mvn -Pdemo ended").isTrue();
        assertThat(awaitLine("\u0000never")).isNull();
        String all = String.join("\n", lines());
        assertThat(process.exitValue()).as(all).isNotZero();
        assertThat(occurrences(all, "jwtguard.clock-skew: 'forever' is not a duration")).as(all).isEqualTo(1);
        assertThat(occurrences(all, "JwtGuard cannot start")).as(all).isEqualTo(1);
        assertThat(lines()).as(all)
                .noneSatisfy(line -> assertThat(line).containsAnyOf("ExecuteException", "\tat "))
                .noneSatisfy(line -> assertThat(line.strip()).startsWith("at org.apache.maven"))
                .noneSatisfy(line -> assertThat(line.strip()).startsWith("at org.codehaus"))
                .noneSatisfy(line -> assertThat(line).startsWith(READY));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    @Test
    void demoPointedAtAnIdentityProviderVerifiesItsTokensAndSaysWhyItCannotIssueAny() throws Exception {
        KeyPair provider = TestKeys.rsa(2048);
        try (JwksServer jwks = new JwksServer()) {
            jwks.keys("/jwks", JwksServer.rsa("idp-1", provider));
            start(Map.of("PORT", "0", "JWTGUARD_JWKS_URL", jwks.uri("/jwks").toString(),
                    "JWTGUARD_ISSUER", "https://idp.demo.test"));

            String ready = awaitLine(READY);

            assertThat(ready).as(String.join("\n", lines())).isNotNull();
            assertThat(lines()).noneSatisfy(line -> assertThat(line).contains("generated a random"));
            String base = "http://localhost:" + ready.substring(READY.length()) + "/";
            HttpResponse<String> login = Http.send(Http.request(base, "login")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice-password")));
            assertThat(login.statusCode()).isEqualTo(503);
            assertThat(Http.json(login).path("error_description").asText())
                    .contains("no key to sign tokens with", "identity provider");

            String token = Tokens.demo("carol", "Admin").withIssuer("https://idp.demo.test").withKeyId("idp-1")
                    .sign(Algorithm.RSA256((RSAPublicKey) provider.getPublic(), (RSAPrivateKey) provider.getPrivate()));
            HttpResponse<String> admin = Http.get(base, "api/admin", token);
            assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
            assertThat(jwks.hits("/jwks")).isPositive();
        }
    }

    @Test
    void demoWithAResourceServesItsMetadataAndIssuesTokensForIt() throws Exception {
        start(Map.of("PORT", "0", "JWTGUARD_RESOURCE", "http://localhost/api"));

        String ready = awaitLine(READY);

        assertThat(ready).as(String.join("\n", lines())).isNotNull();
        String base = "http://localhost:" + ready.substring(READY.length()) + "/";
        HttpResponse<String> metadata = Http.get(base, ".well-known/oauth-protected-resource/api", null);
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(Http.json(metadata).path("resource").asText()).isEqualTo("http://localhost/api");
        assertThat(Http.challenge(Http.get(base, "api/me", null)))
                .endsWith("resource_metadata=\"http://localhost/.well-known/oauth-protected-resource/api\"");

        // The resource became the audience: /login issues tokens for it, and the API accepts them.
        HttpResponse<String> login = Http.send(Http.request(base, "login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice-password")));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(Http.get(base, "api/me", Http.json(login).path("access_token").asText()).statusCode())
                .isEqualTo(200);
    }
}
