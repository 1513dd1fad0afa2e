package io.jwtguard.internal.opentelemetry;

import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.telemetry.Exporter;
import io.jwtguard.internal.telemetry.MeterNames;
import io.jwtguard.internal.telemetry.Readings;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * JwtGuard's meters through the OpenTelemetry API, with the names and tags of the Micrometer ones
 * ({@link MeterNames}), and each decision recorded on the request's current span ({@link Span#current()}): the
 * attributes {@code jwtguard.result}, {@code jwtguard.reason}, {@code jwtguard.stage}, and for a refusal an event
 * {@code jwtguard.refused}. Every attribute set is built once, one per reason and per outcome. Thread-safe.
 */
public final class OpenTelemetryMeters implements Exporter {

    private static final AttributeKey<String> RESULT = AttributeKey.stringKey(MeterNames.RESULT);
    private static final AttributeKey<String> REASON = AttributeKey.stringKey(MeterNames.REASON);
    private static final AttributeKey<String> STAGE = AttributeKey.stringKey(MeterNames.STAGE);
    private static final AttributeKey<String> ISSUER = AttributeKey.stringKey(MeterNames.ISSUER);
    private static final AttributeKey<String> SPAN_RESULT = AttributeKey.stringKey(MeterNames.SPAN_RESULT);
    private static final AttributeKey<String> SPAN_REASON = AttributeKey.stringKey(MeterNames.SPAN_REASON);
    private static final AttributeKey<String> SPAN_STAGE = AttributeKey.stringKey(MeterNames.SPAN_STAGE);
    private static final double NANOS_PER_SECOND = 1e9;

    private final boolean metrics;
    private final boolean tracing;
    private final LongCounter requests;
    private final DoubleHistogram authentication;
    private final Attributes allowed;
    /** By {@link Reason#ordinal()}: the counter's attributes, and the span's. */
    private final Attributes[] refused;
    private final Attributes[] refusedOnSpan;
    /** By {@link AuthenticationResult.Kind#ordinal()}. */
    private final Attributes[] outcomes;
    /** The instruments that read JwtGuard's state: closed at {@link #close()}, so they do not hold it. */
    private final List<AutoCloseable> reading;

    /**
     * Through the OpenTelemetry the application or the Java agent installed globally (asked with
     * {@code getOrNoop}, which, unlike {@code get}, never fixes the global instance for later). While none is
     * installed, meters would be no-ops: then none is built and the authentication stage is not timed. The span is
     * asked for on each decision all the same, as an application may make its own SDK's spans current.
     */
    public static Exporter global(Readings readings, boolean metrics, boolean tracing) {
        return new OpenTelemetryMeters(GlobalOpenTelemetry.getOrNoop(), readings,
                metrics && GlobalOpenTelemetry.isSet(), tracing);
    }

    public OpenTelemetryMeters(OpenTelemetry openTelemetry, Readings readings, boolean metrics, boolean tracing) {
        this.metrics = metrics;
        this.tracing = tracing;
        Meter meter = openTelemetry.getMeter(MeterNames.SCOPE);
        this.requests = meter.counterBuilder(MeterNames.REQUESTS).setUnit("{request}")
                .setDescription("Requests JwtGuard decided, by result and reason").build();
        this.authentication = meter.histogramBuilder(MeterNames.AUTHENTICATION_DURATION).setUnit("s")
                .setDescription("Time the authentication stage took to decide").build();
        this.allowed = Attributes.of(RESULT, MeterNames.ALLOWED, REASON, MeterNames.NO_REASON, STAGE,
                MeterNames.ALLOWED_STAGE);
        Reason[] reasons = Reason.values();
        this.refused = new Attributes[reasons.length];
        this.refusedOnSpan = new Attributes[reasons.length];
        for (Reason reason : reasons) {
            refused[reason.ordinal()] = Attributes.of(RESULT, MeterNames.REFUSED, REASON, reason.code(), STAGE,
                    MeterNames.stage(reason));
            refusedOnSpan[reason.ordinal()] = Attributes.of(SPAN_RESULT, MeterNames.REFUSED, SPAN_REASON,
                    reason.code(), SPAN_STAGE, MeterNames.stage(reason));
        }
        AuthenticationResult.Kind[] kinds = AuthenticationResult.Kind.values();
        this.outcomes = new Attributes[kinds.length];
        for (AuthenticationResult.Kind kind : kinds) {
            outcomes[kind.ordinal()] = Attributes.of(RESULT, MeterNames.outcome(kind));
        }
        this.reading = metrics ? observe(meter, readings) : List.of();
    }

