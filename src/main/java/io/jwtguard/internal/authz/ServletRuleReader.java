package io.jwtguard.internal.authz;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One servlet class's rules, per HTTP method: the annotation on the {@code doXxx} method that will run, else the
 * class's, else the fallback. HEAD follows {@code doGet} unless {@code doHead} is overridden. Along the class
 * hierarchy (up to {@link HttpServlet}) the annotations of the same element are combined, so a subclass override never
 * silently drops its parent's rule. Stateless; problems and warnings go to the reader it is given.
 */
final class ServletRuleReader {

    /** The {@code doXxx} method behind each HTTP method {@link HttpServlet} dispatches. */
    private static final Map<String, String> HANDLERS = Map.of(
            "GET", "doGet", "HEAD", "doHead", "POST", "doPost", "PUT", "doPut", "DELETE", "doDelete",
            "OPTIONS", "doOptions", "TRACE", "doTrace", "PATCH", "doPatch");

    private ServletRuleReader() {
    }

    /** The rules of the servlet {@code name} (as messages name it), after checking where its annotations sit. */
    static ServletRules read(String name, Class<?> type, Rule fallback, AnnotationReader reader) {
        AnnotationPlacement.checkServlet(name, type, reader.problems(), reader.warnings());
        Rule classRule = reader.combined(name, hierarchy(type), c -> c);
        Rule defaultRule = classRule == null ? fallback : classRule;
        Map<String, Rule> byMethod = new LinkedHashMap<>();
        for (String httpMethod : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH")) {
            Rule rule = reader.combined(name, declarations(type, HANDLERS.get(httpMethod)), m -> m);
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

    /** {@code type} and its superclasses below {@link HttpServlet}, most derived first. */
    static List<Class<?>> hierarchy(Class<?> type) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> c = type; c != null && c != HttpServlet.class && c != Object.class; c = c.getSuperclass()) {
            classes.add(c);
        }
        return classes;
    }

    /** A {@code doXxx(HttpServletRequest, HttpServletResponse)} that {@link HttpServlet} dispatches to. */
    static boolean isHandler(Method method) {
        return HANDLERS.containsValue(method.getName()) && method.getParameterCount() == 2
                && method.getParameterTypes()[0] == HttpServletRequest.class
                && method.getParameterTypes()[1] == HttpServletResponse.class;
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
}
