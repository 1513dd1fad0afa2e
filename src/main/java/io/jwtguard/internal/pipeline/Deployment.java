package io.jwtguard.internal.pipeline;

import io.jwtguard.JwtGuardAuthenticationFilter;
import io.jwtguard.JwtGuardAuthorizationFilter;
import io.jwtguard.JwtGuardCorsFilter;
import io.jwtguard.JwtGuardFilter;
import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.Setting;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.config.SettingsSource;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * JwtGuard's part in an application's deployment, in two passes. The {@link JwtGuardInitializer} runs first
 * (before any listener): it checks what is registered so far, guards those servlets against named
 * dispatches and remembers the classes that carry JwtGuard's annotations. {@code JwtGuardContextListener}
 * runs after the application's listeners: it checks everything again, now complete, and guards the servlets
 * registered in code since. Either fails the deployment, with every problem listed. Stateless.
 */
public final class Deployment {

    /** The classes the container found with JwtGuard's annotations ({@code @HandlesTypes}). */
    static final String ANNOTATED_CLASSES = "io.jwtguard.annotatedClasses";

    static final Set<String> FILTERS = Set.of(JwtGuardFilter.class.getName(), JwtGuardCorsFilter.class.getName(),
            JwtGuardAuthenticationFilter.class.getName(), JwtGuardAuthorizationFilter.class.getName());

    static final Set<String> AUTHORIZING_FILTERS = Set.of(JwtGuardFilter.class.getName(),
            JwtGuardAuthorizationFilter.class.getName());

    /** JwtGuard's own filters, registered by this class. */
    private static final Set<String> INTERNAL_FILTERS = Set.of(NamedDispatchFilter.class.getName());

    private static final System.Logger LOG = Refusals.LOG;

    private Deployment() {
    }

    /** The initializer's pass: registrations may still be added after it. */
    static void atStartup(Set<Class<?>> annotated, ServletContext context) throws InvalidSettingsException {
        if (annotated != null) {
            context.setAttribute(ANNOTATED_CLASSES, Set.copyOf(annotated));
        }
        AutomaticRegistration.registerUnlessDeclared(context);
        pass(context, Guard.Completeness.SO_FAR);
    }

