package io.jwtguard;

import io.jwtguard.authn.Authenticator;
import io.jwtguard.authz.Authorizer;
import io.jwtguard.authz.Policies;
import io.jwtguard.authz.RuleTable;
import io.jwtguard.config.InvalidSettingsException;
import io.jwtguard.config.MicroProfileSettings;
import io.jwtguard.config.Settings;
import io.jwtguard.config.SettingsLoader;
import io.jwtguard.config.SettingsSource;
import io.jwtguard.cors.CorsPolicy;
import jakarta.servlet.ServletContext;
import java.time.Clock;

/**
 * Everything one JwtGuard filter needs, one stage after the other (CORS, authentication, authorization), built once from a {@link ServletContext} and the filter's
 * init-params: the same code path for the filter's {@code init} and for the deploy-time self-check,
 * so the two can never disagree. Immutable and thread-safe.
 */
record Guard(Settings settings, CorsPolicy cors, Authenticator authenticator, RuleTable rules, Authorizer authorizer,
        Responder responder, Listeners listeners, Metrics metrics) {

    /** The {@code ServletContext} attribute under which the authorizing filter publishes its guard. */
    static final String CONTEXT_ATTRIBUTE = "io.jwtguard.Guard";

    /** Starts the background work of a guard that will serve requests (not of a deploy-time check). */
    void start() {
        authenticator.start();
    }

    void close() {
        authenticator.close();
        metrics.unregister();
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

    static Guard build(ServletContext context, SettingsSource initParams, Clock clock) throws InvalidSettingsException {
        ClassLoader loader = loader(context);
        Settings settings = SettingsLoader.load(MicroProfileSettings.open(loader), initParams, loader);
        Policies policies = Policies.load(settings.policies(), loader);
        RuleTable rules = RuleTable.fromContext(context, loader, settings.fallback(), policies.names());
        Authenticator authenticator = new Authenticator(settings, clock);
        return new Guard(settings, new CorsPolicy(settings.cors()), authenticator, rules,
                new Authorizer(policies, settings.rolesClaim()), new Responder(settings), listeners(settings, loader),
                new Metrics(authenticator));
    }

    /** ServiceLoader's listeners, then those named in {@code jwtguard.listeners}. */
    private static Listeners listeners(Settings settings, ClassLoader loader) throws InvalidSettingsException {
        java.util.List<JwtGuardListener> found = new java.util.ArrayList<>();
        java.util.List<String> problems = new java.util.ArrayList<>();
        try {
            java.util.ServiceLoader.load(JwtGuardListener.class, loader).forEach(found::add);
        } catch (java.util.ServiceConfigurationError e) {
            problems.add("a JwtGuardListener listed in META-INF/services cannot be loaded: " + e.getMessage());
        }
        for (String name : settings.listeners()) {
            try {
                Class<?> type = Class.forName(name, true, loader);
                if (!JwtGuardListener.class.isAssignableFrom(type)) {
                    problems.add("jwtguard.listeners: " + name + " does not implement io.jwtguard.JwtGuardListener");
                } else if (found.stream().noneMatch(type::isInstance)) {
                    found.add((JwtGuardListener) type.getConstructor().newInstance());
                }
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                problems.add("jwtguard.listeners: cannot create " + name + " (" + e.getClass().getSimpleName()
                        + "); it needs a public no-argument constructor");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new Listeners(found);
    }
}
