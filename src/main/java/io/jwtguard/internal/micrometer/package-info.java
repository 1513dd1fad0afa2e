/**
 * Internal, an optional integration: JwtGuard's meters in Micrometer's global registry
 * ({@code io.micrometer:micrometer-core}, an optional dependency). Nothing here is loaded unless that library is on
 * the class path and {@code jwtguard.metrics.micrometer} is {@code true} (docs/events-and-metrics.md).
 */
package io.jwtguard.internal.micrometer;
