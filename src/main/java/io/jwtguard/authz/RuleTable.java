package io.jwtguard.authz;

import io.jwtguard.AllowAnonymous;
import io.jwtguard.Authorize;
import io.jwtguard.config.InvalidSettingsException;
import io.jwtguard.config.Settings;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 */
public final class RuleTable {

    /** The {@code doXxx} method behind each HTTP method {@link HttpServlet} dispatches. */
    private static final Map<String, String> HANDLERS = Map.of(
            "GET", "doGet", "HEAD", "doHead", "POST", "doPost", "PUT", "doPut", "DELETE", "doDelete",
            "OPTIONS", "doOptions", "TRACE", "doTrace", "PATCH", "doPatch");

    private final Map<String, ServletRules> servlets;
    private final Rule fallback;

    private RuleTable(Map<String, ServletRules> servlets, Rule fallback) {
        this.servlets = Map.copyOf(servlets);
        this.fallback = fallback;
    }

    /** Reads every registered servlet's annotations; classes that cannot be loaded get the fallback. */
    public static RuleTable fromContext(ServletContext context, Settings.Fallback fallback)
            throws InvalidSettingsException {
        Map<String, Class<?>> classes = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends ServletRegistration> entry : context.getServletRegistrations().entrySet()) {
            String className = entry.getValue().getClassName();
            if (className == null) {
                continue;
            }
            try {
                classes.put(entry.getKey(), Class.forName(className, false, context.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                // A container servlet (JSP, default) not visible to the application: fallback rule.
                classes.put(entry.getKey(), Object.class);
            }
        }
        return of(classes, fallback);
    }

    /** The table for servlets given by name and class. */
    public static RuleTable of(Map<String, Class<?>> servletClasses, Settings.Fallback fallback)
            throws InvalidSettingsException {
        List<String> problems = new ArrayList<>();
        Rule fallbackRule = switch (fallback) {
            case AUTHENTICATED -> Rule.authenticated("fallback");
            case ANONYMOUS -> Rule.anonymous("fallback");
            case DENY -> Rule.deny("fallback");
        };
        Map<String, ServletRules> servlets = new LinkedHashMap<>();
        for (Map.Entry<String, Class<?>> entry : servletClasses.entrySet()) {
            servlets.put(entry.getKey(), read(entry.getKey(), entry.getValue(), fallbackRule, problems));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new RuleTable(servlets, fallbackRule);
    }

    /** The rule for a request to {@code servletName} with {@code method}. */
    public Rule ruleFor(String servletName, String method) {
        ServletRules rules = servletName == null ? null : servlets.get(servletName);
        return rules == null ? fallback : rules.forMethod(method);
    }

    /** Servlet name to its rules, for the start-up log. */
    public Map<String, ServletRules> servlets() {
        return servlets;
    }

    private static ServletRules read(String name, Class<?> type, Rule fallback, List<String> problems) {
        Rule classRule = classRule(name, type, problems);
        Rule defaultRule = classRule == null ? fallback : classRule;
        Map<String, Rule> byMethod = new LinkedHashMap<>();
        for (Map.Entry<String, String> handler : HANDLERS.entrySet()) {
            Method method = declared(type, handler.getValue());
            Rule rule = method == null ? null
                    : annotated(method, "@%s on " + type.getSimpleName() + "." + method.getName(), name, problems);
            if (rule != null) {
                byMethod.put(handler.getKey(), rule);
            }
        }
        // HttpServlet.doHead runs doGet, so HEAD follows GET unless doHead itself is overridden.
        if (!byMethod.containsKey("HEAD") && declared(type, "doHead") == null && byMethod.containsKey("GET")) {
            byMethod.put("HEAD", byMethod.get("GET"));
        }
        return new ServletRules(defaultRule, byMethod);
    }

    private static Rule classRule(String name, Class<?> type, List<String> problems) {
        for (Class<?> c = type; c != null && c != HttpServlet.class && c != Object.class; c = c.getSuperclass()) {
            Rule rule = annotated(c, "@%s on " + c.getSimpleName(), name, problems);
            if (rule != null) {
                return rule;
            }
        }
        return null;
    }

    /** The most derived declaration of a {@code doXxx(HttpServletRequest, HttpServletResponse)} method. */
    private static Method declared(Class<?> type, String methodName) {
        for (Class<?> c = type; c != null && c != HttpServlet.class && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(methodName, HttpServletRequest.class, HttpServletResponse.class);
            } catch (NoSuchMethodException e) {
                // look in the superclass
            }
        }
        return null;
    }

    private static Rule annotated(AnnotatedElement element, String originPattern, String servlet, List<String> problems) {
        Authorize authorize = element.getAnnotation(Authorize.class);
        boolean anonymous = element.isAnnotationPresent(AllowAnonymous.class);
        if (authorize != null && anonymous) {
            problems.add("servlet '" + servlet + "': " + String.format(originPattern, "Authorize")
                    + " also has @AllowAnonymous; keep the one you mean");
            return null;
        }
        if (anonymous) {
            return Rule.anonymous(String.format(originPattern, "AllowAnonymous"));
        }
        if (authorize == null) {
            return null;
        }
        Set<String> roles = new LinkedHashSet<>(Arrays.asList(authorize.roles()));
        if (roles.stream().anyMatch(String::isBlank)) {
            problems.add("servlet '" + servlet + "': " + String.format(originPattern, "Authorize")
                    + " names a blank role; remove it or name the role");
        }
        return Rule.roles(roles, String.format(originPattern, "Authorize"));
    }

    /** One servlet's rules: per HTTP method where a method is annotated, else the class (or fallback) rule. */
    public record ServletRules(Rule defaultRule, Map<String, Rule> byMethod) {

        public ServletRules {
            byMethod = Map.copyOf(byMethod);
        }

        /** Unknown and extension methods get the default rule: fail closed, never open. */
        public Rule forMethod(String method) {
            return byMethod.getOrDefault(method, defaultRule);
        }
    }
}
