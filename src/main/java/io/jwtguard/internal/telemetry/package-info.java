/**
 * Internal: what JwtGuard's optional meter and trace integrations share, without depending on any of them: the
 * names and tags of the meters, what they read, and what each reports to ({@code Exporter}). The integrations live in
 * {@code io.jwtguard.internal.micrometer} and {@code io.jwtguard.internal.opentelemetry}; the pipeline opens those
 * whose libraries are on the class path.
 */
package io.jwtguard.internal.telemetry;
