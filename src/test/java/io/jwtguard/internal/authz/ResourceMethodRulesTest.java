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
        assertThat(ResourceMethodRules.isResourceMethod(Reports.class.getMethod("list"))).isTrue();
        assertThat(ResourceMethodRules.isResourceMethod(Reports.class.getMethod("purge"))).isTrue();
        assertThat(ResourceMethodRules.isResourceMethod(Object.class.getMethod("toString"))).isFalse();
    }

    // Shapes Java's type system gives a rule: generics, bridges, interfaces at any depth, class rules on interfaces.

    public interface Crud<T> {
        @POST
        @Path("put")
        @RolesAllowed("Admin")
        String put(T body);

        @GET
        String get();
    }

    @Path("/generic")
    public static class CrudImpl implements Crud<String> {
        @Override
        public String put(String body) {
            return body;
        }

        @Override
        public String get() {
            return "";
        }
    }

    public abstract static class AbstractCrud<T> {
        @POST
        @Path("put")
        @RolesAllowed("Admin")
        public abstract String put(T body);
    }

    @Path("/generic-super")
    public static class SuperCrudImpl extends AbstractCrud<String> {
        @Override
        public String put(String body) {
            return body;
        }
    }

    public interface Keyed<K> extends Crud<K> {
    }

    public abstract static class Middle<V> implements Keyed<V> {
    }

    @Path("/deep")
    public static class Deep extends Middle<Integer> {
        @Override
        public String put(Integer body) {
            return "";
        }

        @Override
        public String get() {
            return "";
        }
    }

    @Path("/iface")
    @RolesAllowed("Admin")
    public interface AdminApi {
        @GET
        String report();

        @GET
        @Path("open")
        @PermitAll
        String open();
    }

    @Path("/iface")
    public static class AdminApiImpl implements AdminApi {
        @Override
        public String report() {
            return "";
        }

        @Override
        public String open() {
            return "";
        }
    }

    @Authorize(roles = "Admin")
    public interface AuditApi {
        @GET
        String audit();
    }

    @Path("/audit")
    @RolesAllowed({"Admin", "User"})
    public static class AuditImpl implements AuditApi {
        @Override
        public String audit() {
            return "";
        }
    }

    @Test
    void aRuleOnAGenericInterfaceMethodHoldsForItsImplementation() throws Exception {
        Rule put = RuleTable.forResourceMethod(CrudImpl.class, CrudImpl.class.getMethod("put", String.class),
                Settings.Fallback.ANONYMOUS, Set.of(), problems, warnings);
        assertThat(put.describe()).isEqualTo("roles [Admin]");
        assertThat(put.origin()).isEqualTo("@RolesAllowed on Crud.put");
        assertThat(RuleTable.isResourceMethod(CrudImpl.class, CrudImpl.class.getMethod("put", String.class))).isTrue();
        assertThat(rule(CrudImpl.class, "get", Settings.Fallback.DENY).kind()).isEqualTo(Rule.Kind.DENY);
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void theBridgeMethodTheCompilerAddsLeadsToTheSameRule() throws Exception {
        Method bridge = CrudImpl.class.getMethod("put", Object.class);
        assertThat(bridge.isBridge()).isTrue();
        assertThat(RuleTable.forResourceMethod(CrudImpl.class, bridge, Settings.Fallback.ANONYMOUS, Set.of(), problems,
                warnings).describe()).isEqualTo("roles [Admin]");
    }

    @Test
    void aRuleOnAGenericAbstractSuperclassMethodHoldsForItsOverride() throws Exception {
        Rule put = RuleTable.forResourceMethod(SuperCrudImpl.class,
                SuperCrudImpl.class.getMethod("put", String.class), Settings.Fallback.ANONYMOUS, Set.of(), problems,
                warnings);
        assertThat(put.describe()).isEqualTo("roles [Admin]");
        assertThat(put.origin()).isEqualTo("@RolesAllowed on AbstractCrud.put");
    }

    @Test
    void typeArgumentsPassedThroughSeveralLevelsStillLinkTheOverride() throws Exception {
        Rule put = RuleTable.forResourceMethod(Deep.class, Deep.class.getMethod("put", Integer.class),
                Settings.Fallback.ANONYMOUS, Set.of(), problems, warnings);
        assertThat(put.describe()).isEqualTo("roles [Admin]");
    }

    @Test
    void aClassRuleOnTheInterfaceHoldsForAnUnannotatedImplementation() throws Exception {
        Rule report = rule(AdminApiImpl.class, "report", Settings.Fallback.ANONYMOUS);
        assertThat(report.describe()).isEqualTo("roles [Admin]");
        assertThat(report.origin()).isEqualTo("@RolesAllowed on AdminApi");
        assertThat(rule(AdminApiImpl.class, "open", Settings.Fallback.DENY).kind()).isEqualTo(Rule.Kind.ANONYMOUS);
    }

    @Test
    void whereTheClassAndItsInterfaceBothHaveARuleBothApply() throws Exception {
        Rule audit = rule(AuditImpl.class, "audit", Settings.Fallback.ANONYMOUS);
        assertThat(audit.describe()).isEqualTo("roles [Admin, User] + roles [Admin]");
        assertThat(audit.origin()).contains("AuditImpl").contains("AuditApi");
    }

    @Test
    void aParentsClassRuleReachesItsSubResources() throws Exception {
        Rule child = rule(Plain.class, "get", Settings.Fallback.ANONYMOUS);
        Rule parent = RuleTable.forResourceClass(AdminApiImpl.class, Set.of(), problems);
        assertThat(parent.describe()).isEqualTo("roles [Admin]");
        assertThat(RuleTable.withParents(child, java.util.Arrays.asList(parent, null)).describe())
                .isEqualTo("roles [Admin]");
        assertThat(RuleTable.forResourceClass(Plain.class, Set.of(), problems)).isNull();
    }
}
