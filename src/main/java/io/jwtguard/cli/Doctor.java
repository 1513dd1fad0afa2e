package io.jwtguard.cli;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.PresentedToken;
import io.jwtguard.internal.dpop.ProofCheck;
import io.jwtguard.internal.dpop.ProofStore;
import io.jwtguard.internal.dpop.ProofTrace;
import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.internal.authn.Check;
import io.jwtguard.internal.authz.AccessDecision;
import io.jwtguard.internal.authz.Authorizer;
import io.jwtguard.internal.authz.Policies;
import io.jwtguard.internal.authz.Rule;
import io.jwtguard.internal.authz.StepUp;
import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.diagnostics.Text;
import io.jwtguard.internal.pipeline.Checkup;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
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

    /** The last line of the checklist, decided by the authorizer rather than the authenticator. */
    private static final String ACCESS = "roles or policy";

    static final String HELP = """
            Usage: java -jar jwt-guard-all.jar doctor --config <properties file>
                     (--token <jwt> | --header '<Authorization header line>')
                     [--roles A,B | --policy Name] [--scopes a,b] [--acr A,B] [--max-age <seconds>]
                     [--at <instant>] [--resource-metadata <url>]
                     [--dpop-proof <proof> --url <url> [--method GET]]

            Checks one token as the filter would, and prints the checklist of why APIs answer 401:
            header, algorithm, signature and key, lifetime and clock skew, issuer, audience, required
            claims, roles or policy. Each line is PASS, FAIL (with the reason code and the fix) or SKIP.
              --token <jwt>        the token alone
              --header '<line>'    the whole header, e.g. 'Authorization: Bearer eyJ...'
              --roles A,B          also check that the caller has one of these roles
              --policy Name        also check a policy from the configuration
              --scopes a,b         also check that the token grants every one of these scopes (scope or scp)
              --acr A,B            also check step-up: the token's acr is one of these (RFC 9470)
              --max-age <seconds>  also check step-up: the user signed in at most this long ago (auth_time)
              --at <instant>       check as if the server clock said this (ISO-8601, e.g. 2026-11-28T10:00:00Z)
              --resource-metadata <url>  also check the protected resource metadata (RFC 9728) a client finds
                                   there: its resource, this API's audience and trusted issuers; alone, without
                                   a token, only that
              --dpop-proof <proof> the DPoP proof sent with the token (the token then goes with the DPoP scheme);
                                   each check of RFC 9449 is printed, but the nonce and the replay, which only
                                   the running servers' store can tell
              --url <url>          the URL the client called, with --dpop-proof
              --method <method>    the request's method, with --dpop-proof (default GET)
            Exit codes: 0 the filter would let it through, 1 it would not, 2 usage.""";

    /** The concrete fix for each failure (shared with the development console). */
    static String fix(Reason reason) {
        return Checkup.fix(reason);
    }

    Doctor(PrintStream out, PrintStream err, Map<String, String> environment) {
        super(out, err, environment, HELP, Set.of("config", "token", "header", "roles", "policy", "scopes",
                "at", "acr", "max-age", "resource-metadata", "dpop-proof", "url", "method"));
    }

    @Override
    int execute(Options options) throws Options.UsageException {
        boolean metadataOnly = options.has("resource-metadata") && !options.has("token") && !options.has("header");
        if (options.has("token") == options.has("header") && !metadataOnly) {
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
        if (options.has("resource-metadata")) {
            boolean discovered = ResourceMetadataCheck.check(options.required("resource-metadata"), settings, out);
            if (metadataOnly || !discovered) {
                out.println(discovered ? "Result: PASS - a client that discovers this API there gets tokens it accepts"
                        : "Result: FAIL - a client that discovers this API there gets tokens it refuses");
                return discovered ? Main.PASS : Main.FAIL;
            }
        }
        // An unknown policy is the command's mistake: said before any check runs, not after a page of them.
        String policyName = options.value("policy").orElse("");
        if (!policyName.isEmpty() && policies.named(policyName).isEmpty()) {
            throw new Options.UsageException("No policy '" + policyName + "' in the configuration.");
        }
        if ((options.has("url") || options.has("method")) && !options.has("dpop-proof")) {
            throw new Options.UsageException("--url and --method go with --dpop-proof.");
        }
        if (options.has("dpop-proof") && !settings.dpop().on()) {
            throw new Options.UsageException("The configuration sets jwtguard.dpop=off: no DPoP proof is ever read.");
        }
        String scheme = options.has("dpop-proof") ? "DPoP " : "Bearer ";
        String header = options.value("header").map(Doctor::headerValue)
                .orElseGet(() -> scheme + options.value("token").orElse(""));

        Authenticator authenticator = new Authenticator(settings, clock);
        authenticator.start();
        try {
            AuthenticationResult result = authenticator.authenticate(List.of(header), null);
            out.println("JwtGuard doctor, server time " + clock.instant().truncatedTo(ChronoUnit.SECONDS) + ", clock skew "
                    + settings.clockSkew().toSeconds() + "s");
            describeToken(header);
            printChecks(result);
            if (result.kind() != AuthenticationResult.Kind.AUTHENTICATED) {
                line(ACCESS, "SKIP", " - not reached: the filter stopped at the failure above");
                return result(result.failure());
            }
            Failure proof = proof(options, settings, clock, result, header);
            if (proof != null) {
                line(ACCESS, "SKIP", " - not reached: the filter stopped at the failure above");
                return result(proof);
            }
            Failure access = access(options, result, settings, policies, clock);
            if (access != null) {
                line(ACCESS, "FAIL", " - " + access.reason().code() + ": " + access.describe(true));
                rolesElsewhere(result, settings).ifPresent(why -> out.println("       Why: " + why));
                out.println("       Fix: " + fix(access.reason()));
                return result(access);
            }
            boolean asked = options.has("roles") || options.has("policy") || options.has("scopes")
                    || options.has("acr") || options.has("max-age");
            line(ACCESS, asked ? "PASS" : "SKIP", asked ? "" : " - not checked: no --roles or --policy given");
            // Sign-outs live in the running servers' store: a tool never claims a check it did not make.
            line(Check.values().length + 2, "SKIP", "not signed out", " - not checked here: the running servers decide"
                    + " it from their revocation store (jwtguard.revocation.store=" + settings.revocation().store() + ")");
            out.println("Result: PASS - the filter lets this token through as '" + result.principal().getName()
                    + "' with roles " + Text.roleList(result.principal().getRoles(), Integer.MAX_VALUE)
                    + ", unless it was signed out" + Authorizer.oneStringNote(result));
            return Main.PASS;
        } finally {
            authenticator.close();
        }
    }

    /**
     * The proof of possession (RFC 9449) as the filter checks it after the token: the binding and the scheme, then
     * each check of the proof, one line each ({@code P1.}, {@code P2.}, ...); null when the filter would go on.
     */
    private Failure proof(Options options, Settings settings, Clock clock, AuthenticationResult result, String header)
            throws Options.UsageException {
        List<String> proofs = options.value("dpop-proof").map(List::of).orElse(List.of());
        String url = options.value("url").orElse("");
        if (!proofs.isEmpty() && url.isEmpty()) {
            throw new Options.UsageException("--dpop-proof needs --url, the URL the client called.");
        }
        int[] number = {0};
        ProofTrace trace = new ProofTrace() {
            @Override
            public void passed(String check) {
                out.println("[PASS] P" + ++number[0] + ". DPoP: " + check);
            }

            @Override
            public void skipped(String check, String why) {
                out.println("[SKIP] P" + ++number[0] + ". DPoP: " + check + " - not checked here: " + why);
            }

            @Override
            public void failed(String check, Failure failure) {
                out.println("[FAIL] P" + ++number[0] + ". DPoP: " + check + " - " + failure.reason().code() + ": "
                        + failure.describe(true));
                out.println("       Fix: " + fix(failure.reason()));
            }
        };
        ProofStore noStore = new ProofStore() {
            @Override
            public boolean recordOnce(String key, Instant expiresAt) throws java.io.IOException {
                throw new java.io.IOException("the doctor has no store");
            }

            @Override
            public String shared(String key, String proposed) throws java.io.IOException {
                throw new java.io.IOException("the doctor has no store");
            }
        };
        return new ProofCheck(settings, clock, noStore).diagnose(PresentedToken.of(header), result.ids().boundKey(),
                proofs, options.value("method").orElse("GET"), url, trace);
    }

    /** Claims that usually carry roles, where identity providers put them. */
    private static final List<String> ROLE_CLAIMS = List.of("roles", "groups", "role", "realm_access", "scope", "scp",
            "permissions", "authorities", "cognito:groups");

    /**
     * When a role check fails and the token has a claim that usually carries roles other than where
     * {@code jwtguard.roles.claim} points: that claim's name, so the fix is one setting, not a guess.
     */
    private static java.util.Optional<String> rolesElsewhere(AuthenticationResult result, Settings settings) {
        List<String> configured = settings.trusted().stream().flatMap(issuer -> issuer.rolesClaims().stream())
                .map(path -> String.join(".", path)).distinct().toList();
        for (String claim : ROLE_CLAIMS) {
            if (result.principal().getClaim(claim).isPresent()
                    && configured.stream().noneMatch(path -> path.equals(claim) || path.startsWith(claim + "."))) {
                String path = claim.equals("realm_access") ? "realm_access.roles" : claim;
                return java.util.Optional.of("roles are read from " + configured + ", and the token also has a '"
                        + claim + "' claim: if the roles are there, set jwtguard.roles.claim=" + path);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The Authorizer's answer for --roles, --scopes, --policy, --acr and --max-age; null when it allows or nothing was
     * asked.
     */
    private static Failure access(Options options, AuthenticationResult result, Settings settings, Policies policies,
            Clock clock) throws Options.UsageException {
        Set<String> roles = new LinkedHashSet<>();
        options.value("roles").ifPresent(list -> Arrays.stream(list.split(",")).map(String::trim)
                .filter(role -> !role.isEmpty()).forEach(roles::add));
        String policy = options.value("policy").orElse("");
        List<String> scopes = options.value("scopes").map(list -> Arrays.stream(list.split("[,\\s]+"))
                .map(String::trim).filter(scope -> !scope.isEmpty()).toList()).orElse(List.of());
        StepUp stepUp = stepUp(options);
        if (roles.isEmpty() && policy.isEmpty() && scopes.isEmpty() && stepUp.demandsNothing()) {
            return null;
        }
        if (!policy.isEmpty() && policies.named(policy).isEmpty()) {
            throw new Options.UsageException("No policy '" + policy + "' in the configuration.");
        }
        AccessDecision decision = new Authorizer(policies, clock, settings.clockSkew())
                .decide(Rule.restricted(roles, scopes, policy, "doctor").withStepUp(stepUp), result);
        return decision.allows() ? null : decision.failure();
    }

    /** {@code --acr} and {@code --max-age} as the rule {@code @Authorize(acr = ..., maxAgeSeconds = ...)} makes. */
    private static StepUp stepUp(Options options) throws Options.UsageException {
        List<String> acr = options.value("acr").map(list -> Arrays.stream(list.split(",")).map(String::trim)
                .filter(value -> !value.isEmpty()).toList()).orElse(List.of());
        long maxAge = StepUp.NO_MAX_AGE;
        if (options.has("max-age")) {
            try {
                maxAge = Long.parseLong(options.required("max-age").trim());
            } catch (NumberFormatException e) {
                maxAge = Long.MIN_VALUE;
            }
            if (maxAge < 0) {
                throw new Options.UsageException("--max-age takes the seconds since the user signed in, 0 or more.");
            }
        }
        if (options.has("acr") && acr.isEmpty()) {
            throw new Options.UsageException("--acr takes the accepted acr values, comma-separated, e.g. 2,gold.");
        }
        List<String> problems = new java.util.ArrayList<>();
        StepUp stepUp = StepUp.of(acr, maxAge, "--acr", problems);
        if (!problems.isEmpty()) {
            throw new Options.UsageException(problems.get(0));
        }
        return stepUp;
    }

    /** The authenticator's own record of its checks, in the order the filter makes them: nothing inferred. */
    private void printChecks(AuthenticationResult result) {
        for (Checkup.Step step : Checkup.authentication(result)) {
            line(step.number(), step.verdict().name(), step.label(), step.detail().isEmpty() ? "" : " - " + step.detail());
            if (!step.why().isEmpty()) {
                out.println("       Why: " + step.why());
            }
            if (!step.fix().isEmpty()) {
                out.println("       Fix: " + step.fix());
            }
        }
    }

    private int result(Failure failure) {
        out.println("Result: FAIL - the filter answers " + failure.reason().status() + " " + failure.reason().code());
        return Main.FAIL;
    }

    private void line(String label, String status, String detail) {
        line(Check.values().length + 1, status, label, detail);
    }

    private void line(int number, String status, String label, String detail) {
        out.println("[" + status + "] " + number + ". " + label + detail);
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
        return Checkup.headerValue(line);
    }
}
