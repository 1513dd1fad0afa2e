package io.jwtguard;

import io.jwtguard.TokenIssuer.TokenPair;
import io.jwtguard.internal.authn.TokenSigner;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.revocation.RevocationService;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What sign-out and refresh tokens keep in heap with the memory store (the default): used heap after a full GC,
 * before and after (1) {@code n} logouts of distinct users, each revoking a token ({@code jti}, a UUID) and its
 * session ({@code sid}); (2) {@code n} refresh families of distinct users, each rotated once (one grant and one
 * reuse marker left per family); (3) 100,000 login/logout cycles by one user, which the per-subject caps bound.
 * Run: {@code mvn -Pbench test-compile exec:exec@revocation-heap} (README, "Sign-out").
 */
public final class RevocationHeap {

    private RevocationHeap() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Map<String, String> values = new HashMap<>(TestSettings.hmacValues());
        values.put("jwtguard.token-issuer.publish", "true");
        Settings settings = TestSettings.load(values);

        RevocationService logouts = started(settings);
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            logouts.revoke(caller("user-" + i, UUID.randomUUID().toString(), UUID.randomUUID().toString()));
        }
        long after = usedAfterGc();
        System.out.printf("logouts=%d heapBytes=%d perLogoutBytes=%.0f perRevocationBytes=%.0f%n", n, after - before,
                (after - before) / (double) n, (after - before) / (2.0 * n));
        logouts.close();
        logouts = null;

        RevocationService families = started(settings);
        TokenSigner issuer = TokenSigner.forSettings(settings, Clock.systemUTC(), families).orElseThrow();
        before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            TokenPair login = issuer.issueWithRefreshToken("user-" + i, List.of("User"));
            issuer.refresh(login.refreshToken());
        }
        after = usedAfterGc();
        System.out.printf("families=%d heapBytes=%d perFamilyBytes=%.0f%n", n, after - before, (after - before) / (double) n);
        families.close();
        families = null;
        issuer = null;

        RevocationService loop = started(settings);
        TokenSigner loopIssuer = TokenSigner.forSettings(settings, Clock.systemUTC(), loop).orElseThrow();
        before = usedAfterGc();
        for (int i = 0; i < 100_000; i++) {
            loopIssuer.issueWithRefreshToken("alice", List.of("User"));
            loop.revoke(caller("alice", UUID.randomUUID().toString(), UUID.randomUUID().toString()));
        }
        after = usedAfterGc();
        System.out.printf("oneUserCycles=100000 heapBytes=%d%n", after - before);
        System.out.println(loop.hashCode() + " " + loopIssuer.hashCode());
        loop.close();
    }

    private static RevocationService started(Settings settings) {
        Problems problems = new Problems();
        RevocationService service = RevocationService.forSettings(settings, Clock.systemUTC(),
                RevocationHeap.class.getClassLoader(), problems);
        service.start();
        return service;
    }

    private static JwtPrincipal caller(String subject, String jti, String sid) {
        long now = Instant.now().getEpochSecond();
        return new JwtPrincipal(subject, Set.of("User"), Map.of("sub", subject, "iss", Tokens.ISSUER, "jti", jti,
                "sid", sid, "iat", now, "exp", now + 900));
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
