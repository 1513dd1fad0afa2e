package io.jwtguard.internal.pipeline;

import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.Setting;
import io.jwtguard.internal.config.Settings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
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

    /** JwtGuard's own filters, registered by this class. */
    private static final Set<String> INTERNAL_FILTERS = Set.of(NamedDispatchFilter.class.getName());

    private static final System.Logger LOG = Refusals.LOG;

    private Deployment() {
    }

    /** The initializer's pass: registrations may still be added after it. */
    static void atStartup(Set<Class<?>> annotated, ServletContext context) throws InvalidSettingsException {
        Installation.of(context).initializerRan(annotated);
        AutomaticRegistration.registerUnlessDeclared(context);
        pass(context, false);
    }

    /**
     * The listener's pass, once the application's listeners have registered what they register.
     *
     * @throws IllegalStateException naming every problem, which fails the deployment
     */
    public static void afterRegistrations(ServletContext context) {
        if (!Installation.of(context).hasInitializerRun()) {
            LOG.log(Level.WARNING, "JwtGuard: its ServletContainerInitializer did not run for "
                    + Pipeline.contextName(context) + " (an <absolute-ordering> in web.xml leaves JwtGuard's jar"
                    + " out), so annotations on classes that are not servlets cannot be checked; add <others/> or"
                    + " <name>jwtguard</name> to the <absolute-ordering>");
        }
        try {
            pass(context, true);
        } catch (InvalidSettingsException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    private static void pass(ServletContext context, boolean complete) throws InvalidSettingsException {
        Installation installation = Installation.of(context);
        // Every problem at once, in one failure: a misnamed filter's and the guard's.
        List<String> misnamed = new ArrayList<>();
        for (Map.Entry<String, ? extends FilterRegistration> filter : context.getFilterRegistrations().entrySet()) {
            String className = String.valueOf(filter.getValue().getClassName());
            if (FilterKind.of(className).isEmpty() && className.startsWith("io.jwtguard.")
                    && !INTERNAL_FILTERS.contains(className)) {
                // GlassFish and Payara serve the application without a filter whose class is missing.
                misnamed.add("filter '" + filter.getKey() + "' names class " + className + ", which JwtGuard does"
                        + " not have; use one of " + FilterKind.classNames());
            }
            if (AutomaticRegistration.standsAside(context, filter.getKey())) {
                LOG.log(Level.INFO, "JwtGuard: the application registered a JwtGuard filter of its own for "
                        + Pipeline.contextName(context) + "; '" + AutomaticRegistration.NAME + "' stands aside");
            }
        }
        Map<String, FilterKind> filters = installation.activeFilters();
        Settings settings = null;
        if (!filters.isEmpty()) {
            // First, so that the check that every servlet is guarded sees the servlets guarded now.
            guardNamedDispatches(context);
            try {
                settings = installation.settle(complete);
            } catch (InvalidSettingsException e) {
                LOG.log(Level.ERROR, "Filter '" + filters.keySet().iterator().next() + "': " + e.getMessage());
                Set<String> all = new LinkedHashSet<>(e.problems());
                all.addAll(misnamed);
                throw new InvalidSettingsException(List.copyOf(all));
            }
        }
        if (!misnamed.isEmpty()) {
            throw logged(new InvalidSettingsException(misnamed));
        }
        Set<Class<?>> classes = applications(installation.annotatedClasses());
        if (filters.isEmpty() && complete && !classes.isEmpty()) {
            throw logged(new InvalidSettingsException(List.of(classes.size()
                    + (classes.size() == 1 ? " class carries" : " classes carry") + " @Authorize or"
                    + " @AllowAnonymous (" + classes.stream().map(Class::getName).sorted().limit(3)
                    .toList() + (classes.size() > 3 ? ", ..." : "") + "), but no JwtGuard filter is registered, so"
                    + " none of their rules would hold; remove " + Setting.FILTER_AUTO_REGISTER.key() + "=false to let"
                    + " JwtGuard register it, or map io.jwtguard.JwtGuardFilter to /* in web.xml")));
        }
        if (settings == null) {
            return;
        }
        if (settings.development()) {
            ServletRegistration.Dynamic rules = context.addServlet(RulesEndpoint.NAME, RulesEndpoint.class);
            if (rules != null) {
                rules.addMapping(RulesEndpoint.PATH);
            }
            ServletRegistration.Dynamic console = context.addServlet(ConsoleEndpoint.NAME, ConsoleEndpoint.class);
            if (console != null) {
                console.addMapping(ConsoleEndpoint.PATH, ConsoleEndpoint.PATH + "/*");
            }
        }
        if (settings.resource().configured()) {
            registerResourceMetadata(context, settings);
        }
        if (loadRestServletsOnStartup(context) && complete) {
            // Its rule is never read (it is registered after the rules are) and no path maps to it.
            ServletRegistration.Dynamic check = context.addServlet(RestStartupCheck.NAME, RestStartupCheck.class);
            if (check != null) {
                check.setLoadOnStartup(Integer.MAX_VALUE);
            }
        }
        // JwtGuard's own servlets, just added, are guarded like the application's.
        guardNamedDispatches(context);
        if (settings.containerAuthentication()) {
            Optional<String> unsupported = containerIdentityUnsupported(context);
            if (unsupported.isPresent()) {
                throw logged(new InvalidSettingsException(List.of(unsupported.get())));
            }
            // At the initializer's pass when it runs, before the container sets up its authentication.
            ContainerIdentity.register(context);
        }
    }

    /**
     * The protected resource metadata's servlet, at the paths RFC 9728 §3.1 derives from {@code jwtguard.resource}. A
     * path the application maps itself stays the application's, and the log says the metadata is not served there.
     */
    private static void registerResourceMetadata(ServletContext context, Settings settings) {
        ServletRegistration.Dynamic metadata = context.addServlet(ResourceMetadataEndpoint.NAME,
                ResourceMetadataEndpoint.class);
        if (metadata == null) {
            return; // Registered at the initializer's pass.
        }
        Set<String> taken = metadata.addMapping(settings.resource().metadataPaths().toArray(String[]::new));
        if (!taken.isEmpty()) {
            LOG.log(Level.WARNING, "JwtGuard: " + taken + " already mapped to another servlet of "
                    + Pipeline.contextName(context) + ", so the protected resource metadata is not served there");
        }
        String url = settings.resource().metadataUrl(context.getContextPath());
        String wellKnown = settings.resource().metadataUrl("");
        LOG.log(Level.INFO, "JwtGuard serves the protected resource metadata of " + settings.resource().resource()
                + " at " + url + (url.equals(wellKnown) ? "" : "; clients that derive its URL from the resource (RFC"
                + " 9728 §3.1) ask " + wellKnown + ", outside this application's context path: route it here"));
    }

    /**
     * Why this server cannot run container identity mode, or empty when it can (here, so that a server without
     * Jakarta Authentication never loads {@link ContainerIdentity}). Tomcat looks up the module on each
     * request under {@code "<virtual host> <context path>"}, which is what the Jakarta Authentication profile says;
     * the others are not done yet, so start-up refuses rather than leave rules unenforced.
     */
    private static Optional<String> containerIdentityUnsupported(ServletContext context) {
        ServerKind server = ServerKind.of(context);
        if (server == ServerKind.JETTY) {
            Optional<String> hidden = JettyAuthenticationApi.expose(context);
            if (hidden.isPresent()) {
                return Optional.of("jwtguard.container-authentication=true, but " + hidden.get() + "; or leave it"
                        + " false here (filter mode: JwtGuard's rules hold, the container does not know the caller)");
            }
        } else if (!server.runsContainerIdentity()) {
            return Optional.of("jwtguard.container-authentication=true: container identity mode is done for Tomcat 10.1"
                    + " and 11, WildFly and Jetty 12 so far, not for " + context.getServerInfo() + "; leave it false here (filter mode: JwtGuard's"
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
        Optional<Installation> installation = Installation.find(context);
        // Only then are Jakarta Authentication's types loaded: a server without them never registered anything.
        if (installation.flatMap(Installation::containerIdentityRegistration).isPresent()) {
            ContainerIdentity.unregister(context);
        }
        installation.ifPresent(Installation::close);
    }

    /** The application's classes among those the container found: JwtGuard's own servlets do not count. */
    private static Set<Class<?>> applications(Set<Class<?>> classes) {
        java.security.CodeSource ours = Deployment.class.getProtectionDomain().getCodeSource();
        Set<Class<?>> applications = new LinkedHashSet<>();
        for (Class<?> type : classes) {
            java.security.CodeSource theirs = type.getProtectionDomain().getCodeSource();
            boolean jwtGuards = ours != null && theirs != null && ours.getLocation() != null
                    && ours.getLocation().equals(theirs.getLocation());
            if (!jwtGuards) {
                applications.add(type);
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
     * would start. Whether there are any.
     */
    private static boolean loadRestServletsOnStartup(ServletContext context) {
        Set<String> dispatchers = RestServlets.dispatchers(context);
        for (String name : dispatchers) {
            if (context.getServletRegistration(name) instanceof ServletRegistration.Dynamic dynamic) {
                try {
                    dynamic.setLoadOnStartup(1);
                } catch (IllegalStateException e) {
                    // Already started: nothing to do.
                }
            }
        }
        return !dispatchers.isEmpty();
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
