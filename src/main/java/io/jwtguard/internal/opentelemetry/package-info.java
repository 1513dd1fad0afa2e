/**
 * Internal, an optional integration: JwtGuard's meters through the OpenTelemetry API, and each decision on the
 * request's current span ({@code io.opentelemetry:opentelemetry-api}, an optional dependency). Nothing here is
 * loaded unless that library is on the class path and {@code jwtguard.metrics.opentelemetry} or
 * {@code jwtguard.tracing.opentelemetry} is {@code true} (docs/events-and-metrics.md).
 */
package io.jwtguard.internal.opentelemetry;
