package io.jwtguard.internal.authz;

import io.jwtguard.AuthorizationPolicy;
import io.jwtguard.JwtPrincipal;
import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.config.Durations;
import io.jwtguard.internal.config.Setting;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.diagnostics.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The authorization stage: given a rule (a servlet method's, a resource method's, a web.xml constraint's) and the
 * authentication result, decides whether the request goes on. Not authenticated where needed: the authentication
 * failure (401/400). Authenticated without a required role, scope or policy: 403 {@code insufficient_role} /
 * {@code insufficient_scope} / {@code policy_failed} (RFC 6750 §3.1 {@code insufficient_scope}). A refusal under a rule
 * that names scopes carries them, for the challenge's {@code scope}. With the role, scope and policy, but a sign-in not
 * strong or recent enough for the rule's or a policy's step-up: 401 {@code insufficient_user_authentication}
 * (RFC 9470 §3); checked last, so a user is never sent to sign in again only to be refused for a role. Writes nothing.
 * Immutable and thread-safe.
 */
public final class Authorizer {

    private final Policies policies;
    private final Clock clock;
    private final Duration leeway;

    /** @param policies the named policies rules may refer to */
    public Authorizer(Policies policies) {
        this(policies, Clock.systemUTC(), Durations.parse(Setting.CLOCK_SKEW.defaultValue()));
    }

    /**
     * @param policies the named policies rules may refer to
     * @param clock the server clock {@code auth_time} is compared with
     * @param leeway the configured clock skew ({@code jwtguard.clock-skew}), allowed on {@code auth_time} as on
     *     {@code exp}
     */
    public Authorizer(Policies policies, Clock clock, Duration leeway) {
        this.policies = policies;
        this.clock = clock;
        this.leeway = leeway;
    }

    /** The names of the policies rules may refer to. */
    public Set<String> policyNames() {
        return policies.names();
    }

    /** The one decision for {@code rule}: allowed with or without the caller's principal, or refused with why. */
    public AccessDecision decide(Rule rule, AuthenticationResult authentication) {
        boolean authenticated = authentication.kind() == AuthenticationResult.Kind.AUTHENTICATED;
        return switch (rule.kind()) {
            case ANONYMOUS -> authenticated ? allow() : new AccessDecision(AccessDecision.Kind.ALLOW_ANONYMOUS,
                    ignored(authentication));
            case AUTHENTICATED -> authenticated ? allow() : refuse(authentication.failure());
            case RESTRICTED -> authenticated ? restricted(rule, authentication)
                    : refuse(authentication.failure().withScope(rule.scopes()));
            case DENY -> refuse(Failure.of(Reason.POLICY_FAILED, rule.origin().startsWith("@DenyAll")
                    ? "this endpoint denies every caller (" + rule.origin() + ")"
                    : "this endpoint has no @Authorize or @AllowAnonymous and the fallback rule denies every caller"));
        };
    }

    private AccessDecision restricted(Rule rule, AuthenticationResult authentication) {
        JwtPrincipal caller = authentication.principal();
        for (Set<String> roles : rule.roleSets()) {
            if (roles.stream().noneMatch(caller.getRoles()::contains)) {
                return refuse(new Failure(Reason.INSUFFICIENT_ROLE, rolesDescription(authentication),
                        "required any of " + new TreeSet<>(roles), null).withScope(rule.scopes()));
            }
        }
        if (!rule.scopes().isEmpty()) {
            Set<String> granted = Scopes.granted(caller);
            List<String> missing = rule.scopes().stream().filter(scope -> !granted.contains(scope)).toList();
            if (!missing.isEmpty()) {
                // The challenge names every scope the rule needs (RFC 6750 §3.1), not only the missing ones.
                return refuse(new Failure(Reason.INSUFFICIENT_SCOPE, scopesDescription(caller, missing),
                        "required all of " + rule.scopes(), null).withScope(rule.scopes()));
            }
        }
        for (String name : rule.policies()) {
            AuthorizationPolicy policy = policies.named(name).orElse(null);
            if (!permits(policy, caller)) {
                return refuse(new Failure(Reason.POLICY_FAILED, "the caller does not satisfy policy '" + name + "'",
                        policy == null ? "" : "the policy requires " + policy.describe(), null)
                        .withScope(rule.scopes()));
            }
        }
        Instant now = clock.instant();
        for (StepUp stepUp : rule.stepUps()) {
            Failure shortOf = stepUp.check(caller, now, leeway);
            if (shortOf != null) {
                return refuse(shortOf.withScope(rule.scopes()));
            }
        }
        for (String name : rule.policies()) {
            Failure shortOf = policies.stepUp(name).check(caller, now, leeway);
            if (shortOf != null) {
                return refuse(shortOf.withScope(rule.scopes()));
            }
        }
        return allow();
    }

    /**
     * Which scopes the token lacks, and where it was looked for them. Scope names are the application's own (from its
     * annotations), not configured secrets, so they are said in production too: the challenge names them anyway.
     */
    private static String scopesDescription(JwtPrincipal caller, List<String> missing) {
        String lacking = "the token lacks the scope" + (missing.size() == 1 ? " " : "s ") + String.join(" ", missing);
        return Scopes.claimed(caller) ? lacking
                : lacking + "; it has no 'scope' or 'scp' claim, so it grants no scope";
    }

    /** A policy that throws refuses: a bug in a policy must not open the door, nor answer 500. */
    private static boolean permits(AuthorizationPolicy policy, JwtPrincipal caller) {
        try {
            return policy != null && policy.permits(caller);
        } catch (RuntimeException e) {
            System.getLogger("io.jwtguard").log(System.Logger.Level.WARNING, "JwtGuard: policy '" + policy.name()
                    + "' threw " + e.getClass().getName() + "; counted as a refusal");
            return false;
        }
    }

    /**
     * Why the caller has none of the roles, told with the roles claims of the token's own issuer (several
     * issuers may read roles from different claims).
     */
    private static String rolesDescription(AuthenticationResult authentication) {
        JwtPrincipal caller = authentication.principal();
        if (caller.getRoles().isEmpty()) {
            List<String> absent = new ArrayList<>();
            for (String path : authentication.rolesClaims()) {
                Object value = claimAt(caller, path);
                if (value == null) {
                    absent.add("'" + path + "'");
                } else if (!(value instanceof List<?>) && !(value instanceof String)) {
                    return "the token's '" + path + "' claim is " + jsonType(value)
                            + ", not an array of role names, so no roles";
                }
            }
            if (!absent.isEmpty() && absent.size() == authentication.rolesClaims().size()) {
                return absent.size() == 1 ? "the token has no " + absent.get(0) + " claim, so no roles"
                        : "the token has none of the claims " + String.join(", ", absent) + ", so no roles";
            }
        }
        return "none of the token's roles " + Text.roleList(caller.getRoles().stream().sorted().toList(), 10)
                + " is allowed here" + oneStringNote(authentication);
    }

    /**
     * A roles claim written as one string with commas ({@code "User,Admin"}) is one role named with a comma:
     * said outright, since the sender almost always meant several.
     */
    public static String oneStringNote(AuthenticationResult authentication) {
        for (String path : authentication.rolesClaims()) {
            if (claimAt(authentication.principal(), path) instanceof String text && text.contains(",")
                    && !path.endsWith("scope") && !path.endsWith("scp")) {
                return "; the token's '" + Text.shortValue(path) + "' claim is one string, which is one role ('"
                        + Text.shortValue(text) + "'); send several roles as a JSON array of strings";
            }
        }
        return "";
    }

    /** The value at a dotted claim path, or null. */
    private static Object claimAt(JwtPrincipal caller, String path) {
        String[] segments = path.split("\\.");
        Object value = caller.getClaims().get(segments[0]);
        for (int i = 1; i < segments.length && value instanceof Map<?, ?> map; i++) {
            value = map.get(segments[i]);
        }
        return value;
    }

    private static String jsonType(Object value) {
        return value instanceof Number ? "a number" : value instanceof Boolean ? "a boolean"
                : value instanceof Map ? "an object" : "of another type";
    }

    private static Failure ignored(AuthenticationResult authentication) {
        return authentication.kind() == AuthenticationResult.Kind.FAILED ? authentication.failure() : null;
    }

    private static AccessDecision allow() {
        return new AccessDecision(AccessDecision.Kind.ALLOW_AUTHENTICATED, null);
    }

    private static AccessDecision refuse(Failure failure) {
        return new AccessDecision(AccessDecision.Kind.REFUSE, failure);
    }
}
