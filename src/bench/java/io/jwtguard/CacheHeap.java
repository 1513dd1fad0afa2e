package io.jwtguard;

import com.auth0.jwt.JWT;
import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the verified-token cache costs in heap at its default size (10,000 entries): used heap after a full GC,
 * before and after verifying that many distinct tokens once each (so each is remembered). Prints bytes per entry
 * and per token character. The tokens: {@code groups} (the default), 8 KB with a 190-name {@code groups} claim; or
 * one of {@link BenchSetup.Shape}'s ({@code small}, {@code keycloak}, {@code entra}), sent through a started filter.
 * Run: {@code mvn -Pbench test-compile exec:exec@cache-heap} (docs/performance.md), or
 * {@code -Dcache-heap.args="10000 keycloak"}.
 */
public final class CacheHeap {

    private CacheHeap() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String shape = args.length > 1 ? args[1] : "groups";
        if (!shape.equals("groups")) {
            shaped(entries, BenchSetup.Shape.named(shape));
            return;
        }
        Map<String, String> values = new HashMap<>(TestSettings.hmacValues());
        values.put("jwtguard.roles.claim", "groups");
        // The authenticator's validate(token) is the validator's, cache included.
        Authenticator validator = new Authenticator(TestSettings.load(values), Clock.systemUTC());
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 190; i++) {
            groups.add("/org/department-" + i + "/team-" + (i * 7));
        }
        long before = usedAfterGc();
        long characters = 0;
        for (int i = 0; i < entries; i++) {
            String token = Tokens.valid(Instant.now()).withJWTId("token-" + i).withClaim("groups", groups)
                    .sign(Tokens.hs256());
            characters += token.length();
            if (validator.validate(token).kind() != io.jwtguard.internal.authn.AuthenticationResult.Kind.AUTHENTICATED) {
                throw new IllegalStateException("token " + i + " was refused");
            }
        }
        long after = usedAfterGc();
        report("groups", entries, characters, after - before);
        // Keeps the cache reachable until the measurement is done.
        System.out.println(JWT.decode(Tokens.valid(Instant.now()).sign(Tokens.hs256())).getSubject()
                + " " + validator.hashCode());
    }

    /** The same through a started filter (its cache at the default size), with tokens of one shape. */
    private static void shaped(int entries, BenchSetup.Shape shape) throws Exception {
        BenchSetup.Material material = BenchSetup.material("HS256", shape);
        JwtGuardFilter filter = BenchSetup.filter(material, true);
        io.jwtguard.testing.FakeResponse response = new io.jwtguard.testing.FakeResponse();
        long before = usedAfterGc();
        long characters = 0;
        for (int i = 0; i < entries; i++) {
            String token = material.another(i);
            characters += token.length();
            response.reset();
            filter.doFilter(io.jwtguard.testing.FakeRequest.get("/api/me").servlet("me").bearer(token), response,
                    (request, answer) -> { });
            if (response.getStatus() != 200) {
                throw new IllegalStateException("token " + i + " was refused: " + response.getStatus());
            }
        }
        long after = usedAfterGc();
        report(shape.name().toLowerCase(java.util.Locale.ROOT), entries, characters, after - before);
        System.out.println("filter kept until here: " + filter.hashCode());
    }

    private static void report(String shape, int entries, long characters, long heapBytes) {
        double perEntry = heapBytes / (double) entries;
        double tokenLength = characters / (double) entries;
        System.out.printf("shape=%s entries=%d tokenChars=%.0f heapBytes=%d perEntryBytes=%.0f"
                + " perEntry/tokenChars=%.2f%n", shape, entries, tokenLength, heapBytes, perEntry, perEntry / tokenLength);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
