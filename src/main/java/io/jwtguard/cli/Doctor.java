package io.jwtguard.cli;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.internal.authz.AccessDecision;
import io.jwtguard.internal.authz.Authorizer;
import io.jwtguard.internal.authz.Policies;
import io.jwtguard.internal.authz.Rule;
import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.diagnostics.Text;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code doctor}: the article's checklist for one token, run by the very code the filter runs (the same
 * {@link Authenticator} and {@link Authorizer}), one line per step: PASS, FAIL with the reason code and
 * the concrete fix, or SKIP when an earlier failure stopped the filter before it.
 */
final class Doctor extends Command {

    static final String HELP = """
            Usage: java -jar jwt-guard-all.jar doctor --config <properties file>
                     (--token <jwt> | --header '<Authorization header line>')
                     [--roles A,B | --policy Name] [--at <instant>]

            Checks one token as the filter would, and prints the checklist of why APIs answer 401:
            header, algorithm, signature and key, lifetime and clock skew, issuer, audience, required
            claims, roles or policy. Each line is PASS, FAIL (with the reason code and the fix) or SKIP.
              --token <jwt>        the token alone
              --header '<line>'    the whole header, e.g. 'Authorization: Bearer eyJ...'
              --roles A,B          also check that the caller has one of these roles
              --policy Name        also check a policy from the configuration
              --at <instant>       check as if the server clock said this (ISO-8601, e.g. 2026-11-28T10:00:00Z)
            Exit codes: 0 the filter would let it through, 1 it would not, 2 usage.""";

    /** The checklist, in the order the article debugs a 401. */
    enum Step {
        HEADER("Authorization header present and well-formed, token is a JWT"),
        ALGORITHM("algorithm allowed"),
        SIGNATURE("signature verifies with the configured key"),
        LIFETIME("not expired and not before nbf / iat, within the clock skew"),
        ISSUER("issuer trusted"),
        AUDIENCE("audience accepted"),
        CLAIMS("required claims present (exp, sub)"),
        ACCESS("roles or policy");

        final String label;

        Step(String label) {
            this.label = label;
        }
    }

    /** Where the filter stops for each reason, and what the steps before it have shown. */
    private static final Map<Reason, Step> FAILS_AT = new EnumMap<>(Map.ofEntries(
            Map.entry(Reason.MISSING_TOKEN, Step.HEADER), Map.entry(Reason.UNSUPPORTED_SCHEME, Step.HEADER),
            Map.entry(Reason.MALFORMED_AUTHORIZATION_HEADER, Step.HEADER), Map.entry(Reason.MALFORMED_TOKEN, Step.HEADER),
            Map.entry(Reason.ALGORITHM_NOT_ALLOWED, Step.ALGORITHM), Map.entry(Reason.INVALID_SIGNATURE, Step.SIGNATURE),
            Map.entry(Reason.UNKNOWN_KEY_ID, Step.SIGNATURE), Map.entry(Reason.KEY_SOURCE_UNAVAILABLE, Step.SIGNATURE),
            Map.entry(Reason.TOKEN_EXPIRED, Step.LIFETIME), Map.entry(Reason.TOKEN_NOT_YET_VALID, Step.LIFETIME),
            Map.entry(Reason.ISSUER_MISMATCH, Step.ISSUER), Map.entry(Reason.AUDIENCE_MISMATCH, Step.AUDIENCE),
            Map.entry(Reason.MISSING_REQUIRED_CLAIM, Step.CLAIMS), Map.entry(Reason.INSUFFICIENT_ROLE, Step.ACCESS),
            Map.entry(Reason.POLICY_FAILED, Step.ACCESS)));

