package io.jwtguard.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.AllowAnonymous;
import io.jwtguard.Authorize;
import io.jwtguard.config.InvalidSettingsException;
import io.jwtguard.config.Settings;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
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
        return RuleTable.of(servlets, fallback);
    }

    @Test
    void classAnnotationsGiveTheRuleForEveryMethod() throws InvalidSettingsException {
        RuleTable rules = table(Settings.Fallback.AUTHENTICATED);

        assertThat(rules.ruleFor("admin", "GET")).isEqualTo(new Rule(Rule.Kind.ROLES, Set.of("Admin"), "@Authorize on AdminServlet"));
        assertThat(rules.ruleFor("admin", "PROPFIND").kind()).isEqualTo(Rule.Kind.ROLES);
        assertThat(rules.ruleFor("login", "POST").kind()).isEqualTo(Rule.Kind.ANONYMOUS);
    }

    @Test
    void methodAnnotationsWinOverTheClass() throws InvalidSettingsException {
        RuleTable rules = table(Settings.Fallback.AUTHENTICATED);

        assertThat(rules.ruleFor("both", "GET").kind()).isEqualTo(Rule.Kind.ANONYMOUS);
        assertThat(rules.ruleFor("both", "POST").kind()).isEqualTo(Rule.Kind.ROLES);
        assertThat(rules.ruleFor("mixed", "GET").kind()).isEqualTo(Rule.Kind.AUTHENTICATED);
        assertThat(rules.ruleFor("mixed", "DELETE").roles()).containsExactlyInAnyOrder("Admin", "Editor");
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
        assertThat(table(Settings.Fallback.ANONYMOUS).ruleFor("sub", "GET").roles()).containsExactly("Admin");
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
        assertThatThrownBy(() -> RuleTable.of(Map.of("confused", ConfusedServlet.class), Settings.Fallback.AUTHENTICATED))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("servlet 'confused'").hasMessageContaining("also has @AllowAnonymous");
    }
}
