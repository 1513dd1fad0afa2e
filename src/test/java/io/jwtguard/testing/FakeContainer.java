package io.jwtguard.testing;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A servlet context held in memory, with the servlets a test registers and real attributes, for starting
 * a JwtGuard filter without a container (unit tests, benchmarks). Answers what a filter's start reads;
 * anything else fails loudly. Not thread-safe while servlets are added; then read-only but for attributes.
 */
public final class FakeContainer {

    private final Map<String, ServletRegistration> servlets = new LinkedHashMap<>();
    private final Map<String, FilterRegistration.Dynamic> filters = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Map<String, String> urlMappings = new LinkedHashMap<>();
    private final Set<String> asyncFilters = new LinkedHashSet<>();
    private volatile String webXml;
    private volatile String serverInfo = "FakeContainer/1.0";
    private final ServletContext context = proxy(ServletContext.class, (name, args) -> switch (name) {
        case "getClassLoader" -> FakeContainer.class.getClassLoader();
        case "getServletRegistrations" -> Collections.unmodifiableMap(servlets);
        case "getServletRegistration" -> servlets.get((String) args[0]);
        case "getFilterRegistrations" -> Collections.unmodifiableMap(filters);
        case "getFilterRegistration" -> filters.get((String) args[0]);
        case "addFilter" -> filters.containsKey((String) args[0]) ? null
                : register((String) args[0], args[1] instanceof String className ? className
                        : args[1] instanceof Class<?> type ? type.getName() : args[1].getClass().getName(), Map.of());
        case "addServlet" -> null;
        case "getContextPath" -> "";
        case "getAttribute" -> attributes.get((String) args[0]);
        case "setAttribute" -> args[1] == null ? attributes.remove((String) args[0])
                : attributes.put((String) args[0], args[1]);
        case "removeAttribute" -> attributes.remove((String) args[0]);
        case "log" -> null;
        case "getServerInfo" -> serverInfo;
        case "getResourceAsStream" -> "/WEB-INF/web.xml".equals(args[0]) && webXml != null
                ? new java.io.ByteArrayInputStream(webXml.getBytes(java.nio.charset.StandardCharsets.UTF_8)) : null;
        // Every class of the test class path counts as the application's own WEB-INF/classes.
        case "getResource" -> ((String) args[0]).startsWith("/WEB-INF/classes/")
                ? FakeContainer.class.getResource(((String) args[0]).substring("/WEB-INF/classes".length())) : null;
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

    /** The application's {@code WEB-INF/web.xml}, for what only the descriptor says (security constraints). */
    public FakeContainer webXml(String descriptor) {
        webXml = descriptor;
        return this;
    }

    /** What {@code getServerInfo()} answers: some servers are recognised by it. */
    public FakeContainer serverInfo(String info) {
        serverInfo = info;
        return this;
    }

    public ServletContext context() {
        return context;
    }

    /**
     * How filter {@code name} was mapped in code: "before [REQUEST, ...] [/*]" ({@code isMatchAfter=false}) or
     * "after ...", with " async" when it was made async-supported; null when it was not mapped by URL pattern.
     */
    public String urlMapping(String name) {
        String mapping = urlMappings.get(name);
        return mapping == null ? null : asyncFilters.contains(name) ? mapping + " async" : mapping;
    }

    /**
     * The configuration of filter {@code filterName} of class {@code filterClass}, registered in this context
     * with these init-params (as web.xml would, so that JwtGuard's initializer finds it).
     */
    public FilterConfig filter(String filterName, String filterClass, Map<String, String> initParams) {
        Map<String, String> params = Map.copyOf(initParams);
        register(filterName, filterClass, params);
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

    /** A {@link io.jwtguard.JwtGuardFilter} named {@code filterName}; see {@link #filter(String, String, Map)}. */
    public FilterConfig filter(String filterName, Map<String, String> initParams) {
        return filter(filterName, "io.jwtguard.JwtGuardFilter", initParams);
    }

    private FilterRegistration.Dynamic register(String name, String className, Map<String, String> initParams) {
        Set<String> servletNames = new LinkedHashSet<>();
        FilterRegistration.Dynamic registration = proxy(FilterRegistration.Dynamic.class, (method, args) -> switch (method) {
            case "getName" -> name;
            case "getClassName" -> className;
            case "getInitParameters" -> initParams;
            case "getServletNameMappings" -> Collections.unmodifiableSet(servletNames);
            case "addMappingForServletNames" -> {
                servletNames.addAll(List.of((String[]) args[2]));
                yield null;
            }
            case "setAsyncSupported" -> {
                asyncFilters.add(name);
                yield null;
            }
            case "addMappingForUrlPatterns" -> {
                urlMappings.put(name, (args[1].equals(Boolean.TRUE) ? "after " : "before ") + args[0] + " "
                        + List.of((String[]) args[2]));
                yield null;
            }
            case "getUrlPatternMappings" -> urlMappings.containsKey(name) ? List.of("/*") : List.of();
            default -> throw new UnsupportedOperationException("FilterRegistration." + method);
        });
        filters.put(name, registration);
        return registration;
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
