package io.jwtguard.internal.micrometer;

import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.telemetry.Exporter;
import io.jwtguard.internal.telemetry.MeterNames;
import io.jwtguard.internal.telemetry.Readings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.TimeGauge;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * JwtGuard's meters in one Micrometer registry (names and tags: {@link MeterNames}). The request counters are
 * built once, one per reason, and found by index on a request. The authentication stage's duration is a function
 * timer over two adders per outcome: a request adds to them, and the registry reads them when scraped, which keeps
 * a registry's timer (its decaying maximum, its histogram) off the request path. The rest read JwtGuard's own
 * counts when the registry is scraped. Thread-safe.
 */
public final class MicrometerMeters implements Exporter {

    private final MeterRegistry registry;
    private final Counter allowed;
    /** By {@link Reason#ordinal()}. */
    private final Counter[] refused;
    /** By {@link AuthenticationResult.Kind#ordinal()}: how many authentications, and their nanoseconds. */
    private final LongAdder[] authentications;
    private final LongAdder[] authenticationNanos;
    /** The meters that read JwtGuard's state: removed at {@link #close()}, so they do not hold it. */
    private final List<Meter> reading;
    /**
     * Held here because Micrometer's gauges and function counters hold what they read only weakly: without this,
     * they would read NaN once a collection took it. The registry never holds this object, so an application that
     * stops without closing is still collected.
     */
    private final Readings readings;

    /** The meters in Micrometer's global registry, where frameworks and applications add theirs. */
    public static Exporter global(Readings readings) {
        return new MicrometerMeters(Metrics.globalRegistry, readings);
    }

    public MicrometerMeters(MeterRegistry registry, Readings readings) {
        this.registry = registry;
        this.readings = readings;
        this.allowed = requests(MeterNames.ALLOWED, MeterNames.NO_REASON, MeterNames.ALLOWED_STAGE);
        Reason[] reasons = Reason.values();
        this.refused = new Counter[reasons.length];
        for (Reason reason : reasons) {
            refused[reason.ordinal()] = requests(MeterNames.REFUSED, reason.code(), MeterNames.stage(reason));
        }
        List<Meter> reading = new ArrayList<>();
        AuthenticationResult.Kind[] kinds = AuthenticationResult.Kind.values();
        this.authentications = new LongAdder[kinds.length];
        this.authenticationNanos = new LongAdder[kinds.length];
        for (AuthenticationResult.Kind kind : kinds) {
            LongAdder count = new LongAdder();
            LongAdder nanos = new LongAdder();
            authentications[kind.ordinal()] = count;
            authenticationNanos[kind.ordinal()] = nanos;
            reading.add(FunctionTimer.builder(MeterNames.AUTHENTICATION_DURATION, this,
                            meters -> count.sum(), meters -> nanos.sum(), TimeUnit.NANOSECONDS)
                    .description("Time the authentication stage took to decide")
                    .tag(MeterNames.RESULT, MeterNames.outcome(kind))
                    .register(registry));
        }
        for (String issuer : readings.keySetIssuers()) {
            reading.add(FunctionCounter.builder(MeterNames.KEYSET_REFRESHES, readings,
                            r -> r.keySetRefreshes(issuer))
                    .description("Key-set fetches attempted").tag(MeterNames.ISSUER, issuer).register(registry));
            reading.add(FunctionCounter.builder(MeterNames.KEYSET_REFRESH_FAILURES, readings,
                            r -> r.keySetRefreshFailures(issuer))
                    .description("Key-set fetches that failed").tag(MeterNames.ISSUER, issuer).register(registry));
        }
        if (readings.tokenCache()) {
            reading.add(FunctionCounter.builder(MeterNames.TOKEN_CACHE_GETS, readings, Readings::tokenCacheHits)
                    .description("Verified-token cache lookups").tag(MeterNames.RESULT, "hit").register(registry));
            reading.add(FunctionCounter.builder(MeterNames.TOKEN_CACHE_GETS, readings, Readings::tokenCacheMisses)
                    .description("Verified-token cache lookups").tag(MeterNames.RESULT, "miss").register(registry));
            reading.add(Gauge.builder(MeterNames.TOKEN_CACHE_SIZE, readings, Readings::tokenCacheSize)
                    .description("Verified tokens the cache holds").register(registry));
        }
        reading.add(Gauge.builder(MeterNames.REPLICA_SIZE, readings, Readings::replicaSize)
                .description("Revocations this instance's replica holds").register(registry));
        if (readings.sharedRevocations()) {
            reading.add(TimeGauge.builder(MeterNames.REPLICA_STALENESS, readings, TimeUnit.SECONDS,
                            Readings::replicaStalenessSeconds)
                    .description("Time since the replica last synced with the shared revocation store")
                    .register(registry));
        }
        reading.add(FunctionCounter.builder(MeterNames.LOG_LINES_LEFT_OUT, readings, Readings::refusalLinesLeftOut)
                .description("Refusal log lines the log limiter left out; every refusal is still counted")
                .register(registry));
        this.reading = List.copyOf(reading);
    }

    private Counter requests(String result, String reason, String stage) {
        return Counter.builder(MeterNames.REQUESTS)
                .description("Requests JwtGuard decided, by result and reason")
                .tag(MeterNames.RESULT, result)
                .tag(MeterNames.REASON, reason)
                .tag(MeterNames.STAGE, stage)
                .register(registry);
    }

    @Override
    public boolean timesAuthentication() {
        return true;
    }

    @Override
    public void authenticated(AuthenticationResult.Kind outcome, long nanos) {
        authentications[outcome.ordinal()].increment();
        authenticationNanos[outcome.ordinal()].add(nanos);
    }

    @Override
    public void allowed() {
        allowed.increment();
    }

    @Override
    public void refused(Reason reason) {
        refused[reason.ordinal()].increment();
    }

    /**
     * Removes the meters that read this application's state. The request counters stay: they hold nothing of it,
     * and an application deployed again counts on in them.
     */
    @Override
    public void close() {
        for (Meter meter : reading) {
            registry.remove(meter);
        }
    }
}
