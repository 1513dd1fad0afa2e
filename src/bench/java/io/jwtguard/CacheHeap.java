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
 * What the verified-token cache costs in heap at its default size (10,000 entries) when every token is
 * 8 KB with a large {@code groups} claim: used heap after a full GC, before and after verifying 10,000
 * distinct tokens once each (so each is remembered). Prints bytes per entry and per token character.
 * Run: {@code mvn -Pbench test-compile exec:exec@cache-heap} (docs/performance.md).
 */
public final class CacheHeap {

    private CacheHeap() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
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
        double perEntry = (after - before) / (double) entries;
        double tokenLength = characters / (double) entries;
        System.out.printf("entries=%d tokenChars=%.0f heapBytes=%d perEntryBytes=%.0f perEntry/tokenChars=%.2f%n",
                entries, tokenLength, after - before, perEntry, perEntry / tokenLength);
        if (args.length > 1) {
            Thread.sleep(Long.parseLong(args[1]));
        }
        // Keeps the cache reachable until the measurement is done.
        System.out.println(JWT.decode(Tokens.valid(Instant.now()).sign(Tokens.hs256())).getSubject()
                + " " + validator.hashCode());
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