    /** The concrete fix for each failure. */
    private static final Map<Reason, String> FIXES = new EnumMap<>(Map.ofEntries(
            Map.entry(Reason.MISSING_TOKEN, "send 'Authorization: Bearer <token>' (check the client and any proxy that strips it)"),
            Map.entry(Reason.UNSUPPORTED_SCHEME, "use the Bearer scheme: 'Authorization: Bearer <token>'"),
            Map.entry(Reason.MALFORMED_AUTHORIZATION_HEADER, "one header, 'Bearer', one or more spaces, the token, nothing after it"),
            Map.entry(Reason.MALFORMED_TOKEN, "send the access token itself: three base64url parts separated by dots"),
            Map.entry(Reason.ALGORITHM_NOT_ALLOWED, "sign with an algorithm in jwtguard.algorithms, or add the issuer's algorithm there"),
            Map.entry(Reason.INVALID_SIGNATURE, "sign with the key the API verifies with: the same jwtguard.key (same encoding), or the private key of jwtguard.key.location"),
            Map.entry(Reason.UNKNOWN_KEY_ID, "the issuer's key set has no such kid: check jwtguard.jwks.url / jwtguard.authority points at the issuer that signed it"),
            Map.entry(Reason.KEY_SOURCE_UNAVAILABLE, "the key server cannot be reached: check the URL, the network and TLS from this server"),
            Map.entry(Reason.TOKEN_EXPIRED, "get a fresh token; if it should still be valid, synchronise the clocks (NTP), issue tokens in UTC"),
            Map.entry(Reason.TOKEN_NOT_YET_VALID, "the issuer's clock is ahead of this server's: synchronise the clocks (NTP)"),
            Map.entry(Reason.ISSUER_MISMATCH, "make the token's iss and jwtguard.issuer identical (scheme, host, path, trailing slash)"),
            Map.entry(Reason.AUDIENCE_MISMATCH, "request the token for this API's audience, or add it to jwtguard.audience"),
            Map.entry(Reason.MISSING_REQUIRED_CLAIM, "the issuer must put exp and sub in the token"),
            Map.entry(Reason.INSUFFICIENT_ROLE, "give the user one of the roles, or check jwtguard.roles.claim points at where the roles are"),
            Map.entry(Reason.POLICY_FAILED, "the caller's claims do not satisfy the policy; compare them with jwtguard.policy.<Name>.*")));


    Doctor(PrintStream out, PrintStream err, Map<String, String> environment) {
        super(out, err, environment, HELP, Set.of("config", "token", "header", "roles", "policy", "at"));
    }

