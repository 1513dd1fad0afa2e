package io.jwtguard.internal.pipeline;

import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.internal.revocation.RevocationService;
import io.jwtguard.internal.telemetry.Readings;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one application's JwtGuard holds, as the optional meters read it when scraped. Thread-safe, as its parts are.
 *
 * @param linesLeftOut refusal lines the log limiter left out
 */
record GuardReadings(Authenticator authenticator, RevocationService revocations, LongAdder linesLeftOut)
        implements Readings {

    @Override
    public List<String> keySetIssuers() {
        return List.copyOf(authenticator.keyFetches().keySet());
    }

    @Override
    public long keySetRefreshes(String issuer) {
        return authenticator.keyFetches().getOrDefault(issuer, 0L);
    }

    @Override
    public long keySetRefreshFailures(String issuer) {
        return authenticator.keyFetchFailures().getOrDefault(issuer, 0L);
    }

    @Override
    public boolean tokenCache() {
        return authenticator.caches();
    }

    @Override
    public long tokenCacheHits() {
        return authenticator.cacheHits();
    }

    @Override
    public long tokenCacheMisses() {
        return authenticator.cacheMisses();
    }

    @Override
    public long tokenCacheSize() {
        return authenticator.cacheSize();
    }

    @Override
    public boolean sharedRevocations() {
        return revocations.sharedWithOtherInstances();
    }

    @Override
    public long replicaSize() {
        return revocations.replicaSize();
    }

    @Override
    public double replicaStalenessSeconds() {
        return revocations.replicaStalenessSeconds();
    }

    @Override
    public long refusalLinesLeftOut() {
        return linesLeftOut.sum();
    }
}
