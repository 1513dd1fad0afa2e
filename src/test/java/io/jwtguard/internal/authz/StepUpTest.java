package io.jwtguard.internal.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWTCreator;
import io.jwtguard.Authorize;
import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Step-up (RFC 9470): the acr and auth_time a rule demands, decided by the Authorizer. */
class StepUpTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final Authenticator authenticator = new Authenticator(TestSettings.hmac(), CLOCK);
    private final Authorizer authorizer = new Authorizer(policies(Map.of(
            "jwtguard.policy.Payments.roles", "User",
            "jwtguard.policy.Payments.acr", "2,gold",
            "jwtguard.policy.Payments.max-age", "5m")), CLOCK, SKEW);

    private static final Rule GOLD_RECENT = Rule.restricted(Set.of(), "", "test")
            .withStepUp(new StepUp(List.of("2", "gold"), 300));
    private static final Rule GOLD = Rule.restricted(Set.of(), "", "test").withStepUp(new StepUp(List.of("2", "gold"),
            StepUp.NO_MAX_AGE));
    private static final Rule RECENT = Rule.restricted(Set.of(), "", "test").withStepUp(new StepUp(List.of(), 300));

    private static Policies policies(Map<String, String> values) {
        try {
            return Problems.require(problems -> Policies.load(TestSettings.hmacWith(values).policies(),
                    StepUpTest.class.getClassLoader(), problems));
        } catch (InvalidSettingsException e) {
            throw new AssertionError(e);
        }
    }

    private AuthenticationResult token(UnaryOperator<JWTCreator.Builder> claims) {
        return authenticator.authenticate(List.of("Bearer " + claims.apply(Tokens.valid(NOW)).sign(Tokens.hs256())),
                null);
    }

    private AccessDecision decide(Rule rule, UnaryOperator<JWTCreator.Builder> claims) {
        return authorizer.decide(rule, token(claims));
    }

    @Test
    void acceptedAcrAndRecentSignInGoOn() {
        AccessDecision decision = decide(GOLD_RECENT, t -> t.withClaim("acr", "gold")
                .withClaim("auth_time", NOW.minusSeconds(120).getEpochSecond()));

        assertThat(decision.kind()).isEqualTo(AccessDecision.Kind.ALLOW_AUTHENTICATED);
    }

    @Test
    void acrNotAmongTheRulesGets401InsufficientUserAuthenticationWithAcrValues() {
        AccessDecision decision = decide(GOLD, t -> t.withClaim("acr", "1"));

        assertThat(decision.allows()).isFalse();
        assertThat(decision.failure().reason()).isEqualTo(Reason.INSUFFICIENT_USER_AUTHENTICATION);
        assertThat(decision.failure().reason().status()).isEqualTo(401);
        assertThat(decision.failure().description()).isEqualTo("the token's acr '1' is not an authentication class"
                + " this endpoint accepts (acr_values [2, gold]); sign in again with one of them");
        assertThat(decision.failure().challengeParams()).isEqualTo("acr_values=\"2 gold\"");
    }

    @Test
    void acrIsComparedExactly() {
        assertThat(decide(GOLD, t -> t.withClaim("acr", "Gold")).allows()).isFalse();
        assertThat(decide(GOLD, t -> t.withClaim("acr", "2")).allows()).isTrue();
    }

    @Test
    void absentOrNonStringAcrFallsShort() {
        AccessDecision absent = decide(GOLD, t -> t);
        AccessDecision number = decide(GOLD, t -> t.withClaim("acr", 2));

        assertThat(absent.failure().reason()).isEqualTo(Reason.INSUFFICIENT_USER_AUTHENTICATION);
        assertThat(absent.failure().description()).startsWith("the token has no 'acr' claim");
        assertThat(number.failure().reason()).isEqualTo(Reason.INSUFFICIENT_USER_AUTHENTICATION);
        assertThat(number.failure().description()).startsWith("the token's 'acr' claim is not a string");
    }

    @Test
    void signInOlderThanTheMaxAgePlusSkewGets401WithMaxAge() {
        AccessDecision old = decide(RECENT, t -> t.withClaim("auth_time", NOW.minusSeconds(361).getEpochSecond()));

        assertThat(old.failure().reason()).isEqualTo(Reason.INSUFFICIENT_USER_AUTHENTICATION);
        assertThat(old.failure().description()).isEqualTo("the user signed in at 2026-11-28T09:53:59Z (auth_time),"
                + " longer ago than the 300s this endpoint allows (max_age), server time 2026-11-28T10:00:00Z, allowed"
                + " skew 60s; sign in again");
        assertThat(old.failure().challengeParams()).isEqualTo("max_age=300");
    }

    @Test
    void theClockSkewIsAllowedOnAuthTime() {
        assertThat(decide(RECENT, t -> t.withClaim("auth_time", NOW.minusSeconds(360).getEpochSecond())).allows())
                .isTrue();
        assertThat(decide(RECENT, t -> t.withClaim("auth_time", NOW.minusSeconds(299).getEpochSecond())).allows())
                .isTrue();
    }

    @Test
    void absentAuthTimeFallsShortWhenAMaxAgeIsRequired() {
        AccessDecision absent = decide(RECENT, t -> t);
        AccessDecision text = decide(RECENT, t -> t.withClaim("auth_time", "yesterday"));

        assertThat(absent.failure().reason()).isEqualTo(Reason.INSUFFICIENT_USER_AUTHENTICATION);
        assertThat(absent.failure().description()).isEqualTo("the token has no 'auth_time' claim, so the sign-in is"
                + " not shown to be within the last 300s (max_age); sign in again");
        assertThat(text.failure().description()).startsWith("the token's 'auth_time' is not a NumericDate");
    }

    @Test
    void theChallengeParamsNameBothDemands() {
        AccessDecision decision = decide(GOLD_RECENT, t -> t.withClaim("acr", "gold"));

        assertThat(decision.failure().challengeParams()).isEqualTo("acr_values=\"2 gold\", max_age=300");
    }

    @Test
    void aMissingRoleIsRefusedBeforeTheStepUp() {
        Rule adminsRecently = Rule.restricted(Set.of("Admin"), "", "test").withStepUp(new StepUp(List.of(), 300));

        AccessDecision decision = decide(adminsRecently, t -> t);

        assertThat(decision.failure().reason()).isEqualTo(Reason.INSUFFICIENT_ROLE);
    }

    @Test
    void aConfiguredPolicysAcrAndMaxAgeStepUp() {
        Rule payments = Rule.restricted(Set.of(), "Payments", "test");

        AccessDecision weak = decide(payments, t -> t.withClaim("acr", "1")
                .withClaim("auth_time", NOW.getEpochSecond()));
        AccessDecision strong = decide(payments, t -> t.withClaim("acr", "gold")
                .withClaim("auth_time", NOW.minusSeconds(10).getEpochSecond()));

        assertThat(weak.failure().reason()).isEqualTo(Reason.INSUFFICIENT_USER_AUTHENTICATION);
        assertThat(weak.failure().challengeParams()).isEqualTo("acr_values=\"2 gold\", max_age=300");
        assertThat(strong.allows()).isTrue();
    }

    @Test
    void aPolicyWithoutItsRoleIsStill403() {
        Rule payments = Rule.restricted(Set.of(), "Payments", "test");

        AccessDecision decision = decide(payments, t -> t.withClaim("roles", List.of("Guest")).withClaim("acr", "1"));

        assertThat(decision.failure().reason()).isEqualTo(Reason.POLICY_FAILED);
    }

    @Test
    void aRuleDescribesItsStepUp() {
        assertThat(GOLD_RECENT.describe()).isEqualTo("acr any of [2, gold], max age 300s");
        assertThat(Rule.restricted(Set.of("Admin"), "", "t").withStepUp(new StepUp(List.of(), 0)).describe())
                .isEqualTo("roles [Admin] + max age 0s");
        assertThat(Rule.restricted(Set.of(), "", "t").withStepUp(StepUp.NONE).kind())
                .isEqualTo(Rule.Kind.AUTHENTICATED);
    }

    @Test
    void combiningRulesKeepsEveryStepUp() {
        Rule parent = Rule.restricted(Set.of(), "", "a").withStepUp(new StepUp(List.of("2"), StepUp.NO_MAX_AGE));
        Rule child = Rule.restricted(Set.of(), "", "b").withStepUp(new StepUp(List.of(), 60));

        assertThat(parent.and(child).stepUps()).containsExactly(new StepUp(List.of("2"), StepUp.NO_MAX_AGE),
                new StepUp(List.of(), 60));
        assertThat(child.weakerThan(parent)).isTrue();
    }

    // --- @Authorize(acr, maxAgeSeconds) read at start-up ---

    static class PaymentsServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        @Authorize(roles = "User", acr = {"2", "gold"}, maxAgeSeconds = 300)
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        }
    }

    @Authorize(acr = {"gold", " "}, maxAgeSeconds = -5)
    static class NonsenseServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    @Authorize(acr = "two words")
    static class SpacedAcrServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    private static RuleTable table(Map<String, Class<?>> servlets) throws InvalidSettingsException {
        return Problems.require(problems -> RuleTable.of(servlets, Settings.Fallback.AUTHENTICATED, Set.of(), problems));
    }

    @Test
    void authorizeCarriesTheStepUpIntoTheRuleTable() throws InvalidSettingsException {
        RuleTable rules = table(Map.of("payments", PaymentsServlet.class));

        Rule post = rules.ruleFor("payments", "POST");
        assertThat(post.kind()).isEqualTo(Rule.Kind.RESTRICTED);
        assertThat(post.stepUps()).containsExactly(new StepUp(List.of("2", "gold"), 300));
        assertThat(post.describe()).isEqualTo("roles [User] + acr any of [2, gold], max age 300s");
        assertThat(rules.ruleFor("payments", "GET").stepUps()).isEmpty();
    }

    @Test
    void nonsenseStepUpFailsStartUpNamingEachProblem() {
        Map<String, Class<?>> servlets = new LinkedHashMap<>();
        servlets.put("nonsense", NonsenseServlet.class);
        servlets.put("spaced", SpacedAcrServlet.class);

        assertThatThrownBy(() -> table(servlets)).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("servlet 'nonsense': @Authorize on NonsenseServlet names an acr value that is blank")
                .hasMessageContaining("servlet 'nonsense': @Authorize on NonsenseServlet sets a negative maximum authentication"
                        + " age (-5)")
                .hasMessageContaining("servlet 'spaced': @Authorize on SpacedAcrServlet names an acr value that is blank or holds"
                        + " a space");
    }

    @Test
    void nonsensePolicyStepUpFailsStartUp() {
        assertThatThrownBy(() -> TestSettings.load(withHmac(Map.of("jwtguard.policy.A.acr", " , ",
                "jwtguard.policy.B.max-age", "-5m", "jwtguard.policy.C.max-age", "soon",
                "jwtguard.policy.D.roles", "User", "jwtguard.policy.D.any-of", "E", "jwtguard.policy.E.acr", "2"))))
                .hasMessageContaining("jwtguard.policy.A.acr: names no acr value")
                .hasMessageContaining("jwtguard.policy.B.max-age: '-5m' is not a whole number of seconds, 0 or more")
                .hasMessageContaining("jwtguard.policy.C.max-age: 'soon' is not a duration")
                .hasMessageContaining("jwtguard.policy.D.any-of: names 'E', which has acr or max-age");
    }

    @Test
    void aPolicyAcrValueWithAQuoteFailsStartUp() {
        Problems problems = new Problems();
        Policies.load(TestSettings.hmacWith(Map.of("jwtguard.policy.P.acr", "gold\"")).policies(),
                StepUpTest.class.getClassLoader(), problems);

        assertThat(problems.all()).singleElement().asString()
                .startsWith("jwtguard.policy.P.acr names an acr value that is blank or holds a space, a quote");
    }

    private static Map<String, String> withHmac(Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>(TestSettings.hmacValues());
        all.putAll(values);
        return all;
    }
}
