package io.jwtguard.testing;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A servlet context held in memory, with the servlets a test registers and real attributes, for starting
 * a JwtGuard filter without a container (unit tests, benchmarks). Answers what a filter's start reads;
 * anything else fails loudly. Not thread-safe while servlets are added; then read-only but for attributes.
 */
public final class FakeContainer {

    private final Map<String, ServletRegistration> servlets = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final ServletContext context = proxy(ServletContext.class, (name, args) -> switch (name) {
        case "getClassLoader" -> FakeContainer.class.getClassLoader();
        case "getServletRegistrations" -> Collections.unmodifiableMap(servlets);
        case "getServletRegistration" -> servlets.get((String) args[0]);
        case "getFilterRegistrations" -> Map.of();
        case "getContextPath" -> "";
        case "getAttribute" -> attributes.get((String) args[0]);
        case "setAttribute" -> args[1] == null ? attributes.remove((String) args[0])
                : attributes.put((String) args[0], args[1]);
        case "removeAttribute" -> attributes.remove((String) args[0]);
        case "log", "getResourceAsStream" -> null;
        default -> throw new UnsupportedOperationException("ServletContext." + name);
    });

    /** Registers servlet {@code name} of {@code type}, mapped to {@code mappings}. */
    public FakeContainer servlet(String name, Class<?> type, String... mappings) {
        List<String> mapped = List.of(mappings);
        servlets.put(name, proxy(ServletRegistration.class, (method, args) -> switch (method) {
            case "getName" -> name;
            case "getClassName" -> type.getName();
            case "getMappings" -> mapped;
            default -> throw new UnsupportedOperationException("ServletRegistration." + method);
        }));
        return this;
    }

    public ServletContext context() {
        return context;
    }

    /** The configuration of filter {@code filterName} in this context, with these init-params. */
    public FilterConfig filter(String filterName, Map<String, String> initParams) {
        Map<String, String> params = Map.copyOf(initParams);
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return filterName;
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String name) {
                return params.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(params.keySet());
            }
        };
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(FakeContainer.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> type.getSimpleName() + " (test)";
                    default -> answer.answer(method.getName(), args);
                }));
    }
}
