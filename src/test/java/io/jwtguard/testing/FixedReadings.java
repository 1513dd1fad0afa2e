package io.jwtguard.testing;

import io.jwtguard.internal.telemetry.Readings;
import java.util.List;

/** JwtGuard's state as fixed numbers. */
public final class FixedReadings implements Readings {
    public long hits = 40;

    @Override
    public List<String> keySetIssuers() {
        return List.of("corp");
    }

    @Override
    public long keySetRefreshes(String issuer) {
        return "corp".equals(issuer) ? 7 : -1;
    }

    @Override
    public long keySetRefreshFailures(String issuer) {
        return "corp".equals(issuer) ? 2 : -1;
    }

    @Override
    public boolean tokenCache() {
        return true;
    }

    @Override
    public long tokenCacheHits() {
        return hits;
    }

    @Override
    public long tokenCacheMisses() {
        return 3;
    }

    @Override
    public long tokenCacheSize() {
        return 3;
    }

    @Override
    public boolean sharedRevocations() {
        return true;
    }

    @Override
    public long replicaSize() {
        return 5;
    }

    @Override
    public double replicaStalenessSeconds() {
        return 1.5;
    }

    @Override
    public long refusalLinesLeftOut() {
        return 11;
    }
}