    private static List<AutoCloseable> observe(Meter meter, Readings readings) {
        List<AutoCloseable> observed = new ArrayList<>();
        List<String> issuers = readings.keySetIssuers();
        List<Attributes> byIssuer = issuers.stream().map(issuer -> Attributes.of(ISSUER, issuer)).toList();
        observed.add(meter.counterBuilder(MeterNames.KEYSET_REFRESHES).setUnit("{refresh}")
                .setDescription("Key-set fetches attempted").buildWithCallback(measurement -> {
                    for (int i = 0; i < issuers.size(); i++) {
                        measurement.record(readings.keySetRefreshes(issuers.get(i)), byIssuer.get(i));
                    }
                }));
        observed.add(meter.counterBuilder(MeterNames.KEYSET_REFRESH_FAILURES).setUnit("{refresh}")
                .setDescription("Key-set fetches that failed").buildWithCallback(measurement -> {
                    for (int i = 0; i < issuers.size(); i++) {
                        measurement.record(readings.keySetRefreshFailures(issuers.get(i)), byIssuer.get(i));
                    }
                }));
        if (readings.tokenCache()) {
            Attributes hit = Attributes.of(RESULT, "hit");
            Attributes miss = Attributes.of(RESULT, "miss");
            observed.add(meter.counterBuilder(MeterNames.TOKEN_CACHE_GETS).setUnit("{lookup}")
                    .setDescription("Verified-token cache lookups").buildWithCallback(measurement -> {
                        measurement.record(readings.tokenCacheHits(), hit);
                        measurement.record(readings.tokenCacheMisses(), miss);
                    }));
            observed.add(meter.gaugeBuilder(MeterNames.TOKEN_CACHE_SIZE).ofLongs().setUnit("{token}")
                    .setDescription("Verified tokens the cache holds")
                    .buildWithCallback(measurement -> measurement.record(readings.tokenCacheSize())));
        }
        observed.add(meter.gaugeBuilder(MeterNames.REPLICA_SIZE).ofLongs().setUnit("{revocation}")
                .setDescription("Revocations this instance's replica holds")
                .buildWithCallback(measurement -> measurement.record(readings.replicaSize())));
        if (readings.sharedRevocations()) {
            observed.add(meter.gaugeBuilder(MeterNames.REPLICA_STALENESS).setUnit("s")
                    .setDescription("Time since the replica last synced with the shared revocation store")
                    .buildWithCallback(measurement -> {
                        double seconds = readings.replicaStalenessSeconds();
                        if (!Double.isNaN(seconds)) {
                            measurement.record(seconds);
                        }
                    }));
        }
        observed.add(meter.counterBuilder(MeterNames.LOG_LINES_LEFT_OUT).setUnit("{line}")
                .setDescription("Refusal log lines the log limiter left out; every refusal is still counted")
                .buildWithCallback(measurement -> measurement.record(readings.refusalLinesLeftOut())));
        return List.copyOf(observed);
    }

    @Override
    public boolean timesAuthentication() {
        return metrics;
    }

    @Override
    public void authenticated(AuthenticationResult.Kind outcome, long nanos) {
        if (metrics) {
            authentication.record(nanos / NANOS_PER_SECOND, outcomes[outcome.ordinal()]);
        }
    }

    @Override
    public void allowed() {
        if (metrics) {
            requests.add(1, allowed);
        }
        if (tracing) {
            Span span = Span.current();
            if (span.isRecording()) {
                span.setAttribute(SPAN_RESULT, MeterNames.ALLOWED);
            }
        }
    }

    @Override
    public void refused(Reason reason) {
        if (metrics) {
            requests.add(1, refused[reason.ordinal()]);
        }
        if (tracing) {
            Span span = Span.current();
            if (span.isRecording()) {
                Attributes onSpan = refusedOnSpan[reason.ordinal()];
                span.setAllAttributes(onSpan);
                span.addEvent(MeterNames.SPAN_REFUSED_EVENT, onSpan);
            }
        }
    }

    @Override
    public void close() {
        for (AutoCloseable instrument : reading) {
            try {
                instrument.close();
            } catch (Exception e) {
                // An instrument that cannot stop reporting is left to the OpenTelemetry SDK's own shutdown.
            }
        }
    }
}