    @Override
    int execute(Options options) throws Options.UsageException {
        if (options.has("token") == options.has("header")) {
            throw new Options.UsageException("Give exactly one of --token and --header.");
        }
        if (options.has("roles") && options.has("policy")) {
            throw new Options.UsageException("Give at most one of --roles and --policy.");
        }
        Clock clock = Clock.systemUTC();
        if (options.has("at")) {
            try {
                clock = Clock.fixed(Instant.parse(options.required("at")), ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new Options.UsageException("--at takes an ISO-8601 instant such as 2026-11-28T10:00:00Z.");
            }
        }
        Settings settings;
        Policies policies;
        try {
            CommandSettings.Loaded loaded = CommandSettings.loadWithPolicies(
                    CommandSettings.source(options.required("config"), environment, Map.of()));
            settings = loaded.settings();
            policies = loaded.policies();
        } catch (InvalidSettingsException e) {
            err.println(e.getMessage());
            return Main.FAIL;
        }
        String header = options.value("header").map(Doctor::headerValue)
                .orElseGet(() -> "Bearer " + options.value("token").orElse(""));

        Authenticator authenticator = new Authenticator(settings, clock);
        authenticator.start();
        try {
            AuthenticationResult result = authenticator.authenticate(List.of(header), null);
            out.println("JwtGuard doctor, server time " + clock.instant() + ", clock skew "
                    + settings.clockSkew().toSeconds() + "s");
            describeToken(header);
            if (result.kind() != AuthenticationResult.Kind.AUTHENTICATED) {
                return report(result.failure(), settings);
            }
            Failure access = access(options, result, settings, policies);
            if (access != null) {
                return report(access, settings);
            }
            for (Step step : Step.values()) {
                line("PASS", step, step == Step.ACCESS && !options.has("roles") && !options.has("policy")
                        ? " (no --roles or --policy given)" : "");
            }
            out.println("Result: PASS - the filter lets this token through as '" + result.principal().getName()
                    + "' with roles " + result.principal().getRoles());
            return Main.PASS;
        } finally {
            authenticator.close();
        }
    }

    /** The Authorizer's answer for --roles or --policy; null when it allows or nothing was asked. */
    private static Failure access(Options options, AuthenticationResult result, Settings settings, Policies policies)
            throws Options.UsageException {
        Set<String> roles = new LinkedHashSet<>();
        options.value("roles").ifPresent(list -> Arrays.stream(list.split(",")).map(String::trim)
                .filter(role -> !role.isEmpty()).forEach(roles::add));
        String policy = options.value("policy").orElse("");
        if (roles.isEmpty() && policy.isEmpty()) {
            return null;
        }
        if (!policy.isEmpty() && policies.named(policy).isEmpty()) {
            throw new Options.UsageException("No policy '" + policy + "' in the configuration.");
        }
        AccessDecision decision = new Authorizer(policies, settings.rolesClaim())
                .decide(Rule.restricted(roles, policy, "doctor"), result);
        return decision.kind() == AccessDecision.Kind.REFUSE ? decision.failure() : null;
    }

    private int report(Failure failure, Settings settings) {
        Step failed = FAILS_AT.getOrDefault(failure.reason(), Step.HEADER);
        List<Step> verifiedFirst = verifiedBefore(failed);
        for (Step step : Step.values()) {
            if (step == failed) {
                line("FAIL", step, " - " + failure.reason().code() + ": " + failure.describe(true));
                out.println("       Fix: " + FIXES.getOrDefault(failure.reason(), "see the reason above"));
            } else if (verifiedFirst.contains(step)) {
                line("PASS", step, "");
            } else {
                line("SKIP", step, " - not checked: the filter stops at the failure");
            }
        }
        out.println("Result: FAIL - the filter answers " + failure.reason().status() + " " + failure.reason().code());
        return Main.FAIL;
    }

    /** The steps the filter has certainly passed when it fails at {@code failed}, in its own order. */
    private static List<Step> verifiedBefore(Step failed) {
        return switch (failed) {
            case HEADER -> List.of();
            case ALGORITHM -> List.of(Step.HEADER);
            // The issuer is chosen from iss before any key is looked up.
            case ISSUER -> List.of(Step.HEADER, Step.ALGORITHM);
            case SIGNATURE -> List.of(Step.HEADER, Step.ALGORITHM);
            case LIFETIME -> List.of(Step.HEADER, Step.ALGORITHM, Step.SIGNATURE);
            case AUDIENCE -> List.of(Step.HEADER, Step.ALGORITHM, Step.SIGNATURE, Step.LIFETIME, Step.ISSUER);
            case CLAIMS -> List.of(Step.HEADER, Step.ALGORITHM, Step.SIGNATURE, Step.LIFETIME, Step.ISSUER, Step.AUDIENCE);
            case ACCESS -> new ArrayList<>(List.of(Step.values()).subList(0, Step.ACCESS.ordinal()));
        };
    }

    private void line(String status, Step step, String detail) {
        out.println("[" + status + "] " + (step.ordinal() + 1) + ". " + step.label + detail);
    }

    /** What the token says about itself, for orientation: never the token, never its signature. */
    private void describeToken(String header) {
        String[] parts = header.trim().split("\\s+");
        if (parts.length != 2) {
            return;
        }
        try {
            DecodedJWT jwt = JWT.decode(parts[1]);
            out.println("Token: alg=" + Text.shortValue(jwt.getAlgorithm()) + " kid=" + Text.shortValue(jwt.getKeyId())
                    + " iss=" + Text.shortValue(jwt.getIssuer()) + " aud=" + jwt.getAudience() + " sub="
                    + Text.shortValue(jwt.getSubject()) + " iat=" + jwt.getIssuedAtAsInstant() + " nbf="
                    + jwt.getNotBeforeAsInstant() + " exp=" + jwt.getExpiresAtAsInstant());
        } catch (RuntimeException e) {
            out.println("Token: not readable as a JWT");
        }
    }

    /** Accepts the whole header line or just its value. */
    private static String headerValue(String line) {
        String trimmed = line.strip();
        return trimmed.regionMatches(true, 0, "Authorization:", 0, "Authorization:".length())
                ? trimmed.substring("Authorization:".length()).strip() : trimmed;
    }
}
