/**
 * Internal: the stages run in order, over one JwtGuard per application. {@code Installation} builds that
 * application's {@code Guard} once at deploy time (from {@code Deployment}'s initializer and listener passes, or
 * a filter's {@code init} where those did not run) and hands every filter, named-dispatch guard, the Jakarta REST
 * feature and the container module a {@code Pipeline} over it; {@code Stage} is what each stage decides, carried
 * to the next in one request value ({@code SoFar}); {@code Refusals} owns a refusal (log line, counters,
 * listeners) and {@code Responder} is the one place that writes responses.
 */
package io.jwtguard.internal.pipeline;
