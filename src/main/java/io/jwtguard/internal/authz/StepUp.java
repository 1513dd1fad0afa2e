package io.jwtguard.internal.authz;

import io.jwtguard.JwtPrincipal;
import io.jwtguard.Reason;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.diagnostics.Text;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a rule demands of the user's authentication behind a token (RFC 9470, step-up): an authentication context
 * class ({@code acr}, OpenID Connect Core §2) among {@link #acrValues()}, and an authentication ({@code auth_time})
 * no older than {@link #maxAgeSeconds()}. A token that falls short is answered 401
 * {@code insufficient_user_authentication} with the {@code acr_values} and {@code max_age} auth-params (§3), so the
 * client can ask the authorization server for them. Immutable and thread-safe.
 *
 * @param acrValues the accepted {@code acr} values, any one of them, in order of preference (exact, case-sensitive);
 *     empty: any
 * @param maxAgeSeconds the longest time since the user authenticated, in seconds; {@link #NO_MAX_AGE}: no limit
 */
public record StepUp(List<String> acrValues, long maxAgeSeconds) {

    /** {@link #maxAgeSeconds()} when the rule sets no maximum age. */
    public static final long NO_MAX_AGE = -1;

    /** Demands nothing. */
    public static final StepUp NONE = new StepUp(List.of(), NO_MAX_AGE);

    public StepUp {
        acrValues = List.copyOf(new LinkedHashSet<>(acrValues));
    }

    /**
     * The step-up of a declaration ({@code @Authorize(acr = ..., maxAgeSeconds = ...)}, a policy's {@code acr} and
     * {@code max-age}); a blank or unsendable {@code acr} value, or a negative age other than {@link #NO_MAX_AGE},
     * is added to {@code problems} as {@code where: ...}.
     */
    public static StepUp of(List<String> acr, long maxAgeSeconds, String where, List<String> problems) {
        List<String> values = new ArrayList<>();
        for (String value : acr) {
            // acr_values is a space-separated quoted string (RFC 9470 §3): a value with a space, a quote or a
            // backslash could not be sent in it.
            if (value.isBlank() || !value.equals(Text.printable(value)) || value.contains(" ")) {
                problems.add(where + " names an acr value that is blank or holds a space, a quote or a non-ASCII"
                        + " character ('" + Text.shortValue(value) + "'); name the authentication context class as the"
                        + " authorization server writes it in the acr claim");
            } else {
                values.add(value);
            }
        }
        if (maxAgeSeconds < NO_MAX_AGE) {
            problems.add(where + " sets a negative maximum authentication age (" + maxAgeSeconds
                    + "); give the seconds since the user signed in (0 or more), or leave it unset (-1) for no limit");
        }
        return new StepUp(values, Math.max(maxAgeSeconds, NO_MAX_AGE));
    }

    /** Whether the rule demands anything of the user's authentication. */
    public boolean demandsNothing() {
        return acrValues.isEmpty() && maxAgeSeconds == NO_MAX_AGE;
    }

    /**
     * The refusal when {@code caller}'s token falls short, or {@code null}: the {@code acr} claim first, then
     * {@code auth_time} (a NumericDate) plus the maximum age plus {@code leeway} against {@code now}.
     */
    Failure check(JwtPrincipal caller, Instant now, Duration leeway) {
        if (!acrValues.isEmpty()) {
            Object acr = caller.getClaim("acr").orElse(null);
            if (!(acr instanceof String value) || !acrValues.contains(value)) {
                String shown = acr instanceof String value ? "the token's acr '" + Text.shortValue(value) + "' is not"
                        : acr == null ? "the token has no 'acr' claim to show"
                        : "the token's 'acr' claim is not a string, so it shows no";
                return refusal(shown + " an authentication class this endpoint accepts (acr_values " + acrValues
                        + "); sign in again with one of them");
            }
        }
        if (maxAgeSeconds != NO_MAX_AGE) {
            Object authTime = caller.getClaim("auth_time").orElse(null);
            if (!(authTime instanceof Number seconds)) {
                return refusal((authTime == null ? "the token has no 'auth_time' claim"
                        : "the token's 'auth_time' is not a NumericDate") + ", so the sign-in is not shown to be"
                        + " within the last " + maxAgeSeconds + "s (max_age); sign in again");
            }
            Instant authenticated = Instant.ofEpochSecond(seconds.longValue());
            if (authenticated.plusSeconds(maxAgeSeconds).plus(leeway).isBefore(now)) {
                return refusal("the user signed in at " + authenticated + " (auth_time), longer ago than the "
                        + maxAgeSeconds + "s this endpoint allows (max_age), server time "
                        + now.truncatedTo(ChronoUnit.SECONDS) + ", allowed skew " + leeway.toSeconds()
                        + "s; sign in again");
            }
        }
        return null;
    }

    /** The challenge's RFC 9470 §3 auth-params: {@code acr_values="2 gold", max_age=300}. */
    String challengeParams() {
        List<String> params = new ArrayList<>();
        if (!acrValues.isEmpty()) {
            params.add("acr_values=\"" + String.join(" ", acrValues) + '"');
        }
        if (maxAgeSeconds != NO_MAX_AGE) {
            params.add("max_age=" + maxAgeSeconds);
        }
        return String.join(", ", params);
    }

    /** For the rule table: {@code acr any of [2, gold], max age 300s}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!acrValues.isEmpty()) {
            parts.add("acr any of " + acrValues);
        }
        if (maxAgeSeconds != NO_MAX_AGE) {
            parts.add("max age " + maxAgeSeconds + "s");
        }
        return String.join(", ", parts);
    }

    private Failure refusal(String description) {
        return new Failure(Reason.INSUFFICIENT_USER_AUTHENTICATION, description, "", null, "", "", challengeParams());
    }
}
