package io.jwtguard.internal.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.AllowAnonymous;
import io.jwtguard.Authorize;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A Jakarta REST resource method's rule: its own annotation, else its class's, else the fallback. */
class ResourceMethodRulesTest {

    @Path("/reports")
    @RolesAllowed("Auditor")
    public static class Reports {
        @GET
        public String list() {
            return "";
        }

        @GET
        @Path("public")
        @PermitAll
        public String summary() {
            return "";
        }

        @POST
        @Authorize(roles = "Admin", policy = "office-hours")
        public String create() {
            return "";
        }

        @jakarta.ws.rs.DELETE
        @DenyAll
        public void purge() {
        }
    }

    @Path("/plain")
    public static class Plain {
        @GET
        public String get() {
            return "";
        }
    }

    public interface LoginApi {
        @POST
        @AllowAnonymous
        String login();

        @GET
        @RolesAllowed("*")
        String me();
    }

    @Path("/auth")
    public static class Login implements LoginApi {
        @Override
        public String login() {
            return "";
        }

        @Override
        public String me() {
            return "";
        }
    }

    @Path("/confused")
    public static class Confused {
        @GET
        @Authorize
        @PermitAll
        public String get() {
            return "";
        }

        @GET
        @Path("blank")
        @RolesAllowed("")
        public String blank() {
            return "";
        }
    }

    private final Problems problems = new Problems();
    private final List<String> warnings = new ArrayList<>();

    private Rule rule(Class<?> resource, String method, Settings.Fallback fallback) throws Exception {
        Method m = resource.getMethod(method);
        return RuleTable.forResourceMethod(resource, m, fallback, Set.of("office-hours"), problems, warnings);
    }

    @Test
    void theMethodsAnnotationWinsOverItsClassAndTheClassOverTheFallback() throws Exception {
        assertThat(rule(Reports.class, "list", Settings.Fallback.ANONYMOUS).describe()).isEqualTo("roles [Auditor]");
        assertThat(rule(Reports.class, "list", Settings.Fallback.ANONYMOUS).origin())
                .isEqualTo("@RolesAllowed on Reports");
        assertThat(rule(Reports.class, "summary", Settings.Fallback.DENY).kind()).isEqualTo(Rule.Kind.ANONYMOUS);
        assertThat(rule(Reports.class, "create", Settings.Fallback.ANONYMOUS).describe())
                .isEqualTo("roles [Admin] + policy office-hours");
        assertThat(rule(Reports.class, "purge", Settings.Fallback.ANONYMOUS).kind()).isEqualTo(Rule.Kind.DENY);
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void anUnannotatedResourceGetsTheFallback() throws Exception {
        assertThat(rule(Plain.class, "get", Settings.Fallback.AUTHENTICATED).kind()).isEqualTo(Rule.Kind.AUTHENTICATED);
        assertThat(rule(Plain.class, "get", Settings.Fallback.DENY).kind()).isEqualTo(Rule.Kind.DENY);
        assertThat(rule(Plain.class, "get", Settings.Fallback.DENY).origin()).isEqualTo("fallback");
    }

    @Test
    void annotationsOnTheInterfaceAResourceImplementsHoldWithoutAWarning() throws Exception {
        assertThat(rule(Login.class, "login", Settings.Fallback.AUTHENTICATED).kind()).isEqualTo(Rule.Kind.ANONYMOUS);
        assertThat(rule(Login.class, "me", Settings.Fallback.DENY).kind()).isEqualTo(Rule.Kind.AUTHENTICATED);
        assertThat(warnings).isEmpty();
    }

    @Test
    void twoRulesOnOneMethodOrABlankRoleAreProblems() throws Exception {
        rule(Confused.class, "get", Settings.Fallback.ANONYMOUS);
        rule(Confused.class, "blank", Settings.Fallback.ANONYMOUS);

        assertThat(problems.all()).containsExactly(
                "resource Confused: Confused.get has both @Authorize and @PermitAll; keep the one you mean",
                "resource Confused: @RolesAllowed on Confused.blank names no role or a blank one; name the roles,"
                        + " or \"*\" for any authenticated caller");
    }

    @Test
    void onlyMethodsWithAnHttpMethodAreResourceMethods() throws Exception {
        assertThat(RuleTable.isResourceMethod(Reports.class.getMethod("list"))).isTrue();
        assertThat(RuleTable.isResourceMethod(Reports.class.getMethod("purge"))).isTrue();
        assertThat(RuleTable.isResourceMethod(Object.class.getMethod("toString"))).isFalse();
    }
}
