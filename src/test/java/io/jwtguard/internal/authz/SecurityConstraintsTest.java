package io.jwtguard.internal.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.testing.FakeContainer;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecurityConstraintsTest {

    private static SecurityConstraints of(String constraints) {
        return SecurityConstraints.read(new FakeContainer().webXml(
                "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">" + constraints + "</web-app>")
                .context());
    }

    private static String constraint(String collection, String auth) {
        return "<security-constraint><web-resource-collection><web-resource-name>x</web-resource-name>" + collection
                + "</web-resource-collection>" + auth + "</security-constraint>";
    }

    private static String roles(String... names) {
        StringBuilder auth = new StringBuilder("<auth-constraint>");
        for (String name : names) {
            auth.append("<role-name>").append(name).append("</role-name>");
        }
        return auth.append("</auth-constraint>").toString();
    }

    @Test
    void theBestMatchingPatternDecidesTheRolesExactThenLongestPrefixThenExtensionThenDefault() {
        SecurityConstraints constraints = of(
                constraint("<url-pattern>/*</url-pattern>", roles("User"))
                        + constraint("<url-pattern>/admin/*</url-pattern>", roles("Admin"))
                        + constraint("<url-pattern>/admin/reports/*</url-pattern>", roles("Auditor"))
                        + constraint("<url-pattern>/admin/open</url-pattern>", "")
                        + constraint("<url-pattern>*.pdf</url-pattern>", roles("Printer")));

        assertThat(constraints.rolesDemanded("/admin/users", "GET")).contains(Set.of("Admin"));
        assertThat(constraints.rolesDemanded("/admin", "GET")).contains(Set.of("Admin"));
        assertThat(constraints.rolesDemanded("/administrator", "GET")).contains(Set.of("User"));
        assertThat(constraints.rolesDemanded("/admin/reports/q1", "GET")).contains(Set.of("Auditor"));
        assertThat(constraints.rolesDemanded("/admin/reports/q1.pdf", "GET")).contains(Set.of("Auditor"));
        // An exact pattern with no <auth-constraint> lets every caller in: nothing for JwtGuard to refuse.
        assertThat(constraints.rolesDemanded("/admin/open", "GET")).isEmpty();
        // A path prefix wins over an extension (Servlet 6.0 §12.2).
        assertThat(constraints.rolesDemanded("/doc.pdf", "GET")).contains(Set.of("User"));
    }

    @Test
    void anExtensionAndTheDefaultPatternApplyOnlyWhereNoPrefixMatches() {
        SecurityConstraints constraints = of(constraint("<url-pattern>*.pdf</url-pattern>", roles("Printer"))
                + constraint("<url-pattern>/</url-pattern>", roles("User")));

        assertThat(constraints.rolesDemanded("/files/a.pdf", "GET")).contains(Set.of("Printer"));
        assertThat(constraints.rolesDemanded("/files.d/a", "GET")).contains(Set.of("User"));
    }

    @Test
    void theRolesOfConstraintsOnOnePatternAreJoinedAndAMethodTheyDoNotNameIsUncoveredThere() {
        SecurityConstraints constraints = of(
                constraint("<url-pattern>/api/*</url-pattern><http-method>GET</http-method>", roles("Reader"))
                        + constraint("<url-pattern>/api/*</url-pattern><http-method>GET</http-method>", roles("Admin"))
                        + constraint("<url-pattern>/*</url-pattern>", roles("Admin")));

        assertThat(constraints.rolesDemanded("/api/x", "GET")).contains(Set.of("Reader", "Admin"));
        // POST is uncovered at /api/*: the less specific /* does not apply (the container lets it through).
        assertThat(constraints.rolesDemanded("/api/x", "POST")).isEmpty();
    }

    @Test
    void constraintsWhoseRoleSetsOnlyTheContainerKnowsAreLeftToIt() {
        SecurityConstraints constraints = of(constraint("<url-pattern>/any/*</url-pattern>", roles("*"))
                + constraint("<url-pattern>/authenticated/*</url-pattern>", roles("**"))
                + constraint("<url-pattern>/nobody/*</url-pattern>", "<auth-constraint/>")
                + constraint("<url-pattern>/mixed/*</url-pattern>", roles("Admin"))
                + constraint("<url-pattern>/mixed/*</url-pattern>", ""));

        assertThat(constraints.rolesDemanded("/any/x", "GET")).isEmpty();
        assertThat(constraints.rolesDemanded("/authenticated/x", "GET")).isEmpty();
        assertThat(constraints.rolesDemanded("/nobody/x", "GET")).isEmpty();
        assertThat(constraints.rolesDemanded("/mixed/x", "GET")).isEmpty();
    }

    @Test
    void omittedMethodsAreNotDemanded() {
        SecurityConstraints constraints = of(constraint(
                "<url-pattern>/api/*</url-pattern><http-method-omission>OPTIONS</http-method-omission>", roles("User")));

        assertThat(constraints.rolesDemanded("/api/x", "DELETE")).contains(Set.of("User"));
        assertThat(constraints.rolesDemanded("/api/x", "OPTIONS")).isEmpty();
    }

    @Test
    void everyPatternWithUncoveredMethodsIsNamedUnlessTheContainerDeniesThem() {
        String gaps = constraint("<url-pattern>/get-only/*</url-pattern><http-method>GET</http-method>", roles("Admin"))
                + constraint("<url-pattern>/omits/*</url-pattern><http-method-omission>TRACE</http-method-omission>"
                        + "<http-method-omission>PUT</http-method-omission>", roles("Admin"))
                + constraint("<url-pattern>/omits/*</url-pattern><http-method>PUT</http-method>", roles("Admin"))
                + constraint("<url-pattern>/all/*</url-pattern>", roles("Admin"))
                + constraint("<url-pattern>/both/*</url-pattern><http-method>GET</http-method>", roles("Admin"))
                + constraint("<url-pattern>/both/*</url-pattern>", roles("Admin"));

        assertThat(of(gaps).uncoveredMethods()).containsExactly(
                "web.xml's <security-constraint> for '/get-only/*' leaves every HTTP method but [GET] uncovered: those"
                        + " requests reach the servlet with no constraint (only JwtGuard's own rule for the servlet"
                        + " applies); cover every method, or add <deny-uncovered-http-methods/> to web.xml so that the"
                        + " container refuses them",
                "web.xml's <security-constraint> for '/omits/*' leaves [TRACE] uncovered: those requests reach the"
                        + " servlet with no constraint (only JwtGuard's own rule for the servlet applies); cover every"
                        + " method, or add <deny-uncovered-http-methods/> to web.xml so that the container refuses them");
        assertThat(of(gaps + "<deny-uncovered-http-methods/>").uncoveredMethods()).isEmpty();
    }

    @Test
    void aDescriptorThatCannotBeReadCarriesNoVerdict() {
        SecurityConstraints constraints = SecurityConstraints.read(new FakeContainer()
                .webXml("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><web-app>&e;</web-app>").context());

        assertThat(constraints.rolesDemanded("/x", "GET")).isEmpty();
        assertThat(constraints.uncoveredMethods()).isEmpty();
    }
}
