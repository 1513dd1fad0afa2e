package io.jwtguard.internal.config;

/**
 * Which optional libraries JwtGuard reports its meters and decisions to, each only when it is on the class path
 * (docs/events-and-metrics.md). Immutable.
 *
 * @param micrometer meters in Micrometer's global registry
 * @param openTelemetryMetrics the same meters through the OpenTelemetry API
 * @param openTelemetryTracing each decision on the request's current OpenTelemetry span
 */
public record TelemetrySettings(boolean micrometer, boolean openTelemetryMetrics, boolean openTelemetryTracing) {
}
