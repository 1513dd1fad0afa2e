/**
 * Internal: the filters' machinery. The {@code Pipeline} of stages a filter runs, built once in
 * {@code init}; the {@code Guard} of built components; {@code Refusals}, the one owner of a refusal (log
 * line, counters, listeners) and {@code Responder}, the one place that writes responses; the deploy-time
 * self-check and the named-dispatch guards.
 */
package io.jwtguard.internal.pipeline;
