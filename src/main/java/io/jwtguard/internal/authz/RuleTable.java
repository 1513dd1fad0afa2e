package io.jwtguard.internal.authz;

import io.jwtguard.AllowAnonymous;
import io.jwtguard.Authorize;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every servlet's rule per HTTP method, read once at start-up from the annotations of the classes the
 * {@link ServletContext} registered. At request time a rule is found by servlet name (from
 * {@code HttpServletRequest.getHttpServletMapping()}), never by matching the URI, so path tricks
 * ({@code ;}, {@code %2e}, {@code //}, case) cannot pick another servlet's rule. Immutable, thread-safe.
 *
 * <p>Which rule applies: the annotation on the {@code doXxx} method that will run, else the class's,
 * else the fallback. HEAD follows {@code doGet} unless {@code doHead} is overridden; a method the servlet
 * does not handle, or an extension method, gets the class rule (fail closed). Along the class hierarchy
 * the annotations of the same element are combined ({@link Rule#and}), so a subclass override never
 * silently drops its parent's rule.
 */
public final class RuleTable {

    /** The standard security annotations, read by name: JwtGuard needs no annotation API at run time. */
    private static final String STANDARD = "jakarta.annotation.security.";
    private static final Set<String> STANDARD_NAMES = Set.of("RolesAllowed", "PermitAll", "DenyAll");

    /** The {@code doXxx} method behind each HTTP method {@link HttpServlet} dispatches. */
    private static final Map<String, String> HANDLERS = Map.of(
            "GET", "doGet", "HEAD", "doHead", "POST", "doPost", "PUT", "doPut", "DELETE", "doDelete",
            "OPTIONS", "doOptions", "TRACE", "doTrace", "PATCH", "doPatch");

    private final Map<String, ServletRules> servlets;
    private final Rule fallback;
    private final List<String> warnings;

    private RuleTable(Map<String, ServletRules> servlets, Rule fallback, List<String> warnings) {
        this.servlets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(servlets));
        this.fallback = fallback;
        this.warnings = List.copyOf(warnings);
    }

    /** Reads every registered servlet's annotations; classes that cannot be loaded get the fallback. */
    /**
     * @param annotated classes the container found with JwtGuard's annotations, to refuse those that are not
     *     (and do not stand above) a registered servlet; {@code null} when registrations are not complete yet
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
        SecurityConstraints.inWebXml(context).filter(patterns -> !containerKnowsCaller).ifPresent(patterns -> warnings.add("web.xml has <security-constraint>"
                + " elements with an <auth-constraint> for " + patterns + ": the container enforces them before any"
                + " filter and does not know JwtGuard's caller, so those requests are refused there; express the rules"
                + " with @Authorize or @RolesAllowed on the servlets instead"));
        return new RuleTable(table.servlets, table.fallback, warnings);
    }

    /** The table for servlets given by name and class, checking that every named policy exists. */
    public static RuleTable of(Map<String, Class<?>> servletClasses, Settings.Fallback fallback, Set<String> policies,
            Problems problems) {
        Reader reader = new Reader(policies);
        Rule fallbackRule = fallbackRule(fallback);
        Map<String, ServletRules> servlets = new LinkedHashMap<>();
        for (Map.Entry<String, Class<?>> entry : servletClasses.entrySet()) {
            servlets.put(entry.getKey(), reader.read("servlet '" + entry.getKey() + "'", entry.getValue(), fallbackRule));
        }
        reader.problems.forEach(problems::add);
        return new RuleTable(servlets, fallbackRule, reader.warnings);
    }

    static Rule fallbackRule(Settings.Fallback fallback) {
        return switch (fallback) {
            case AUTHENTICATED -> Rule.authenticated("fallback");
            case ANONYMOUS -> Rule.anonymous("fallback");
            case DENY -> Rule.deny("fallback");
        };
    }

    /**
     * The rule of one Jakarta REST resource method, read as a servlet's: the method's annotation (on it or on the
     * declarations it overrides or implements), else its class's, else the fallback. Problems (two annotations on
     * one element, a policy defined nowhere, a blank role) are added to {@code problems}; warnings returned.
     */
    public static Rule forResourceMethod(Class<?> resource, Method method, Settings.Fallback fallback,
            Set<String> policies, Problems problems, List<String> warnings) {
        Reader reader = new Reader(policies);
        // Annotations on an interface a resource implements are the usual Jakarta REST style, not an oversight.
        reader.warnWhenInherited = false;
        String label = "resource " + resource.getSimpleName();
        Rule classRule = reader.combined(label, typesOf(resource), c -> c);
        Rule methodRule = reader.combined(label, Overrides.of(resource, method), m -> m);
        reader.problems.forEach(problems::add);
        warnings.addAll(reader.warnings);
        return methodRule != null ? methodRule : classRule != null ? classRule : fallbackRule(fallback);
    }

    /**
     * The rule a resource class declares for every method it serves: its own, its superclasses' and its interfaces'
     * class annotations, all of them applying (the strictest holds); {@code null} when none is annotated. A parent
     * resource's class rule also reaches the sub-resources its locators return.
     */
    public static Rule forResourceClass(Class<?> resource, Set<String> policies, Problems problems) {
        Reader reader = new Reader(policies);
        reader.warnWhenInherited = false;
        Rule rule = reader.combined("resource " + resource.getSimpleName(), typesOf(resource), c -> c);
        reader.problems.forEach(problems::add);
        return rule;
    }

    /**
     * The rule of a sub-resource's method once its parents' class rules are added: a locator hands its caller on
     * to the sub-resource, so the rules of the resources matched before it apply too (never more open).
     */
    public static Rule withParents(Rule rule, List<Rule> parentClassRules) {
        Rule combined = rule;
        for (Rule parent : parentClassRules) {
            if (parent != null) {
                combined = combined.and(parent);
            }
        }
        return combined;
    }

    /**
     * A Jakarta REST resource class's annotations that Jakarta REST never reaches: JwtGuard reads the class and its
     * resource methods (those with {@code @GET}, {@code @POST}, ...), so an annotation on any other method
     * (a helper, a sub-resource locator) would have no effect and is a problem.
     */
    public static void checkResourcePlacement(Class<?> resource, Problems problems) {
        for (Class<?> c : typesOf(resource)) {
            for (Method method : c.getDeclaredMethods()) {
                List<String> found = Reader.securityAnnotations(method);
                if (!found.isEmpty() && !isResourceMethod(resource, method) && !method.isSynthetic()) {
                    problems.add("resource " + resource.getSimpleName() + ": " + String.join(" and ", found) + " on "
                            + c.getSimpleName() + "." + method.getName() + " has no effect: it is not a resource method"
                            + " (no @GET, @POST, ...)" + (isAnnotated(method, "jakarta.ws.rs.Path")
                            ? ", but a sub-resource locator; put the rule on the sub-resource's class or methods"
                            : "; move it to the resource methods or the class"));
                }
            }
        }
    }

    /** {@code type}, its superclasses and every interface it implements, nearest first; never {@code Object}. */
    static List<Class<?>> typesOf(Class<?> type) {
        List<Class<?>> types = new ArrayList<>();
        java.util.Deque<Class<?>> pending = new java.util.ArrayDeque<>(List.of(type));
        while (!pending.isEmpty()) {
            Class<?> c = pending.removeFirst();
            if (c == Object.class || types.contains(c)) {
                continue;
            }
            types.add(c);
            if (c.getSuperclass() != null) {
                pending.add(c.getSuperclass());
            }
            pending.addAll(List.of(c.getInterfaces()));
        }
        return types;
    }

    /**
     * Whether Jakarta REST serves {@code method} of {@code resource}: it, or a declaration it overrides or implements
     * (a generic interface's included), has {@code @GET}, {@code @POST} or another {@code @HttpMethod}.
     */
    public static boolean isResourceMethod(Class<?> resource, Method method) {
        return Overrides.of(resource, method).stream().anyMatch(RuleTable::isResourceMethod);
    }

    /** {@code method} and the declarations it overrides or implements along {@code resource}'s types, most derived first. */
    public static List<Method> declarations(Class<?> resource, Method method) {
        return Overrides.of(resource, method);
    }

    /** Has an annotation that is itself annotated {@code @HttpMethod}: {@code @GET}, {@code @POST}, custom ones. */
    public static boolean isResourceMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (isAnnotated(annotation.annotationType(), "jakarta.ws.rs.HttpMethod")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAnnotated(AnnotatedElement element, String annotationName) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().equals(annotationName)) {
                return true;
            }
        }
        return false;
    }

    /** The rule for a request to {@code servletName} with {@code method}. */
    public Rule ruleFor(String servletName, String method) {
        ServletRules rules = servletName == null ? null : servlets.get(servletName);
        return rules == null ? fallback : rules.forMethod(method);
    }

    /** Servlet name to its rules, in registration order, for the start-up table. */
    public Map<String, ServletRules> servlets() {
        return servlets;
    }

    /** Things worth a warning at start-up: overrides that tried to loosen a parent's rule. */
    public List<String> warnings() {
        return warnings;
    }

    /** One servlet's rules: per HTTP method where a method is annotated, else the class (or fallback) rule. */
    public record ServletRules(Rule defaultRule, Map<String, Rule> byMethod) {

        public ServletRules {
            byMethod = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byMethod));
        }

        /** Unknown and extension methods get the default rule: fail closed, never open. */
        public Rule forMethod(String method) {
            return byMethod.getOrDefault(method, defaultRule);
        }
    }

    /** Reads annotations, collecting every problem and warning. Used once per table. */
    private static final class Reader {

        private final Set<String> policies;
        private boolean warnWhenInherited = true;
        private final List<String> problems = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        Reader(Set<String> policies) {
            this.policies = policies;
        }

        ServletRules read(String name, Class<?> type, Rule fallback) {
            checkPlacement(name, type);
            Rule classRule = combined(name, hierarchy(type), c -> c);
            Rule defaultRule = classRule == null ? fallback : classRule;
            Map<String, Rule> byMethod = new LinkedHashMap<>();
            for (String httpMethod : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH")) {
                List<Method> declarations = declarations(type, HANDLERS.get(httpMethod));
                Rule rule = combined(name, declarations, m -> m);
                if (rule != null) {
                    byMethod.put(httpMethod, rule);
                }
            }
            // HttpServlet.doHead runs doGet, so HEAD follows GET unless doHead itself is overridden.
            if (!byMethod.containsKey("HEAD") && declarations(type, "doHead").isEmpty() && byMethod.containsKey("GET")) {
                byMethod.put("HEAD", byMethod.get("GET"));
            }
            return new ServletRules(defaultRule, byMethod);
        }

        /** The rules of one element's declarations, most derived first, combined; null when none is annotated. */
        <T extends AnnotatedElement> Rule combined(String servlet, List<T> declarations,
                java.util.function.Function<T, AnnotatedElement> element) {
            Rule result = null;
            Rule mostDerived = null;
            for (T declaration : declarations) {
                Rule rule = annotated(servlet, element.apply(declaration));
                if (rule == null) {
                    continue;
                }
                if (warnWhenInherited && result == null && declaration != declarations.get(0)
                        && declaration instanceof Method) {
                    warnings.add(servlet + ": " + name(element.apply(declarations.get(0)))
                            + " overrides " + name(element.apply(declaration)) + " without an annotation; "
                            + rule.origin() + " (" + rule.describe() + ") still applies");
                }
                if (result == null) {
                    result = rule;
                    mostDerived = rule;
                } else {
                    if (mostDerived.weakerThan(rule)) {
                        warnings.add(servlet + ": " + mostDerived.origin() + " would loosen "
                                + rule.origin() + " (" + rule.describe() + "); both apply");
                    }
                    result = result.and(rule);
                }
            }
            return result;
        }

        static List<Class<?>> hierarchy(Class<?> type) {
            List<Class<?>> classes = new ArrayList<>();
            for (Class<?> c = type; c != null && c != HttpServlet.class && c != Object.class; c = c.getSuperclass()) {
                classes.add(c);
            }
            return classes;
        }

        /** Every declaration of {@code doXxx(HttpServletRequest, HttpServletResponse)}, most derived first. */
        private static List<Method> declarations(Class<?> type, String methodName) {
            List<Method> methods = new ArrayList<>();
            for (Class<?> c : hierarchy(type)) {
                try {
                    methods.add(c.getDeclaredMethod(methodName, HttpServletRequest.class, HttpServletResponse.class));
                } catch (NoSuchMethodException e) {
                    // not declared here
                }
            }
            return methods;
        }

        private static String name(AnnotatedElement element) {
            return element instanceof Method method
                    ? method.getDeclaringClass().getSimpleName() + "." + method.getName()
                    : ((Class<?>) element).getSimpleName();
        }

        /**
         * An annotation JwtGuard would not read is refused, never ignored: on a servlet it reads the class and
         * its {@code doXxx(HttpServletRequest, HttpServletResponse)} handlers, nothing else ({@code service}
         * included, whose rule would silently compete with the handlers'). {@code @ServletSecurity} is named:
         * the container enforces it before any filter, with no caller it knows.
         */
        private void checkPlacement(String servlet, Class<?> type) {
            for (Class<?> c : hierarchy(type)) {
                for (Method method : c.getDeclaredMethods()) {
                    List<String> found = securityAnnotations(method);
                    if (!found.isEmpty() && !isHandler(method)) {
                        problems.add(servlet + ": " + String.join(" and ", found) + " on "
                                + c.getSimpleName() + "." + method.getName() + " has no effect: JwtGuard reads the"
                                + " servlet class and its doGet/doPost/doPut/doDelete/doHead/doOptions/doTrace/doPatch"
                                + " methods; move it to the class (every HTTP method) or to those methods");
                    }
                }
                for (Annotation annotation : c.getDeclaredAnnotations()) {
                    if (annotation.annotationType().getName().equals("jakarta.servlet.annotation.ServletSecurity")) {
                        warnings.add(servlet + ": @ServletSecurity on " + c.getSimpleName() + " is"
                                + " enforced by the container before any filter, and the container does not know"
                                + " JwtGuard's caller: the constrained requests are refused there; express the rule"
                                + " with @Authorize or @RolesAllowed instead");
                    }
                }
            }
        }

        private static boolean isHandler(Method method) {
            return HANDLERS.containsValue(method.getName()) && method.getParameterCount() == 2
                    && method.getParameterTypes()[0] == HttpServletRequest.class
                    && method.getParameterTypes()[1] == HttpServletResponse.class;
        }

        /** JwtGuard's and the standard {@code jakarta.annotation.security} annotations on {@code element}. */
        static List<String> securityAnnotations(AnnotatedElement element) {
            List<String> found = new ArrayList<>();
            for (Annotation annotation : element.getDeclaredAnnotations()) {
                String type = annotation.annotationType().getName();
                if (type.equals(Authorize.class.getName()) || type.equals(AllowAnonymous.class.getName())
                        || isStandard(annotation)) {
                    found.add("@" + annotation.annotationType().getSimpleName());
                }
            }
            return found;
        }

        /**
         * The rule one element declares: JwtGuard's {@code @Authorize} / {@code @AllowAnonymous}, or the
         * standard {@code @RolesAllowed} / {@code @PermitAll} / {@code @DenyAll}, read by name so that
         * JwtGuard needs no annotation API at run time. {@code @RolesAllowed("*")} is any authenticated
         * caller, as MicroProfile JWT defines it. Two of them on one element is a problem: which one was meant?
         */
        private Rule annotated(String servlet, AnnotatedElement element) {
            String where = name(element);
            List<String> declared = securityAnnotations(element);
            if (declared.size() > 1) {
                problems.add(servlet + ": " + where + " has both " + String.join(" and ", declared)
                        + "; keep the one you mean");
                return null;
            }
            Authorize authorize = element.getAnnotation(Authorize.class);
            if (element.isAnnotationPresent(AllowAnonymous.class)) {
                return Rule.anonymous("@AllowAnonymous on " + where);
            }
            Annotation standard = standard(element);
            if (standard != null) {
                return standardRule(servlet, where, standard);
            }
            if (authorize == null) {
                return null;
            }
            Set<String> roles = new LinkedHashSet<>(Arrays.asList(authorize.roles()));
            if (roles.stream().anyMatch(String::isBlank)) {
                problems.add(servlet + ": @Authorize on " + where
                        + " names a blank role; remove it or name the role");
            }
            String policy = authorize.policy().strip();
            if (!policy.isEmpty() && !policies.contains(policy)) {
                problems.add(servlet + ": @Authorize(policy = \"" + policy + "\") on " + where
                        + " names a policy defined nowhere; define jwtguard.policy." + policy
                        + ".roles / .scopes / .claims.<claim> / .any-of, or an io.jwtguard.AuthorizationPolicy service");
            }
            return Rule.restricted(roles, policy, "@Authorize on " + where);
        }

        private static Annotation standard(AnnotatedElement element) {
            for (Annotation annotation : element.getDeclaredAnnotations()) {
                if (isStandard(annotation)) {
                    return annotation;
                }
            }
            return null;
        }

        /** {@code @RolesAllowed}, {@code @PermitAll} or {@code @DenyAll}, by name. */
        private static boolean isStandard(Annotation annotation) {
            String type = annotation.annotationType().getName();
            return type.startsWith(STANDARD) && STANDARD_NAMES.contains(type.substring(STANDARD.length()));
        }

        private Rule standardRule(String servlet, String where, Annotation annotation) {
            String name = annotation.annotationType().getSimpleName();
            return switch (name) {
                case "PermitAll" -> Rule.anonymous("@PermitAll on " + where);
                case "DenyAll" -> Rule.deny("@DenyAll on " + where);
                default -> {
                    Set<String> roles = new LinkedHashSet<>(Arrays.asList(rolesAllowed(annotation)));
                    if (roles.isEmpty() || roles.stream().anyMatch(String::isBlank)) {
                        problems.add(servlet + ": @RolesAllowed on " + where + " names no role or a"
                                + " blank one; name the roles, or \"*\" for any authenticated caller");
                    }
                    yield roles.contains("*") ? Rule.authenticated("@RolesAllowed(\"*\") on " + where)
                            : Rule.restricted(roles, "", "@RolesAllowed on " + where);
                }
            };
        }

        private static String[] rolesAllowed(Annotation annotation) {
            try {
                return (String[]) annotation.annotationType().getMethod("value").invoke(annotation);
            } catch (ReflectiveOperationException | ClassCastException e) {
                return new String[0];
            }
        }
    }
}
