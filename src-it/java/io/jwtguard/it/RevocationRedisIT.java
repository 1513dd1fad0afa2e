package io.jwtguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sign-out across a fleet: two instances of the demo, separate JVMs behind no load balancer but the test, sharing
 * one real Redis (Debian's {@code redis-server}, with a password). What a logout, a sign-out everywhere and a
 * replayed refresh token do on the other instance, and what a Redis outage does: decided on the replica up to
 * {@code max-stale}, then {@code 503 revocation_unavailable}, never a 500 or a hung request, and everything back,
 * nothing revoked forgotten, once Redis returns (empty: it keeps no data).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RevocationRedisIT {

    private static final String PASSWORD = "redis-test-password";
    /** The settings the outage test depends on, short so that the test is quick; the README gives the defaults. */
    private static final String SYNC_INTERVAL = "200ms";
    private static final String MAX_STALE = "2s";
    /** Longer than any bound the instances promise (timeout 500 ms, max-stale 2 s): reached only if something hangs. */
    private static final long DEADLINE_SECONDS = 20;

    private RedisServer redis;
    private DemoProcess first;
    private DemoProcess second;
    private String a;
    private String b;

    @BeforeAll
    void start() throws Exception {
        redis = RedisServer.start(PASSWORD);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> environment = new HashMap<>(Map.of("PORT", "0",
                "JWTGUARD_KEY", Base64.getEncoder().encodeToString(key), "JWTGUARD_KEY_ENCODING", "base64",
                "JWTGUARD_REVOCATION_STORE", "redis", "JWTGUARD_REVOCATION_REDIS_URL", redis.url(),
                "JWTGUARD_REVOCATION_REDIS_PASSWORD", PASSWORD, "JWTGUARD_REVOCATION_REDIS_TIMEOUT", "500ms",
                "JWTGUARD_REVOCATION_SYNC_INTERVAL", SYNC_INTERVAL, "JWTGUARD_REVOCATION_MAX_STALE", MAX_STALE));
        first = DemoProcess.start(environment);
        second = DemoProcess.start(environment);
        a = first.awaitReady();
        b = second.awaitReady();
        System.out.println("Two demo instances on " + a + " and " + b + ", sharing " + redis.version());
    }

    @AfterAll
    void stop() throws InterruptedException {
        for (AutoCloseable closeable : new AutoCloseable[] {first, second, redis}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
        if (first != null) {
            List<String> all = new ArrayList<>(first.lines());
            all.addAll(second.lines());
            assertThat(all).as("no log line holds the Redis password").noneSatisfy(line -> assertThat(line).contains(PASSWORD));
        }
    }

    @Test
    @Order(1)
    void bothInstancesSayTheyShareRedisAndNeverLogThePassword() {
        for (DemoProcess instance : List.of(first, second)) {
            assertThat(instance.lines()).as(String.join("\n", instance.lines()))
                    .anySatisfy(line -> assertThat(line).contains("revocation redis " + redis.url() + " (password set)"));
        }
    }

    @Test
    @Order(2)
    void aLogoutOnOneInstanceIsRefusedOnTheOther() throws Exception {
        JsonNode login = login(a, "alice");
        String token = login.path("access_token").asText();
        assertThat(login.path("refresh_token").asText()).hasSizeGreaterThan(40);
        // Verified, and so cached, on both before the logout: the cache must not keep a signed-out token alive.
        assertThat(Http.get(a, "api/me", token).statusCode()).isEqualTo(200);
        assertThat(Http.get(b, "api/me", token).statusCode()).isEqualTo(200);

        HttpResponse<String> logout = post(a, "logout", token, "");
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(200);
        assertThat(Http.json(logout).path("shared").asBoolean()).isTrue();
        long loggedOut = System.nanoTime();

        assertThat(reason(Http.get(a, "api/me", token))).isEqualTo("token_revoked");
        HttpResponse<String> other = await(() -> Http.get(b, "api/me", token), r -> r.statusCode() == 401);
        System.out.printf("A logout on one instance was refused on the other after %.1f ms%n",
                (System.nanoTime() - loggedOut) / 1e6);
        assertThat(reason(other)).isEqualTo("token_revoked");
        assertThat(Http.challenge(other)).contains("error=\"invalid_token\"", "reason=\"token_revoked\"");
        // Its session too: the refresh token issued with it is dead on both instances.
        HttpResponse<String> refresh = refresh(b, login.path("refresh_token").asText());
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(Http.json(refresh).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    @Order(3)
    void signingOutEverywhereRevokesEverySessionOfTheSubjectOnBoth() throws Exception {
        String onA = login(a, "admin").path("access_token").asText();
        JsonNode otherSession = login(b, "admin");
        String onB = otherSession.path("access_token").asText();
        assertThat(Http.get(a, "api/admin", onB).statusCode()).isEqualTo(200);

        HttpResponse<String> everywhere = post(b, "logout?everywhere=true", onB, "");
        assertThat(everywhere.statusCode()).as(everywhere.body()).isEqualTo(200);
        assertThat(Http.json(everywhere).path("signed_out").asText()).isEqualTo("everywhere");

        for (String base : List.of(a, b)) {
            for (String token : List.of(onA, onB)) {
                assertThat(reason(await(() -> Http.get(base, "api/admin", token), r -> r.statusCode() == 401)))
                        .isEqualTo("token_revoked");
            }
        }
        HttpResponse<String> refresh = await(() -> refresh(a, otherSession.path("refresh_token").asText()),
                r -> r.statusCode() == 400);
        assertThat(Http.json(refresh).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    @Order(4)
    void aReplayedRefreshTokenRevokesItsWholeFamilyOnBoth() throws Exception {
        JsonNode login = login(a, "auditor");
        String firstRefresh = login.path("refresh_token").asText();

        HttpResponse<String> rotated = refresh(b, firstRefresh);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String secondAccess = Http.json(rotated).path("access_token").asText();
        String secondRefresh = Http.json(rotated).path("refresh_token").asText();
        assertThat(secondRefresh).isNotEqualTo(firstRefresh);
        assertThat(Http.get(a, "api/reports", secondAccess).statusCode()).isEqualTo(200);

        // The first refresh token again, on the other instance: a replay (RFC 9700, section 4.14.2).
        HttpResponse<String> replay = refresh(a, firstRefresh);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(Http.json(replay).path("error_description").asText()).contains("used before");

        for (String base : List.of(a, b)) {
            assertThat(reason(await(() -> Http.get(base, "api/reports", secondAccess), r -> r.statusCode() == 401)))
                    .isEqualTo("token_revoked");
            assertThat(await(() -> refresh(base, secondRefresh), r -> r.statusCode() == 400).statusCode()).isEqualTo(400);
        }
    }

    @Test
    @Order(5)
    void aRedisOutageIsDecidedOnTheReplicaThenRefusedThenRecoversWithNothingForgotten() throws Exception {
        String kept = login(a, "alice").path("access_token").asText();
        String signedOutDuringOutage = login(a, "alice").path("access_token").asText();
        assertThat(Http.get(b, "api/me", kept).statusCode()).isEqualTo(200);

        redis.kill();
        long killed = System.nanoTime();

        // A logout while Redis is down: this instance refuses the token at once; the store gets it when it returns.
        HttpResponse<String> logout = post(a, "logout", signedOutDuringOutage, "");
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(202);
        assertThat(Http.json(logout).path("shared").asBoolean()).isFalse();
        assertThat(reason(Http.get(a, "api/me", signedOutDuringOutage))).isEqualTo("token_revoked");
        // No session can start without the store: a clear 503, not a 500.
        HttpResponse<String> login = post(a, "login", null, "username=alice&password=alice-password");
        assertThat(login.statusCode()).isEqualTo(503);
        assertThat(Http.json(login).path("error").asText()).isEqualTo("temporarily_unavailable");

        // Past max-stale: 503 revocation_unavailable; until then, every answer is a 200 (never a 500, never a hang).
        List<Integer> seen = new ArrayList<>();
        HttpResponse<String> refused = await(() -> Http.get(b, "api/me", kept), r -> {
            seen.add(r.statusCode());
            return r.statusCode() != 200;
        });
        System.out.printf("With Redis down, the other instance decided on its replica for %.1f s (max-stale %s), then: %d %s%n",
                (System.nanoTime() - killed) / 1e9, MAX_STALE, refused.statusCode(), reason(refused));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(reason(refused)).isEqualTo("revocation_unavailable");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).doesNotContain("redis://", "127.0.0.1", "Exception");
        assertThat(seen).allMatch(status -> status == 200 || status == 503);
        // Anonymous endpoints keep working; a login-free health check is never refused for the store.
        assertThat(Http.get(b, "health", null).statusCode()).isEqualTo(200);

        redis.start();
        long back = System.nanoTime();
        await(() -> Http.get(b, "api/me", kept), r -> r.statusCode() == 200);
        System.out.printf("Redis back (empty): the other instance answered 200 again after %.1f s%n",
                (System.nanoTime() - back) / 1e9);
        // Nothing revoked is forgotten: the logout made during the outage, and those before it, hold on both.
        for (String base : List.of(a, b)) {
            assertThat(reason(await(() -> Http.get(base, "api/me", signedOutDuringOutage), r -> r.statusCode() == 401)))
                    .isEqualTo("token_revoked");
        }
        assertThat(post(a, "login", null, "username=alice&password=alice-password").statusCode()).isEqualTo(200);
        // This instance's sync thread says so at its next sync, which may come after the login it already served.
        first.awaitOutput("revocation store answers again");
        assertThat(first.lines()).anySatisfy(line -> assertThat(line).contains("revocation store cannot be reached"))
                .anySatisfy(line -> assertThat(line).contains("revocation store answers again"));
    }

    @Test
    @Order(6)
    void overTlsWithThePasswordFromTheEnvironment() throws Exception {
        // What is tested is TLS and the password: a loaded CI machine's first TLS handshake has taken longer than
        // the 1 s default timeout (the login then answered 503), so this instance allows 10 s.
        try (RedisServer secure = RedisServer.startTls(PASSWORD);
                DemoProcess instance = DemoProcess.start(Map.of("PORT", "0", "JWTGUARD_REVOCATION_STORE", "redis",
                        "JWTGUARD_REVOCATION_REDIS_URL", secure.url(), "JWTGUARD_REVOCATION_REDIS_PASSWORD", PASSWORD,
                        "JWTGUARD_REVOCATION_REDIS_TIMEOUT", "10s",
                        "JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + secure.trustStore()
                                + " -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12"))) {
            String base = instance.awaitReady();
            assertThat(instance.lines()).anySatisfy(line -> assertThat(line).contains("revocation redis rediss://localhost:"));
            String token = login(base, "alice").path("access_token").asText();
            assertThat(post(base, "logout", token, "").statusCode()).isEqualTo(200);
            assertThat(reason(Http.get(base, "api/me", token))).isEqualTo("token_revoked");
            assertThat(instance.lines()).noneSatisfy(line -> assertThat(line).contains("revocation store cannot be reached"));
        }
    }

    private static JsonNode login(String base, String user) throws IOException, InterruptedException {
        HttpResponse<String> login = post(base, "login", null, "username=" + user + "&password=" + user + "-password");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return Http.json(login);
    }

    private static HttpResponse<String> refresh(String base, String refreshToken) throws IOException, InterruptedException {
        return post(base, "token/refresh", null, "refresh_token=" + refreshToken);
    }

    private static HttpResponse<String> post(String base, String path, String bearer, String form)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = Http.request(base, path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return Http.send(request);
    }

    private static String reason(HttpResponse<String> response) throws IOException {
        return Http.reason(response);
    }

    interface Call {
        HttpResponse<String> send() throws IOException, InterruptedException;
    }

    /**
     * Sends {@code call} until {@code done} holds, at most {@value #DEADLINE_SECONDS} s: what another instance
     * answers once its replica has caught up. Each request itself times out after 10 s (Http), so a hung one fails.
     */
    private static HttpResponse<String> await(Call call, Predicate<HttpResponse<String>> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        HttpResponse<String> response = call.send();
        while (!done.test(response)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still " + response.statusCode() + " " + response.body() + " after "
                        + DEADLINE_SECONDS + " s");
            }
            Thread.sleep(25);
            response = call.send();
        }
        return response;
    }
}
