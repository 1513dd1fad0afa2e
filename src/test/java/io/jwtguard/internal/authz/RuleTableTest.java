package io.jwtguard.internal.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.AllowAnonymous;
import io.jwtguard.Authorize;
import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleTableTest {

    @Authorize(roles = "Admin")
    static class AdminServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    @AllowAnonymous
    static class LoginServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    static class MixedServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        @Authorize
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        }

        @Override
        @Authorize(roles = {"Admin", "Editor"})
        protected void doDelete(HttpServletRequest request, HttpServletResponse response) {
        }
    }

    @Authorize(roles = "Admin")
    static class ClassAndMethodServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        @AllowAnonymous
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        }
    }

    /** Inherits its parent's class rule. */
    static class SubAdminServlet extends AdminServlet {
        private static final long serialVersionUID = 1L;
    }

    static class PlainServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    @Authorize
    @AllowAnonymous
    static class ConfusedServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    private static RuleTable table(Settings.Fallback fallback) throws InvalidSettingsException {
        Map<String, Class<?>> servlets = new LinkedHashMap<>();
        servlets.put("admin", AdminServlet.class);
        servlets.put("login", LoginServlet.class);
        servlets.put("mixed", MixedServlet.class);
        servlets.put("both", ClassAndMethodServlet.class);
        servlets.put("sub", SubAdminServlet.class);
        servlets.put("plain", PlainServlet.class);
        servlets.put("container", Object.class);
        return table(servlets, fallback, Set.of("Auditors"));
    }

    @Test
    void classAnnotationsGiveTheRuleForEveryMethod() throws InvalidSettingsException {
        RuleTable rules = table(Settings.Fallback.AUTHENTICATED);

        assertThat(rules.ruleFor("admin", "GET"))
                .isEqualTo(new Rule(Rule.Kind.RESTRICTED, List.of(Set.of("Admin")), List.of(), "@Authorize on AdminServlet"));
        assertThat(rules.ruleFor("admin", "PROPFIND").kind()).isEqualTo(Rule.Kind.RESTRICTED);
        assertThat(rules.ruleFor("login", "POST").kind()).isEqualTo(Rule.Kind.ANONYMOUS);
    }

    @Test
    void methodAnnotationsWinOverTheClass() throws InvalidSettingsException {
        RuleTable rules = table(Settings.Fallback.AUTHENTICATED);

        assertThat(rules.ruleFor("both", "GET").kind()).isEqualTo(Rule.Kind.ANONYMOUS);
        assertThat(rules.ruleFor("both", "POST").kind()).isEqualTo(Rule.Kind.RESTRICTED);
        assertThat(rules.ruleFor("mixed", "GET").kind()).isEqualTo(Rule.Kind.AUTHENTICATED);
        assertThat(rules.ruleFor("mixed", "DELETE").roleSets()).containsExactly(Set.of("Admin", "Editor"));
    }

    @Test
    void headFollowsGetUnlessDoHeadIsOverridden() throws InvalidSettingsException {
        RuleTable rules = table(Settings.Fallback.ANONYMOUS);

        assertThat(rules.ruleFor("both", "HEAD").kind()).isEqualTo(Rule.Kind.ANONYMOUS);
        assertThat(rules.ruleFor("mixed", "HEAD").kind()).isEqualTo(Rule.Kind.AUTHENTICATED);
    }

    @Test
    void unannotatedMethodsAndUnknownMethodsGetTheClassRuleOrTheFallback() throws InvalidSettingsException {
        RuleTable rules = table(Settings.Fallback.DENY);

        assertThat(rules.ruleFor("mixed", "POST").kind()).isEqualTo(Rule.Kind.DENY);
        assertThat(rules.ruleFor("mixed", "BREW").kind()).isEqualTo(Rule.Kind.DENY);
        assertThat(rules.ruleFor("plain", "GET").kind()).isEqualTo(Rule.Kind.DENY);
    }

    @Test
    void superclassAnnotationsAreInherited() throws InvalidSettingsException {
        assertThat(table(Settings.Fallback.ANONYMOUS).ruleFor("sub", "GET").roleSets()).containsExactly(Set.of("Admin"));
    }

    @Test
    void unknownServletsAndContainerServletsGetTheFallback() throws InvalidSettingsException {
        RuleTable rules = table(Settings.Fallback.AUTHENTICATED);

        assertThat(rules.ruleFor("container", "GET").origin()).isEqualTo("fallback");
        assertThat(rules.ruleFor("never-registered", "GET").origin()).isEqualTo("fallback");
        assertThat(rules.ruleFor(null, "GET").kind()).isEqualTo(Rule.Kind.AUTHENTICATED);
    }

    @Test
    void bothAnnotationsOnOneElementFailStartUp() {
        assertThatThrownBy(() -> table(Map.of("confused", ConfusedServlet.class), Settings.Fallback.AUTHENTICATED,
                Set.of()))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("servlet 'confused'").hasMessageContaining("both @Authorize and @AllowAnonymous");
    }

    static class ParentServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        @Authorize(roles = "Admin")
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        }

        @Override
        @Authorize(policy = "Auditors")
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        }
    }

    /** Overrides without annotations, and tries to loosen POST: neither drops the parent's rule. */
    static class ChildServlet extends ParentServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        }

        @Override
        @AllowAnonymous
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        }
    }

    static class PolicyServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        @Authorize(policy = "Nobody")
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        }
    }

    @Test
    void overridesNeverDropOrLoosenTheParentsRule() throws InvalidSettingsException {
        RuleTable rules = table(Map.of("child", ChildServlet.class), Settings.Fallback.ANONYMOUS, Set.of("Auditors"));

        assertThat(rules.ruleFor("child", "GET").roleSets()).containsExactly(Set.of("Admin"));
        assertThat(rules.ruleFor("child", "HEAD").roleSets()).containsExactly(Set.of("Admin"));
        assertThat(rules.ruleFor("child", "POST").policies()).containsExactly("Auditors");
        assertThat(rules.warnings()).anySatisfy(w -> assertThat(w).contains("ChildServlet.doPost", "would loosen"))
                .anySatisfy(w -> assertThat(w).contains("ChildServlet.doGet overrides ParentServlet.doGet"));
    }

    @Test
    void aPolicyDefinedNowhereFailsStartUpNamingServletAndMethod() {
        assertThatThrownBy(() -> table(Map.of("reports", PolicyServlet.class), Settings.Fallback.AUTHENTICATED,
                Set.of("Auditors")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("servlet 'reports'")
                .hasMessageContaining("@Authorize(policy = \"Nobody\") on PolicyServlet.doGet")
                .hasMessageContaining("jwtguard.policy.Nobody");
    }

    @Test
    void rulesCombineToTheStricter() {
        Rule admin = Rule.restricted(Set.of("Admin"), "", "a");
        Rule policy = Rule.restricted(Set.of(), "P", "b");

        assertThat(Rule.anonymous("x").and(admin)).isEqualTo(admin);
        assertThat(admin.and(Rule.deny("d")).kind()).isEqualTo(Rule.Kind.DENY);
        assertThat(admin.and(policy).roleSets()).containsExactly(Set.of("Admin"));
        assertThat(admin.and(policy).policies()).containsExactly("P");
        assertThat(Rule.anonymous("x").weakerThan(admin)).isTrue();
        assertThat(admin.weakerThan(Rule.authenticated("y"))).isFalse();
    }

    @RolesAllowed("Admin")
    static class StandardServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        @PermitAll
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        }

        @Override
        @RolesAllowed("*")
        protected void doPut(HttpServletRequest request, HttpServletResponse response) {
        }

        @Override
        @DenyAll
        protected void doDelete(HttpServletRequest request, HttpServletResponse response) {
        }
    }

    @Test
    void theStandardAnnotationsAreHonouredLikeJwtGuardsOwn() throws InvalidSettingsException {
        RuleTable rules = table(Map.of("standard", StandardServlet.class), Settings.Fallback.AUTHENTICATED, Set.of());

        assertThat(rules.ruleFor("standard", "GET").kind()).isEqualTo(Rule.Kind.ANONYMOUS);
        assertThat(rules.ruleFor("standard", "HEAD").kind()).isEqualTo(Rule.Kind.ANONYMOUS);
        assertThat(rules.ruleFor("standard", "POST").kind()).isEqualTo(Rule.Kind.RESTRICTED);
        assertThat(rules.ruleFor("standard", "POST").roleSets()).containsExactly(Set.of("Admin"));
        assertThat(rules.ruleFor("standard", "POST").origin()).isEqualTo("@RolesAllowed on StandardServlet");
        assertThat(rules.ruleFor("standard", "PUT").kind()).isEqualTo(Rule.Kind.AUTHENTICATED);
        assertThat(rules.ruleFor("standard", "DELETE").kind()).isEqualTo(Rule.Kind.DENY);
        assertThat(rules.ruleFor("standard", "DELETE").origin()).isEqualTo("@DenyAll on StandardServlet.doDelete");
    }

    @Authorize
    @PermitAll
    static class DoublyAnnotatedServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    static class MisplacedServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        @Authorize(roles = "Admin")
        protected void service(HttpServletRequest request, HttpServletResponse response) {
        }

        @RolesAllowed("Admin")
        void helper() {
        }
    }

    @jakarta.servlet.annotation.ServletSecurity(@jakarta.servlet.annotation.HttpConstraint(rolesAllowed = "Admin"))
    static class ContainerConstrainedServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void annotationsJwtGuardWouldNotReadFailStartUpNamingClassAndMethod() {
        assertThatThrownBy(() -> table(Map.of("misplaced", MisplacedServlet.class, "double", DoublyAnnotatedServlet.class),
                Settings.Fallback.AUTHENTICATED, Set.of()))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("servlet 'misplaced': @Authorize on MisplacedServlet.service has no effect")
                .hasMessageContaining("servlet 'misplaced': @RolesAllowed on MisplacedServlet.helper has no effect")
                .hasMessageContaining("servlet 'double': DoublyAnnotatedServlet has both @Authorize and @PermitAll");
    }

    @Test
    void servletSecurityIsNamedBecauseTheContainerEnforcesItWithoutJwtGuardsCaller() throws InvalidSettingsException {
        RuleTable rules = table(Map.of("constrained", ContainerConstrainedServlet.class), Settings.Fallback.AUTHENTICATED,
                Set.of());

        assertThat(rules.warnings()).anySatisfy(warning -> assertThat(warning)
                .startsWith("servlet 'constrained': @ServletSecurity on ContainerConstrainedServlet is enforced by the"
                        + " container before any filter"));
    }

    /** The table, or the one exception that lists every problem found in it. */
    private static RuleTable table(Map<String, Class<?>> servlets, Settings.Fallback fallback, Set<String> policies)
            throws InvalidSettingsException {
        return Problems.require(problems -> RuleTable.of(servlets, fallback, policies, problems));
    }
}
