package io.jwtguard.internal.pipeline;

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
import jakarta.servlet.ServletContext;
import java.time.Clock;

/**
 * Everything one JwtGuard filter needs, built once from a {@link ServletContext} and the filter's
 * init-params: the same code path for the filter's {@code init} and for the deploy-time self-check, so
 * the two can never disagree. Immutable and thread-safe.
 */
public record Guard(Settings settings, CorsPolicy cors, Authenticator authenticator, RuleTable rules,
        Authorizer authorizer, Refusals refusals, Responder responder, Listeners listeners, Metrics metrics) {

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

    /**
     * Settings, policies, the servlets' rules and the listeners, each checked even when another has
     * problems, so that one start-up reports every problem of all four at once.
     */
    static Guard build(ServletContext context, SettingsSource initParams, Clock clock) throws InvalidSettingsException {
        ClassLoader loader = loader(context);
        Problems problems = new Problems();
        Settings settings = SettingsLoader.read(MicroProfileSettings.open(loader), initParams, loader, problems);
        Policies policies = Policies.load(settings.policies(), loader, problems);
        RuleTable rules = RuleTable.fromContext(context, loader, settings.fallback(), policies.names(), problems);
        Listeners listeners = Listeners.load(settings.listeners(), loader, problems);
        problems.throwIfAny();
        Authenticator authenticator = new Authenticator(settings, clock);
        Responder responder = new Responder(settings);
        Metrics metrics = new Metrics(authenticator);
        return new Guard(settings, new CorsPolicy(settings.cors()), authenticator, rules,
                new Authorizer(policies), new Refusals(responder, listeners, metrics), responder,
                listeners, metrics);
    }
}
