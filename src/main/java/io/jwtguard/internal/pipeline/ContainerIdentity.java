package io.jwtguard.internal.pipeline;

import io.jwtguard.internal.authz.SecurityConstraints;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;

/**
 * Container identity mode ({@code jwtguard.container-authentication=true}): JwtGuard registers itself with the
 * container through Jakarta Authentication, for this application only, at deploy time, so that the container
 * knows the caller ({@code getUserPrincipal()}, {@code isUserInRole()}, {@code web.xml} security constraints).
 * The module runs the authenticating filter's own stages, never a second implementation: a CORS preflight is
 * answered there (the container would refuse it with no caller), a token is verified with the listeners and
 * revocation, and the result is left on the request for the filter, which still authorizes by the rules (its CORS
 * stage is not run twice). A request with no usable token goes on with no caller, unless the container says
 * authentication is mandatory for it (a constraint): then JwtGuard's own 401 with its reason answers it, and a
 * caller without a role web.xml's constraint demands gets JwtGuard's 403 instead of the container's page. Loaded
 * only in this mode, so servers without Jakarta Authentication never load its types. Stateless apart from what it
 * registers: each configuration the container asks for holds the container's callback handler it was asked with.
 */
final class ContainerIdentity {

    private static final String LAYER = "HttpServlet";

    private ContainerIdentity() {
    }

    /** Registers the module for {@code context}, once. */
    static void register(ServletContext context) {
        Installation installation = Installation.of(context);
        if (installation.containerIdentityRegistration().isPresent()) {
            return;
        }
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        if (factory == null) {
            throw new IllegalStateException("JwtGuard cannot start: jwtguard.container-authentication=true, but the"
                    + " server has no Jakarta Authentication factory (AuthConfigFactory.getFactory() is null)");
        }
        String appContext = appContext(context);
        SecurityConstraints constraints = SecurityConstraints.read(context);
        // The start-up report: in this mode the container enforces web.xml's constraints, gaps included.
        constraints.uncoveredMethods().forEach(line -> Refusals.LOG.log(Level.WARNING, "JwtGuard: "
                + Pipeline.contextName(context) + ": " + line));
        String id = factory.registerConfigProvider(new Provider(context, constraints, declaringServlets(context)), LAYER,
                appContext,
                "JwtGuard bearer tokens for " + Pipeline.contextName(context));
        installation.containerIdentityRegistered(id);
        try {
            // The factory outlives the application: the registration goes when it stops, even with web fragments off.
            context.addListener(new Unregistering());
        } catch (UnsupportedOperationException | IllegalStateException e) {
            // Registered from JwtGuardContextListener itself, whose contextDestroyed removes it instead.
        }
        Refusals.LOG.log(Level.INFO, "JwtGuard: container identity mode for " + Pipeline.contextName(context)
                + ": registered with the container's Jakarta Authentication as '" + appContext + "'");
    }

    /**
     * The application context the container looks the module up under: {@code "<virtual host> <context path>"},
     * as the Servlet profile says, except on Jetty, whose key is its own.
     */
    private static String appContext(ServletContext context) {
        return ServerKind.of(context) == ServerKind.JETTY ? JettyAuthenticationApi.appContext(context)
                : context.getVirtualServerName() + " " + context.getContextPath();
    }

    /**
     * The servlets whose class has {@code @ServletSecurity}: the container's constraints for their mappings may come
     * from there, which web.xml does not show, so their role refusals are left to the container.
     */
    private static java.util.Set<String> declaringServlets(ServletContext context) {
        java.util.Set<String> names = new java.util.HashSet<>();
        ClassLoader loader = Guard.loader(context);
        for (Map.Entry<String, ? extends jakarta.servlet.ServletRegistration> servlet
                : context.getServletRegistrations().entrySet()) {
            String className = servlet.getValue().getClassName();
            try {
                if (className != null && Class.forName(className, false, loader)
                        .isAnnotationPresent(jakarta.servlet.annotation.ServletSecurity.class)) {
                    names.add(servlet.getKey());
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // A container's own servlet (JSP, default): no annotation of the application's.
            }
        }
        return java.util.Set.copyOf(names);
    }

    /** Removes the registration when the application stops. */
    private static final class Unregistering implements jakarta.servlet.ServletContextListener {
        @Override
        public void contextDestroyed(jakarta.servlet.ServletContextEvent event) {
            unregister(event.getServletContext());
        }
    }

    /** Removes the registration when the application stops: the factory outlives it. */
    static void unregister(ServletContext context) {
        Installation installation = Installation.of(context);
        installation.containerIdentityRegistration().ifPresent(id -> {
            AuthConfigFactory factory = AuthConfigFactory.getFactory();
            if (factory != null) {
                factory.removeRegistration(id);
            }
            installation.containerIdentityRegistered(null);
        });
    }

    /**
     * The application's provider. The container's callback handler is the one thing that differs between the
     * configurations it hands out (the contract allows a handler per configuration, even per request), so each
     * configuration, and the module built for it, holds its own: nothing the provider shares is ever written.
     * Immutable and thread-safe.
     */
    static final class Provider implements AuthConfigProvider {

        private final ServletContext context;
        private final SecurityConstraints constraints;
        private final java.util.Set<String> declaringServlets;

        /**
         * @param constraints web.xml's constraints, whose role refusals JwtGuard answers itself
         * @param declaringServlets servlets with {@code @ServletSecurity}, whose constraints web.xml does not show
         */
        Provider(ServletContext context, SecurityConstraints constraints, java.util.Set<String> declaringServlets) {
            this.context = context;
            this.constraints = constraints;
            this.declaringServlets = java.util.Set.copyOf(declaringServlets);
        }

        @Override
        public ClientAuthConfig getClientAuthConfig(String layer, String appContext, CallbackHandler handler) {
            return null;
        }

        @Override
        public ServerAuthConfig getServerAuthConfig(String layer, String appContext, CallbackHandler handler) {
            return new Config(context, new ContainerModule(context, constraints, declaringServlets, handler));
        }

        @Override
        public void refresh() {
        }
    }

    /** One configuration: the module built with the container's handler for it. Immutable and thread-safe. */
    private static final class Config implements ServerAuthConfig {

        private final ServletContext context;
        private final ContainerModule module;

        Config(ServletContext context, ContainerModule module) {
            this.context = context;
            this.module = module;
        }

        @Override
        public ServerAuthContext getAuthContext(String authContextId, Subject serviceSubject,
                @SuppressWarnings("rawtypes") Map properties) {
            return module;
        }

        @Override
        public void refresh() {
        }

        @Override
        public String getMessageLayer() {
            return LAYER;
        }

        @Override
        public String getAppContext() {
            return appContext(context);
        }

        @Override
        public String getAuthContextID(MessageInfo messageInfo) {
            return "JwtGuard";
        }

        @Override
        public boolean isProtected() {
            return false;
        }
    }

}
