package io.jwtguard.internal.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.testing.TestKeys;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private final Authenticator authenticator = new Authenticator(TestSettings.hmac(), Clock.fixed(NOW, ZoneOffset.UTC));
    private final Authorizer authorizer = new Authorizer(policies());

    private static Policies policies() {
        try {
            return Problems.require(problems -> Policies.load(TestSettings.hmacWith(java.util.Map.of(
                    "jwtguard.policy.Auditors.roles", "Auditor",
                    "jwtguard.policy.Finance.claims.department", "finance",
                    "jwtguard.policy.ReportReaders.any-of", "Auditors,Finance",
                    "jwtguard.policy.Writers.scopes", "docs:read,docs:write")).policies(),
                    AuthorizerTest.class.getClassLoader(), problems));
        } catch (io.jwtguard.internal.config.InvalidSettingsException e) {
            throw new AssertionError(e);
        }
    }

    private AuthenticationResult bearer(String token) {
        return authenticator.authenticate(List.of("Bearer " + token), null);
    }

    private AuthenticationResult user(String... roles) {
        return bearer(Tokens.valid(NOW).withClaim("roles", List.of(roles)).sign(Tokens.hs256()));
    }

    private AuthenticationResult none() {
        return authenticator.authenticate(List.of(), null);
    }

    private AuthenticationResult expired() {
        return bearer(Tokens.valid(NOW).withIssuedAt(NOW.minusSeconds(7200)).withExpiresAt(NOW.minusSeconds(3600))
                .sign(Tokens.hs256()));
    }

    @Test
    void anonymousRuleLetsEveryoneThroughAndRemembersAnIgnoredFailure() {
        Rule rule = Rule.anonymous("test");

        assertThat(authorizer.decide(rule, none())).isEqualTo(new AccessDecision(AccessDecision.Kind.ALLOW_ANONYMOUS, null));
        AccessDecision stale = authorizer.decide(rule, expired());
        assertThat(stale.kind()).isEqualTo(AccessDecision.Kind.ALLOW_ANONYMOUS);
        assertThat(stale.failure().reason()).isEqualTo(Reason.TOKEN_EXPIRED);
        assertThat(authorizer.decide(rule, user("User")).kind()).isEqualTo(AccessDecision.Kind.ALLOW_AUTHENTICATED);
    }

    @Test
    void authenticatedRuleRefusesWithTheAuthenticationFailure() {
        Rule rule = Rule.authenticated("test");

        assertThat(authorizer.decide(rule, none()).failure().reason()).isEqualTo(Reason.MISSING_TOKEN);
        assertThat(authorizer.decide(rule, expired()).failure().reason()).isEqualTo(Reason.TOKEN_EXPIRED);
        assertThat(authorizer.decide(rule, user()).kind()).isEqualTo(AccessDecision.Kind.ALLOW_AUTHENTICATED);
    }

    @Test
    void rolesRuleNeedsAnyOneRoleExactly() {
        Rule rule = Rule.restricted(Set.of("Admin", "Editor"), "", "test");

        assertThat(authorizer.decide(rule, user("Editor")).kind()).isEqualTo(AccessDecision.Kind.ALLOW_AUTHENTICATED);
        AccessDecision refused = authorizer.decide(rule, user("admin", "User"));
        assertThat(refused.kind()).isEqualTo(AccessDecision.Kind.REFUSE);
        assertThat(refused.failure().reason()).isEqualTo(Reason.INSUFFICIENT_ROLE);
        assertThat(refused.failure().describe(false)).contains("[User, admin]").doesNotContain("Editor");
        assertThat(refused.failure().describe(true)).contains("required any of [Admin, Editor]");
        assertThat(authorizer.decide(rule, none()).failure().reason()).isEqualTo(Reason.MISSING_TOKEN);
    }

    @Test
    void denyRuleRefusesEvenAValidToken() {
        assertThat(authorizer.decide(Rule.deny("fallback"), user("Admin")).failure().reason())
                .isEqualTo(Reason.POLICY_FAILED);
    }

    private AuthenticationResult withClaims(java.util.Map<String, ?> claims) {
        return bearer(Tokens.valid(NOW).withPayload(claims).sign(Tokens.hs256()));
    }

    @Test
    void anyOfPolicyHoldsForEitherPart() {
        Rule rule = Rule.restricted(Set.of(), "ReportReaders", "test");

        assertThat(authorizer.decide(rule, user("Auditor")).kind()).isEqualTo(AccessDecision.Kind.ALLOW_AUTHENTICATED);
        assertThat(authorizer.decide(rule, withClaims(java.util.Map.of("department", "finance"))).kind())
                .isEqualTo(AccessDecision.Kind.ALLOW_AUTHENTICATED);
        AccessDecision refused = authorizer.decide(rule, withClaims(java.util.Map.of("department", "Finance")));
        assertThat(refused.failure().reason()).isEqualTo(Reason.POLICY_FAILED);
        assertThat(refused.failure().describe(true)).contains("any of policies [Auditors, Finance]");
    }

    @Test
    void claimPoliciesMatchExactlyAndAcceptArrays() {
        Rule rule = Rule.restricted(Set.of(), "Finance", "test");

        assertThat(authorizer.decide(rule, withClaims(java.util.Map.of("department", List.of("it", "finance")))).kind())
                .isEqualTo(AccessDecision.Kind.ALLOW_AUTHENTICATED);
        for (Object wrong : List.of("finance ", "FINANCE", "fin", List.of("financeX"), 42, java.util.Map.of("x", "finance"))) {
            assertThat(authorizer.decide(rule, withClaims(java.util.Map.of("department", wrong))).kind())
                    .as(String.valueOf(wrong)).isEqualTo(AccessDecision.Kind.REFUSE);
        }
    }

    @Test
    void scopePoliciesNeedEveryScope() {
        Rule rule = Rule.restricted(Set.of(), "Writers", "test");

        assertThat(authorizer.decide(rule, withClaims(java.util.Map.of("scope", "docs:read docs:write"))).kind())
                .isEqualTo(AccessDecision.Kind.ALLOW_AUTHENTICATED);
        assertThat(authorizer.decide(rule, withClaims(java.util.Map.of("scp", List.of("docs:read", "docs:write")))).kind())
                .isEqualTo(AccessDecision.Kind.ALLOW_AUTHENTICATED);
        assertThat(authorizer.decide(rule, withClaims(java.util.Map.of("scope", "docs:read"))).kind())
                .isEqualTo(AccessDecision.Kind.REFUSE);
    }

    @Test
    void rolesAndPolicyOnOneAnnotationMustBothHold() {
        Rule rule = Rule.restricted(Set.of("Admin"), "Auditors", "test");

        assertThat(authorizer.decide(rule, user("Admin")).failure().reason()).isEqualTo(Reason.POLICY_FAILED);
        assertThat(authorizer.decide(rule, user("Auditor")).failure().reason()).isEqualTo(Reason.INSUFFICIENT_ROLE);
        assertThat(authorizer.decide(rule, user("Admin", "Auditor")).kind()).isEqualTo(AccessDecision.Kind.ALLOW_AUTHENTICATED);
    }

    @Test
    void rolesClaimOfTheWrongTypeIsA403ThatSaysSo() {
        Rule rule = Rule.restricted(Set.of("Admin"), "", "test");

        AccessDecision decision = authorizer.decide(rule, withClaims(java.util.Map.of("roles", 7)));

        assertThat(decision.failure().reason()).isEqualTo(Reason.INSUFFICIENT_ROLE);
        assertThat(decision.failure().description()).contains("'roles' claim is a number");
    }

    @Test
    void aRoleRefusalIsDescribedWithTheRolesClaimOfTheTokensOwnIssuer() {
        java.util.Map<String, String> values = new java.util.HashMap<>(TestSettings.hmacValues());
        values.put("jwtguard.issuers.partner.issuer", "https://partner.test");
        values.put("jwtguard.issuers.partner.audience", Tokens.AUDIENCE);
        values.put("jwtguard.issuers.partner.key", TestKeys.HMAC_SECRET + "-partner");
        values.put("jwtguard.issuers.partner.roles.claim", "groups");
        Authenticator twoIssuers = new Authenticator(TestSettings.load(values), Clock.fixed(NOW, ZoneOffset.UTC));
        String partnerToken = Tokens.valid(NOW).withIssuer("https://partner.test").withClaim("roles", List.of("Admin"))
                .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256(TestKeys.HMAC_SECRET + "-partner"));
        AuthenticationResult partner = twoIssuers.authenticate(List.of("Bearer " + partnerToken), null);
        AuthenticationResult first = twoIssuers.authenticate(List.of("Bearer " + Tokens.valid(NOW)
                .withClaim("roles", List.of()).sign(Tokens.hs256())), null);

        AccessDecision refusal = authorizer.decide(Rule.restricted(Set.of("Admin"), "", "test"), partner);
        AccessDecision firstRefusal = authorizer.decide(Rule.restricted(Set.of("Admin"), "", "test"), first);

        assertThat(refusal.failure().reason()).isEqualTo(Reason.INSUFFICIENT_ROLE);
        assertThat(refusal.failure().description()).isEqualTo("the token has no 'groups' claim, so no roles");
        assertThat(firstRefusal.failure().description()).isEqualTo("none of the token's roles [] is allowed here");
    }

    @Test
    void aRolesClaimThatIsOneStringWithCommasIsShownQuotedAndSaidToBeOneRole() {
        AuthenticationResult packed = bearer(Tokens.valid(NOW).withClaim("roles", "User,Admin").sign(Tokens.hs256()));

        AccessDecision refused = authorizer.decide(Rule.restricted(Set.of("Admin"), "", "test"), packed);

        assertThat(refused.failure().reason()).isEqualTo(Reason.INSUFFICIENT_ROLE);
        assertThat(refused.failure().description()).isEqualTo("none of the token's roles ['User,Admin'] is allowed here;"
                + " the token's 'roles' claim is one string, which is one role ('User,Admin'); send several roles as a"
                + " JSON array of strings");
    }

    @Test
    void anArrayWithARoleHoldingACommaQuotesEveryRole() {
        AccessDecision refused = authorizer.decide(Rule.restricted(Set.of("Admin"), "", "test"), user("User", "a,b"));

        assertThat(refused.failure().description()).isEqualTo("none of the token's roles ['User', 'a,b'] is allowed here");
    }

    private AuthenticationResult scoped(String scope) {
        return bearer(Tokens.valid(NOW).withClaim("scope", scope).sign(Tokens.hs256()));
    }

    @Test
    void aScopesRuleNeedsEveryScopeAndNamesThemAllWhenOneIsMissing() {
        Rule rule = Rule.restricted(Set.of(), List.of("mcp:tools", "mcp:resources"), "", "test");

        assertThat(authorizer.decide(rule, scoped("mcp:resources openid mcp:tools")).allows()).isTrue();
        AccessDecision refused = authorizer.decide(rule, scoped("mcp:tools"));

        assertThat(refused.failure().reason()).isEqualTo(Reason.INSUFFICIENT_SCOPE);
        assertThat(Reason.INSUFFICIENT_SCOPE.status()).isEqualTo(403);
        assertThat(Reason.INSUFFICIENT_SCOPE.bearerError()).isEqualTo("insufficient_scope");
        assertThat(refused.failure().scope()).isEqualTo("mcp:tools mcp:resources");
        assertThat(refused.failure().description()).isEqualTo("the token lacks the scope mcp:resources");
    }

    @Test
    void aTokenWithoutAnyScopeClaimIsToldSo() {
        Rule rule = Rule.restricted(Set.of(), List.of("mcp:tools"), "", "test");

        AccessDecision refused = authorizer.decide(rule, user("User"));

        assertThat(refused.failure().reason()).isEqualTo(Reason.INSUFFICIENT_SCOPE);
        assertThat(refused.failure().description())
                .isEqualTo("the token lacks the scope mcp:tools; it has no 'scope' or 'scp' claim, so it grants no scope");
    }

    @Test
    void scopesInScpCountLikeScope() {
        Rule rule = Rule.restricted(Set.of(), List.of("orders.read"), "", "test");

        assertThat(authorizer.decide(rule, bearer(Tokens.valid(NOW).withClaim("scp", List.of("orders.read"))
                .sign(Tokens.hs256()))).allows()).isTrue();
    }

    @Test
    void aScopesRulesRefusalsOfEveryKindCarryItsScopesForTheChallenge() {
        Rule rule = Rule.restricted(Set.of("Admin"), List.of("mcp:tools"), "", "test");

        AccessDecision anonymous = authorizer.decide(rule, none());
        AccessDecision wrongRole = authorizer.decide(rule, scoped("mcp:tools"));

        assertThat(anonymous.failure().reason()).isEqualTo(Reason.MISSING_TOKEN);
        assertThat(anonymous.failure().scope()).isEqualTo("mcp:tools");
        assertThat(wrongRole.failure().reason()).isEqualTo(Reason.INSUFFICIENT_ROLE);
        assertThat(wrongRole.failure().scope()).isEqualTo("mcp:tools");
        assertThat(authorizer.decide(Rule.restricted(Set.of("Admin"), "", "test"), none()).failure().scope()).isEmpty();
    }

    @Test
    void scopesCombineAlongAHierarchyAndShowInTheRuleTable() {
        Rule parent = Rule.restricted(Set.of(), List.of("a"), "", "parent");
        Rule child = Rule.restricted(Set.of("Admin"), List.of("b", "a"), "", "child");

        Rule both = parent.and(child);

        assertThat(both.scopes()).containsExactly("a", "b");
        assertThat(both.describe()).isEqualTo("roles [Admin] + scopes [a, b]");
        assertThat(both.weakerThan(parent)).isFalse();
        assertThat(parent.weakerThan(both)).isTrue();
        assertThat(Rule.restricted(Set.of(), List.of(), "", "x").kind()).isEqualTo(Rule.Kind.AUTHENTICATED);
    }
}
