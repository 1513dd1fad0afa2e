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

    @Path("/tools")
    @Authorize(scopes = "mcp:tools")
    public static class Tools {
        @GET
        public String list() {
            return "";
        }

        @POST
        @Authorize(roles = "Admin", scopes = {"mcp:tools", "mcp:write"})
        public String call() {
            return "";
        }

        @jakarta.ws.rs.DELETE
        @Authorize(scopes = "two words")
        public void remove() {
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
    void scopesOnAResourceAreItsRulesAndABadScopeIsAProblem() throws Exception {
        assertThat(rule(Tools.class, "list", Settings.Fallback.ANONYMOUS).scopes()).containsExactly("mcp:tools");
        assertThat(rule(Tools.class, "call", Settings.Fallback.ANONYMOUS).describe())
                .isEqualTo("roles [Admin] + scopes [mcp:tools, mcp:write]");
        assertThat(problems.isEmpty()).isTrue();

        rule(Tools.class, "remove", Settings.Fallback.ANONYMOUS);

        assertThat(problems.all()).anySatisfy(problem -> assertThat(problem).contains("'two words'", "RFC 6749"));
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

    // Class rules from superclasses, standard annotations on classes, and a method's own rule over all class rules.

    @RolesAllowed("Admin")
    public abstract static class AdminBase {
    }

    @Path("/inherits-admin")
    public static class InheritsAdmin extends AdminBase {
        @GET
        public String list() {
            return "";
        }
    }

    @Path("/auditor-over-admin")
    @Authorize(roles = "Auditor")
    public static class AuditorOverAdmin extends AdminBase {
        @GET
        public String list() {
            return "";
        }
    }

    public abstract static class ApiBase implements AdminApi {
    }

    @Path("/grand")
    public static class Grand extends ApiBase {
        @Override
        public String report() {
            return "";
        }

        @Override
        public String open() {
            return "";
        }
    }

    @Path("/closed")
    @DenyAll
    public static class Closed {
        @GET
        public String get() {
            return "";
        }

        @GET
        @Path("users")
        @RolesAllowed("User")
        public String users() {
            return "";
        }

        @GET
        @Path("any")
        @RolesAllowed("*")
        public String any() {
            return "";
        }
    }

    @Path("/open")
    @PermitAll
    public static class Open {
        @GET
        public String get() {
            return "";
        }

        @POST
        @Authorize
        public String post() {
            return "";
        }
    }

    @Path("/layered")
    @RolesAllowed("Auditor")
    public static class Layered extends AdminBase implements AuditApi {
        @Override
        public String audit() {
            return "";
        }

        @GET
        @Path("health")
        @PermitAll
        public String health() {
            return "";
        }
    }

    @Path("/locked-auth")
    @DenyAll
    public static class LockedLogin implements LoginApi {
        @Override
        public String login() {
            return "";
        }

        @Override
        public String me() {
            return "";
        }
    }

    @Test
    void aClassRuleOnASuperclassHoldsForAnUnannotatedSubclass() throws Exception {
        Rule list = rule(InheritsAdmin.class, "list", Settings.Fallback.ANONYMOUS);
        assertThat(list.describe()).isEqualTo("roles [Admin]");
        assertThat(list.origin()).isEqualTo("@RolesAllowed on AdminBase");
        assertThat(rule(Grand.class, "report", Settings.Fallback.ANONYMOUS).origin())
                .isEqualTo("@RolesAllowed on AdminApi");
        assertThat(RuleTable.forResourceClass(InheritsAdmin.class, Set.of(), problems).describe())
                .isEqualTo("roles [Admin]");
        assertThat(warnings).isEmpty();
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void whereTheClassAndItsSuperclassBothHaveARuleBothApply() throws Exception {
        Rule list = rule(AuditorOverAdmin.class, "list", Settings.Fallback.ANONYMOUS);
        assertThat(list.describe()).isEqualTo("roles [Auditor] + roles [Admin]");
        assertThat(list.origin()).isEqualTo("@Authorize on AuditorOverAdmin and @RolesAllowed on AdminBase");
    }

    @Test
    void theStandardAnnotationsOnAClassAreItsRuleAndAMethodsOwnRuleWins() throws Exception {
        Rule closed = rule(Closed.class, "get", Settings.Fallback.ANONYMOUS);
        assertThat(closed.kind()).isEqualTo(Rule.Kind.DENY);
        assertThat(closed.origin()).isEqualTo("@DenyAll on Closed");
        Rule users = rule(Closed.class, "users", Settings.Fallback.ANONYMOUS);
        assertThat(users.describe()).isEqualTo("roles [User]");
        assertThat(users.origin()).isEqualTo("@RolesAllowed on Closed.users");
        Rule any = rule(Closed.class, "any", Settings.Fallback.ANONYMOUS);
        assertThat(any.kind()).isEqualTo(Rule.Kind.AUTHENTICATED);
        assertThat(any.origin()).isEqualTo("@RolesAllowed(\"*\") on Closed.any");

        Rule open = rule(Open.class, "get", Settings.Fallback.DENY);
        assertThat(open.kind()).isEqualTo(Rule.Kind.ANONYMOUS);
        assertThat(open.origin()).isEqualTo("@PermitAll on Open");
        assertThat(rule(Open.class, "post", Settings.Fallback.DENY).kind()).isEqualTo(Rule.Kind.AUTHENTICATED);
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void aMethodsOwnRuleWinsOverTheClassRulesOfEveryLevel() throws Exception {
        Rule audit = rule(Layered.class, "audit", Settings.Fallback.ANONYMOUS);
        assertThat(audit.describe()).isEqualTo("roles [Auditor] + roles [Admin]");
        Rule health = rule(Layered.class, "health", Settings.Fallback.DENY);
        assertThat(health.kind()).isEqualTo(Rule.Kind.ANONYMOUS);
        assertThat(health.origin()).isEqualTo("@PermitAll on Layered.health");

        // The interface's method rule wins over the implementing class's @DenyAll.
        Rule login = rule(LockedLogin.class, "login", Settings.Fallback.DENY);
        assertThat(login.kind()).isEqualTo(Rule.Kind.ANONYMOUS);
        assertThat(login.origin()).isEqualTo("@AllowAnonymous on LoginApi.login");
        assertThat(rule(LockedLogin.class, "me", Settings.Fallback.DENY).kind()).isEqualTo(Rule.Kind.AUTHENTICATED);
    }

    // Override chains through generics where several declarations carry a rule.

    public abstract static class GuardedCrud<T> implements Crud<T> {
        @Override
        @Authorize(policy = "office-hours")
        public abstract String put(T body);
    }

    @Path("/guarded")
    public static class GuardedCrudImpl extends GuardedCrud<String> {
        @Override
        public String put(String body) {
            return body;
        }

        @Override
        public String get() {
            return "";
        }
    }

    @Path("/loose")
    public static class LooseCrud implements Crud<String> {
        @Override
        @PermitAll
        public String put(String body) {
            return body;
        }

        @Override
        public String get() {
            return "";
        }
    }

    @Test
    void everyRuleAlongAGenericOverrideChainApplies() throws Exception {
        Rule put = RuleTable.forResourceMethod(GuardedCrudImpl.class,
                GuardedCrudImpl.class.getMethod("put", String.class), Settings.Fallback.ANONYMOUS,
                Set.of("office-hours"), problems, warnings);
        assertThat(put.describe()).isEqualTo("roles [Admin] + policy office-hours");
        assertThat(put.origin()).isEqualTo("@Authorize on GuardedCrud.put and @RolesAllowed on Crud.put");

        Method bridge = GuardedCrudImpl.class.getMethod("put", Object.class);
        assertThat(bridge.isBridge()).isTrue();
        assertThat(RuleTable.forResourceMethod(GuardedCrudImpl.class, bridge, Settings.Fallback.ANONYMOUS,
                Set.of("office-hours"), problems, warnings).describe()).isEqualTo("roles [Admin] + policy office-hours");
        assertThat(RuleTable.declarations(GuardedCrudImpl.class, bridge)).extracting(Method::getDeclaringClass)
                .containsExactly(GuardedCrudImpl.class, GuardedCrud.class, Crud.class);
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void anOverrideThatWouldOpenAGenericInterfacesRuleKeepsItAndIsWarnedAbout() throws Exception {
        Rule put = RuleTable.forResourceMethod(LooseCrud.class, LooseCrud.class.getMethod("put", String.class),
                Settings.Fallback.ANONYMOUS, Set.of(), problems, warnings);
        assertThat(put.describe()).isEqualTo("roles [Admin]");
        assertThat(warnings).containsExactly("resource LooseCrud: @PermitAll on LooseCrud.put would loosen"
                + " @RolesAllowed on Crud.put (roles [Admin]); both apply");
    }

    @Test
    void everyParentsClassRuleAddsToTheSubResourcesRuleAndNoneOpensIt() throws Exception {
        Rule adminParent = RuleTable.forResourceClass(AdminApiImpl.class, Set.of(), problems);
        Rule auditorParent = RuleTable.forResourceClass(Reports.class, Set.of(), problems);
        Rule me = rule(Login.class, "me", Settings.Fallback.ANONYMOUS);

        assertThat(RuleTable.withParents(me, List.of(adminParent, auditorParent)).describe())
                .isEqualTo("roles [Admin] + roles [Auditor]");
        // A sub-resource's own @PermitAll does not open what a parent demands; a parent's @DenyAll closes it.
        Rule summary = rule(Reports.class, "summary", Settings.Fallback.ANONYMOUS);
        assertThat(RuleTable.withParents(summary, List.of(adminParent)).describe()).isEqualTo("roles [Admin]");
        Rule closedParent = RuleTable.forResourceClass(Closed.class, Set.of(), problems);
        assertThat(RuleTable.withParents(me, List.of(adminParent, closedParent)).kind()).isEqualTo(Rule.Kind.DENY);
        assertThat(RuleTable.withParents(me, List.of())).isEqualTo(me);
    }
}
