/**
 * Internal: what JwtGuard's optional meter and trace integrations share, without depending on any of them: the
 * names and tags of the meters, what they read, and the one switch that opens the integrations whose libraries are
 * on the class path ({@link io.jwtguard.internal.telemetry.Exporters}). The integrations themselves live in
 * {@code io.jwtguard.internal.micrometer} and {@code io.jwtguard.internal.opentelemetry}.
 */
package io.jwtguard.internal.telemetry;
