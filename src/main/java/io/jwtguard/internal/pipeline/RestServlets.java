package io.jwtguard.internal.pipeline;

import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.config.ServletClasses;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's Jakarta REST servlets, as JwtGuard sees them: which servlets are Jakarta REST dispatchers
 * (Jersey's, RESTEasy's), which of them announced that their application runs {@code JwtGuardFeature}, and the
 * settings the feature reads its resources' rules with. A request to an announced servlet has its rule applied
 * by the feature, once Jakarta REST has picked the resource method; a request to a dispatcher that never
 * announced is refused, since its resources' rules cannot be applied. One per application; the
 * announcements are the only thing that changes, once each, while Jakarta REST starts. Thread-safe.
 */
public final class RestServlets {

    /** The servlet classes of the Jakarta REST implementations JwtGuard knows, matched along a class's hierarchy. */
    private static final Set<String> DISPATCHERS = Set.of("org.glassfish.jersey.servlet.ServletContainer",
            "org.jboss.resteasy.plugins.server.servlet.HttpServletDispatcher",
            "org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher");

    /** What resource rules are read with: the fallback and the named policies. */
    public record Basis(Settings.Fallback fallback, Set<String> policies) {
        public Basis {
            policies = Set.copyOf(policies);
        }
    }

    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    /** The resource methods' rows, as the start-up log shows them; one per method Jakarta REST hands over. */
    private final Map<String, String> resourceRows = new java.util.concurrent.ConcurrentSkipListMap<>();
    private volatile Basis basis;

    RestServlets() {
    }

    /** This application's (one per {@link Installation}). */
    public static RestServlets of(ServletContext context) {
        return Installation.of(context).rest();
    }

    /** Set at deployment, from the application's settings. */
    void settle(Basis settled) {
        basis = settled;
    }

    /** Empty when no JwtGuard filter that authorizes was checked at deployment. */
    public Optional<Basis> basis() {
        return Optional.ofNullable(basis);
    }

    /** The Jakarta REST servlet {@code servletName} runs JwtGuardFeature: its resources' rules are applied there. */
    public void announce(String servletName) {
        announced.add(servletName);
    }

    /**
     * Remembers a resource method's row for the development console: {@code row} is its HTTP method and path, as
     * the log names it; {@code rule} its rule and where the rule comes from.
     */
    public void resourceRow(String row, String rule) {
        resourceRows.put(row, rule);
    }

    /** The resource methods' rows so far, by HTTP method and path. */
    Map<String, String> resourceRows() {
        return Map.copyOf(resourceRows);
    }

    boolean defers(String servletName) {
        return servletName != null && announced.contains(servletName);
    }

    /** The names of the registered servlets whose class is, or extends, a known Jakarta REST dispatcher. */
    public static Set<String> dispatchers(ServletContext context) {
        return ServletClasses.servletsOf(context, Guard.loader(context), DISPATCHERS);
    }
}
