package io.jwtguard.internal.telemetry;

import java.util.List;

/**
 * What the meters that are read rather than counted read: asked when a registry is scraped or an OpenTelemetry
 * reader collects, never on a request. Implementations are thread-safe.
 */
public interface Readings {

    /** The configured names of the issuers whose keys come from a JWKS (fixed at start). */
    List<String> keySetIssuers();

    /** Key-set fetches attempted for this issuer. */
    long keySetRefreshes(String issuer);

    /** Key-set fetches for this issuer that failed. */
    long keySetRefreshFailures(String issuer);

    /** Whether the verified-token cache is on. */
    boolean tokenCache();

    long tokenCacheHits();

    long tokenCacheMisses();

    long tokenCacheSize();

    /** Whether revocations are shared with other instances through a store (the replica can be stale). */
    boolean sharedRevocations();

    long replicaSize();

    /** Seconds since the replica last synced with the shared store; NaN before its first sync. */
    double replicaStalenessSeconds();

    /** Refusal log lines the log limiter left out (each refusal is still counted). */
    long refusalLinesLeftOut();
}
