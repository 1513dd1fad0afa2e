package io.jwtguard.internal.authz;

import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every servlet's rule per HTTP method, read once at start-up from the annotations of the classes the
 * {@link ServletContext} registered. At request time a rule is found by servlet name (from
 * {@code HttpServletRequest.getHttpServletMapping()}), never by matching the URI, so path tricks
 * ({@code ;}, {@code %2e}, {@code //}, case) cannot pick another servlet's rule. Immutable, thread-safe.
 *
 * <p>Which rule a servlet method gets is {@link ServletRuleReader}'s to decide; a method the servlet does not handle,
 * or an extension method, gets the class rule (fail closed). This class is also where the Jakarta REST integration
 * reads resource methods' rules ({@link ResourceMethodRules}), so that servlets and resources have one rule table.
 */
public final class RuleTable {

    private final Map<String, ServletRules> servlets;
    private final Rule fallback;
    private final List<String> warnings;

    private RuleTable(Map<String, ServletRules> servlets, Rule fallback, List<String> warnings) {
        this.servlets = Collections.unmodifiableMap(new LinkedHashMap<>(servlets));
        this.fallback = fallback;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads every registered servlet's annotations; classes that cannot be loaded get the fallback.
     *
     * @param annotated classes the container found with JwtGuard's annotations, to refuse those that are not
     *     (and do not stand above) a registered servlet; {@code null} when registrations are not complete yet
     * @param containerKnowsCaller container identity mode, where web.xml's constraints see JwtGuard's caller
     */
    public static RuleTable fromContext(ServletContext context, ClassLoader loader, Settings.Fallback fallback,
            Set<String> policies, Set<Class<?>> annotated, Problems problems, boolean containerKnowsCaller) {
        Map<String, Class<?>> classes = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends ServletRegistration> entry : context.getServletRegistrations().entrySet()) {
            String className = entry.getValue().getClassName();
            if (className == null) {
                continue;
            }
            try {
                classes.put(entry.getKey(), Class.forName(className, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                // A container servlet (JSP, default) not visible to the application: fallback rule.
                classes.put(entry.getKey(), Object.class);
            }
        }
        RuleTable table = of(classes, fallback, policies, problems);
        List<String> warnings = new ArrayList<>(table.warnings);
        if (annotated != null) {
            AnnotatedClasses.check(annotated, classes.values(), context, fallback, policies, problems, warnings);
        }
        // In container identity mode the container knows JwtGuard's caller and enforces them with it.
        SecurityConstraints.inWebXml(context).filter(patterns -> !containerKnowsCaller).ifPresent(patterns ->
                warnings.add("web.xml has <security-constraint> elements with an <auth-constraint> for " + patterns
                        + ": the container enforces them before any filter and does not know JwtGuard's caller, so"
                        + " those requests are refused there; express the rules with @Authorize or @RolesAllowed on"
                        + " the servlets instead"));
        return new RuleTable(table.servlets, table.fallback, warnings);
    }

    /** The table for servlets given by name and class, checking that every named policy exists. */
    static RuleTable of(Map<String, Class<?>> servletClasses, Settings.Fallback fallback, Set<String> policies,
            Problems problems) {
        AnnotationReader reader = new AnnotationReader(policies, true);
        Rule fallbackRule = Rule.fallback(fallback);
        Map<String, ServletRules> servlets = new LinkedHashMap<>();
        for (Map.Entry<String, Class<?>> entry : servletClasses.entrySet()) {
            servlets.put(entry.getKey(),
                    ServletRuleReader.read("servlet '" + entry.getKey() + "'", entry.getValue(), fallbackRule, reader));
        }
        reader.problems().forEach(problems::add);
        return new RuleTable(servlets, fallbackRule, reader.warnings());
    }

    /** The rule for a request to {@code servletName} with {@code method}. */
    public Rule ruleFor(String servletName, String method) {
        ServletRules rules = servletName == null ? null : servlets.get(servletName);
        return rules == null ? fallback : rules.forMethod(method);
    }

    /** Servlet name to its rules, in registration order, for the start-up table. */
    Map<String, ServletRules> servlets() {
        return servlets;
    }

    /** Every scope a servlet's rule names, in registration order: what the resource metadata announces by default. */
    public Set<String> scopes() {
        Set<String> scopes = new java.util.LinkedHashSet<>();
        for (ServletRules rules : servlets.values()) {
            scopes.addAll(rules.defaultRule().scopes());
            rules.byMethod().values().forEach(rule -> scopes.addAll(rule.scopes()));
        }
        return scopes;
    }

    /** Things worth a warning at start-up: overrides that tried to loosen a parent's rule, misplaced rules. */
    public List<String> warnings() {
        return warnings;
    }

    // Jakarta REST resources: the entry points of the Jakarta REST integration, read by ResourceMethodRules.

    /**
     * The rule of one Jakarta REST resource method, read as a servlet's: the method's annotation (on it or on the
     * declarations it overrides or implements), else its class's, else the fallback. Problems (two annotations on
     * one element, a policy defined nowhere, a blank role) are added to {@code problems}; warnings to
     * {@code warnings}.
     */
    public static Rule forResourceMethod(Class<?> resource, Method method, Settings.Fallback fallback,
            Set<String> policies, Problems problems, List<String> warnings) {
        return ResourceMethodRules.forMethod(resource, method, fallback, policies, problems, warnings);
    }

    /**
     * The rule a resource class declares for every method it serves: its own, its superclasses' and its interfaces'
     * class annotations, all of them applying (the strictest holds); {@code null} when none is annotated. A parent
     * resource's class rule also reaches the sub-resources its locators return.
     */
    public static Rule forResourceClass(Class<?> resource, Set<String> policies, Problems problems) {
        return ResourceMethodRules.forClass(resource, policies, problems);
    }

    /**
     * The rule of a sub-resource's method once its parents' class rules are added: a locator hands its caller on
     * to the sub-resource, so the rules of the resources matched before it apply too (never more open). A
     * {@code null} parent rule (a parent class without annotations) adds nothing.
     */
    public static Rule withParents(Rule rule, List<Rule> parentClassRules) {
        return ResourceMethodRules.withParents(rule, parentClassRules);
    }

    /**
     * A Jakarta REST resource class's annotations that Jakarta REST never reaches: JwtGuard reads the class and its
     * resource methods (those with {@code @GET}, {@code @POST}, ...), so an annotation on any other method
     * (a helper, a sub-resource locator) would have no effect and is a problem.
     */
    public static void checkResourcePlacement(Class<?> resource, Problems problems) {
        AnnotationPlacement.checkResource(resource, problems);
    }

    /**
     * Whether Jakarta REST serves {@code method} of {@code resource}: it, or a declaration it overrides or implements
     * (a generic interface's included), has {@code @GET}, {@code @POST} or another {@code @HttpMethod}.
     */
    public static boolean isResourceMethod(Class<?> resource, Method method) {
        return ResourceMethodRules.isResourceMethod(resource, method);
    }

    /**
     * {@code method} and the declarations it overrides or implements along {@code resource}'s types, most derived
     * first.
     */
    public static List<Method> declarations(Class<?> resource, Method method) {
        return Overrides.of(resource, method);
    }
}