    /**
     * The listener's pass, once the application's listeners have registered what they register.
     *
     * @throws IllegalStateException naming every problem, which fails the deployment
     */
    public static void afterRegistrations(ServletContext context) {
        if (context.getAttribute(JwtGuardInitializer.RAN) == null) {
            LOG.log(Level.WARNING, "JwtGuard: its ServletContainerInitializer did not run for "
                    + Pipeline.contextName(context) + " (an <absolute-ordering> in web.xml leaves JwtGuard's jar"
                    + " out), so annotations on classes that are not servlets cannot be checked; add <others/> or"
                    + " <name>jwtguard</name> to the <absolute-ordering>");
        }
        try {
            pass(context, Guard.Completeness.COMPLETE);
        } catch (InvalidSettingsException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    private static void pass(ServletContext context, Guard.Completeness completeness) throws InvalidSettingsException {
        boolean guarded = false;
        boolean development = false;
        // Every problem of every filter, once each, in one failure (stage filters share their settings).
        Set<String> problems = new LinkedHashSet<>();
        boolean misnamed = false;
        boolean containerIdentity = false;
        for (Map.Entry<String, ? extends FilterRegistration> filter : context.getFilterRegistrations().entrySet()) {
            String className = String.valueOf(filter.getValue().getClassName());
            if (!FILTERS.contains(className)) {
                if (className.startsWith("io.jwtguard.") && !INTERNAL_FILTERS.contains(className)) {
                    // GlassFish and Payara serve the application without a filter whose class is missing.
                    misnamed = true;
                    problems.add("filter '" + filter.getKey() + "' names class " + className + ", which JwtGuard does"
                            + " not have; use one of " + FILTERS.stream().sorted().toList());
                }
                continue;
            }
            if (AutomaticRegistration.standsAside(context, filter.getKey())) {
                LOG.log(Level.INFO, "JwtGuard: the application registered a JwtGuard filter of its own for "
                        + Pipeline.contextName(context) + "; '" + AutomaticRegistration.NAME + "' stands aside");
                continue;
            }
            guarded = true;
            try {
                Guard checked = Guard.build(context, SettingsSource.of(filter.getValue().getInitParameters()),
                        Clock.systemUTC(), completeness, false);
                Settings settings = checked.settings();
                if (AUTHORIZING_FILTERS.contains(className)) {
                    RestServlets.of(context).settle(new RestServlets.Basis(settings.fallback(),
                            checked.authorizer().policyNames()));
                }
                development |= settings.development();
                if (settings.containerAuthentication() && !containerIdentity) {
                    containerIdentity = true;
                    containerIdentityUnsupported(context).ifPresent(problems::add);
                }
            } catch (InvalidSettingsException e) {
                LOG.log(Level.ERROR, "Filter '" + filter.getKey() + "': " + e.getMessage());
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            InvalidSettingsException all = new InvalidSettingsException(List.copyOf(problems));
            // A filter's own problems are logged above with its name; a misnamed one has no line yet.
            throw misnamed ? logged(all) : all;
        }
        Object annotated = context.getAttribute(ANNOTATED_CLASSES);
        Set<?> classes = annotated instanceof Set<?> all ? applications(all) : Set.of();
        if (!guarded && completeness == Guard.Completeness.COMPLETE && !classes.isEmpty()) {
            throw logged(new InvalidSettingsException(List.of(classes.size()
                    + (classes.size() == 1 ? " class carries" : " classes carry") + " @Authorize or"
                    + " @AllowAnonymous (" + classes.stream().map(c -> ((Class<?>) c).getName()).sorted().limit(3)
                    .toList() + (classes.size() > 3 ? ", ..." : "") + "), but no JwtGuard filter is registered, so"
                    + " none of their rules would hold; remove " + Setting.FILTER_AUTO_REGISTER.key() + "=false to let"
                    + " JwtGuard register it, or map io.jwtguard.JwtGuardFilter to /* in web.xml")));
        }
        if (development) {
            ServletRegistration.Dynamic rules = context.addServlet(RulesEndpoint.NAME, RulesEndpoint.class);
            if (rules != null) {
                rules.addMapping(RulesEndpoint.PATH);
            }
        }
        if (guarded) {
            guardNamedDispatches(context);
            loadRestServletsOnStartup(context);
        }
        if (containerIdentity) {
            // At the initializer's pass when it runs, before the container sets up its authentication.
            ContainerIdentity.register(context);
        }
    }

    /**
     * Why this server cannot run container identity mode, or empty when it can (here, so that a server without
     * Jakarta Authentication never loads {@link ContainerIdentity}). Tomcat looks up the module on each
     * request under {@code "<virtual host> <context path>"}, which is what the Jakarta Authentication profile says;
     * the others are not done yet, so start-up refuses rather than leave rules unenforced.
     */
    private static Optional<String> containerIdentityUnsupported(ServletContext context) {
        String server = String.valueOf(context.getServerInfo());
        if (server.startsWith("jetty/")) {
            Optional<String> hidden = JettyAuthenticationApi.expose(context);
            if (hidden.isPresent()) {
                return Optional.of("jwtguard.container-authentication=true, but " + hidden.get() + "; or leave it"
                        + " false here (filter mode: JwtGuard's rules hold, the container does not know the caller)");
            }
        } else if (!server.startsWith("Apache Tomcat/") && !server.startsWith("WildFly")) {
            return Optional.of("jwtguard.container-authentication=true: container identity mode is done for Tomcat 10.1"
                    + " and 11, WildFly and Jetty 12 so far, not for " + server + "; leave it false here (filter mode: JwtGuard's"
                    + " rules hold, the container does not know the caller)");
        }
        try {
            Class.forName("jakarta.security.auth.message.config.AuthConfigFactory", false, Guard.loader(context));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of("jwtguard.container-authentication=true, but this server has no Jakarta Authentication");
        }
        return Optional.empty();
    }

    /** The application stops: what JwtGuard registered outside it goes too. */
    public static void stopped(ServletContext context) {
        // Only then are Jakarta Authentication's types loaded: a server without them never registered anything.
        if (context.getAttribute(ContainerIdentity.REGISTRATION) != null) {
            ContainerIdentity.unregister(context);
        }
    }

    /** The application's classes among those the container found: JwtGuard's own servlets do not count. */
    private static Set<Class<?>> applications(Set<?> classes) {
        java.security.CodeSource ours = Deployment.class.getProtectionDomain().getCodeSource();
        Set<Class<?>> applications = new LinkedHashSet<>();
        for (Object each : classes) {
            if (each instanceof Class<?> type) {
                java.security.CodeSource theirs = type.getProtectionDomain().getCodeSource();
                boolean jwtGuards = ours != null && theirs != null && ours.getLocation() != null
                        && ours.getLocation().equals(theirs.getLocation());
                if (!jwtGuards) {
                    applications.add(type);
                }
            }
        }
        return applications;
    }

    private static InvalidSettingsException logged(InvalidSettingsException e) {
        LOG.log(Level.ERROR, e.getMessage());
        return e;
    }

    /**
     * Jakarta REST servlets start with the application, so that JwtGuardFeature announces itself before the first
     * request: until it has, their requests are refused, and a servlet started only by its first request never
     * would start.
     */
    private static void loadRestServletsOnStartup(ServletContext context) {
        for (String name : RestServlets.dispatchers(context)) {
            if (context.getServletRegistration(name) instanceof ServletRegistration.Dynamic dynamic) {
                try {
                    dynamic.setLoadOnStartup(1);
                } catch (IllegalStateException e) {
                    // Already started: nothing to do.
                }
            }
        }
    }

    /** One {@link NamedDispatchFilter} per servlet, mapped by name: URL-pattern filters miss named dispatches. */
    private static void guardNamedDispatches(ServletContext context) {
        for (String servlet : context.getServletRegistrations().keySet()) {
            if (NamedDispatchFilter.guards(context, servlet)) {
                continue;
            }
            FilterRegistration.Dynamic registration = context.addFilter(NamedDispatchFilter.nameFor(servlet),
                    new NamedDispatchFilter(servlet, context));
            if (registration != null) {
                registration.setAsyncSupported(true);
                registration.addMappingForServletNames(EnumSet.of(DispatcherType.FORWARD, DispatcherType.INCLUDE),
                        true, servlet);
            }
        }
    }
}
