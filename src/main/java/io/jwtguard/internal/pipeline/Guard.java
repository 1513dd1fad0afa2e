package io.jwtguard.internal.pipeline;

import io.jwtguard.TokenRefreshServlet;
import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.internal.authz.Authorizer;
import io.jwtguard.internal.authz.Policies;
import io.jwtguard.internal.authz.RuleTable;
import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.MicroProfileSettings;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.config.SettingsLoader;
import io.jwtguard.internal.config.SettingsSource;
import io.jwtguard.internal.cors.CorsPolicy;
import io.jwtguard.internal.revocation.RevocationService;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.Set;

/**
 * Everything one JwtGuard filter needs, built once from a {@link ServletContext} and the filter's
 * init-params: the same code path for the filter's {@code init} and for the deploy-time self-check, so
 * the two can never disagree. Immutable and thread-safe.
 */
public record Guard(Settings settings, String settingsOrigin, CorsPolicy cors, Authenticator authenticator,
        RuleTable rules, Authorizer authorizer, Refusals refusals, Responder responder, Listeners listeners,
        Metrics metrics, RevocationService revocations) {

    /** Starts the background work of a guard that will serve requests (not of a deploy-time check). */
    void start() {
        authenticator.start();
        revocations.start();
    }

    void close() {
        authenticator.close();
        revocations.close();
        metrics.unregister();
    }

    @SuppressWarnings("unchecked")
    private static Set<Class<?>> annotatedClasses(ServletContext context) {
        Object found = context.getAttribute(Deployment.ANNOTATED_CLASSES);
        return found instanceof Set<?> set ? (Set<Class<?>>) set : Set.of();
    }

    /**
     * A servlet registered after JwtGuard guarded the servlets (by a listener that runs after
     * {@code JwtGuardContextListener}, or with web fragments off) could be run by a named dispatch with no rule.
     */
    private static void unguardedServlets(ServletContext context, Problems problems) {
        for (String servlet : context.getServletRegistrations().keySet()) {
            if (!NamedDispatchFilter.guards(context, servlet)) {
                problems.add("servlet '" + servlet + "' is not guarded against named dispatches"
                        + " (getNamedDispatcher(\"" + servlet + "\").forward would run it without its rule): it was"
                        + " registered after JwtGuard guarded the servlets; declare"
                        + " <listener><listener-class>io.jwtguard.JwtGuardContextListener</listener-class></listener>"
                        + " in web.xml after the listeners that register servlets (JwtGuard's web fragment declares it"
                        + " unless web.xml is metadata-complete or its <absolute-ordering> leaves out 'jwtguard')");
            }
        }
    }

    /**
     * The application's class loader. A context without one of its own (an embedded server's plain
     * servlet context) answers null: then the thread's, as the container sets it, or JwtGuard's own.
     */
    static ClassLoader loader(ServletContext context) {
        ClassLoader loader = context.getClassLoader();
        if (loader == null) {
            loader = Thread.currentThread().getContextClassLoader();
        }
        return loader != null ? loader : Guard.class.getClassLoader();
    }

    /** How much of the application is registered when a guard is built. */
    enum Completeness {
        /** At the initializer: listeners may still register servlets and filters. */
        SO_FAR,
        /** After the application's listeners: nothing can be registered any more. */
        COMPLETE
    }

    /**
     * Settings, policies, the servlets' rules and the listeners, each checked even when another has
     * problems, so that one start-up reports every problem of all four at once. Once registrations are
     * {@link Completeness#COMPLETE}, also the annotations on classes that are not servlets and, for a filter
     * that authorizes, that every servlet is guarded against named dispatches.
     */
    static Guard build(ServletContext context, SettingsSource initParams, Clock clock, Completeness completeness,
            boolean authorizes) throws InvalidSettingsException {
        ClassLoader loader = loader(context);
        Problems problems = new Problems();
        SettingsSource config = MicroProfileSettings.open(loader);
        Settings settings = SettingsLoader.read(config, initParams, loader, problems);
        Policies policies = Policies.load(settings.policies(), loader, problems);
        Set<Class<?>> annotated = completeness == Completeness.COMPLETE ? annotatedClasses(context) : null;
        RuleTable rules = RuleTable.fromContext(context, loader, settings.fallback(), policies.names(), annotated,
                problems, settings.containerAuthentication());
        Listeners listeners = Listeners.load(settings.listeners(), loader, problems);
        if (completeness == Completeness.COMPLETE && authorizes) {
            unguardedServlets(context, problems);
        }
        RevocationService revocations = RevocationService.forSettings(settings, clock, loader, problems);
        refreshWithoutIssuer(context, settings, problems);
        problems.throwIfAny();
        Authenticator authenticator = new Authenticator(settings, clock);
        Responder responder = new Responder(settings);
        Metrics metrics = new Metrics(authenticator);
        return new Guard(settings, config.origin(), new CorsPolicy(settings.cors()), authenticator, rules,
                new Authorizer(policies), new Refusals(responder, listeners, metrics, clock), responder,
                listeners, metrics, revocations);
    }

    /** A refresh endpoint mapped while no {@code TokenIssuer} is published could only ever answer 503. */
    private static void refreshWithoutIssuer(ServletContext context, Settings settings, Problems problems) {
        if (settings.publishTokenIssuer()) {
            return;
        }
        context.getServletRegistrations().forEach((name, registration) -> {
            if (TokenRefreshServlet.class.getName().equals(registration.getClassName())) {
                problems.add("servlet '" + name + "' is io.jwtguard.TokenRefreshServlet, which exchanges refresh tokens"
                        + " with the published TokenIssuer, but jwtguard.token-issuer.publish is false; set it to true");
            }
        });
    }
}
