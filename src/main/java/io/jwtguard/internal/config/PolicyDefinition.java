package io.jwtguard.internal.config;

import java.util.List;
import java.util.Map;

/**
 * A named authorization policy defined in configuration ({@code jwtguard.policy.<name>.*}). Every part
 * that is set must hold: any one of {@link #roles()}, all of {@link #scopes()}, each claim with one of its
 * allowed values, and any one of the policies in {@link #anyOf()}; and the step-up parts, {@link #acr()} and
 * {@link #maxAgeSeconds()} (RFC 9470), whose failure is a 401 rather than a 403. Immutable.
 *
 * @param name the name {@code @Authorize(policy = ...)} refers to
 * @param roles roles of which the caller needs one (exact match)
 * @param scopes scopes ({@code scope} / {@code scp}) the caller needs all of
 * @param claims claim name to the values of which the claim must hold one
 * @param anyOf other policies of which one must hold: how "role Auditor, or department finance" is written
 * @param acr step-up: {@code acr} values of which the token's must be one; empty: any
 * @param maxAgeSeconds step-up: the most seconds since the user signed in ({@code auth_time}); -1: no limit
 */
public record PolicyDefinition(String name, List<String> roles, List<String> scopes, Map<String, List<String>> claims,
        List<String> anyOf, List<String> acr, long maxAgeSeconds) {

    public PolicyDefinition {
        roles = List.copyOf(roles);
        scopes = List.copyOf(scopes);
        claims = Map.copyOf(claims);
        anyOf = List.copyOf(anyOf);
        acr = List.copyOf(acr);
    }

    /** A policy without step-up parts. */
    public PolicyDefinition(String name, List<String> roles, List<String> scopes, Map<String, List<String>> claims,
            List<String> anyOf) {
        this(name, roles, scopes, claims, anyOf, List.of(), -1);
    }

    /** Whether the policy demands anything of the user's authentication ({@code acr}, {@code max-age}). */
    public boolean stepsUp() {
        return !acr.isEmpty() || maxAgeSeconds != -1;
    }

    /** For logs and development diagnostics, e.g. {@code roles any of [Auditor]; claim department in [finance]}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (!roles.isEmpty()) {
            text.append("roles any of ").append(roles);
        }
        if (!scopes.isEmpty()) {
            text.append(text.length() == 0 ? "" : "; ").append("scopes all of ").append(scopes);
        }
        new java.util.TreeMap<>(claims).forEach((claim, values) ->
                text.append(text.length() == 0 ? "" : "; ").append("claim ").append(claim).append(" in ").append(values));
        if (!anyOf.isEmpty()) {
            text.append(text.length() == 0 ? "" : "; ").append("any of policies ").append(anyOf);
        }
        if (!acr.isEmpty()) {
            text.append(text.length() == 0 ? "" : "; ").append("acr any of ").append(acr);
        }
        if (maxAgeSeconds != -1) {
            text.append(text.length() == 0 ? "" : "; ").append("max age ").append(maxAgeSeconds).append('s');
        }
        return text.toString();
    }
}
