package io.jwtguard.internal.pipeline;

import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.internal.authz.Authorizer;
import io.jwtguard.internal.authz.Policies;
import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.MicroProfileSettings;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.config.SettingsLoader;
import io.jwtguard.internal.config.SettingsSource;
import io.jwtguard.internal.cors.CorsPolicy;
import io.jwtguard.internal.dpop.ProofCheck;
import io.jwtguard.internal.revocation.RevocationService;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * What an application's JwtGuard is made of apart from its rules: the settings and everything built from them
 * (CORS policy, authenticator, proof-of-possession check, policies, listeners, revocation, the refusals' writer and counters, and with
 * development diagnostics the console). Built once per
 * application by {@link Installation}; every filter, named-dispatch guard, the Jakarta REST feature and the
 * container module use that one. Its parts are thread-safe; the authenticator and revocation own background work,
 * started and stopped once.
 */
record Guard(Settings settings, String settingsOrigin, CorsPolicy cors, Authenticator authenticator,
        Authorizer authorizer, Refusals refusals, Responder responder, Listeners listeners, Metrics metrics,
        RevocationService revocations, ProofCheck proofs, Optional<Console> console) {

    /** Starts the background work (key fetching, the revocation store's sync). */
    void start() {
        authenticator.start();
        revocations.start();
    }

    void close() {
        authenticator.close();
        revocations.close();
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
     * Settings, policies, the registrations' rules and the listeners, each checked even when another has problems,
     * so that one start-up reports every problem at once.
     *
     * @param annotated the classes with JwtGuard's annotations, or null
     * @param complete whether the application's listeners have registered what they register
     * @param authorizes whether a JwtGuard filter that authorizes is registered
     */
    static Built build(ServletContext context, SettingsSource initParams, Clock clock, Set<Class<?>> annotated,
            boolean complete, boolean authorizes) throws InvalidSettingsException {
        ClassLoader loader = loader(context);
        Problems problems = new Problems();
        SettingsSource config = MicroProfileSettings.open(loader);
        Settings settings = SettingsLoader.read(config, initParams, loader, problems);
        Policies policies = Policies.load(settings.policies(), loader, problems);
        Registrations registrations = Registrations.read(context, settings, policies.names(), annotated, complete,
                authorizes, problems);
        Listeners listeners = Listeners.load(settings.listeners(), loader, problems);
        RevocationService revocations = RevocationService.forSettings(settings, clock, loader, problems);
        problems.throwIfAny();
        Authenticator authenticator = new Authenticator(settings, clock);
        Responder responder = new Responder(settings, context.getContextPath());
        Metrics metrics = new Metrics(authenticator, revocations, settings.telemetry());
        // The console and the refusals it shows exist only with development diagnostics.
        RecentRefusals recent = settings.development() ? RecentRefusals.keeping(RecentRefusals.CAPACITY, clock)
                : RecentRefusals.none();
        Optional<Console> console = settings.development()
                ? Optional.of(new Console(authenticator, revocations, recent, EffectiveSettings.read(config, initParams, settings.warnings()), clock))
                : Optional.empty();
        Guard guard = new Guard(settings, config.origin(), new CorsPolicy(settings.cors()), authenticator,
                new Authorizer(policies, clock, settings.clockSkew()),
                new Refusals(responder, listeners, metrics, clock, recent), responder,
                listeners, metrics, revocations, new ProofCheck(settings, clock, revocations), console);
        return new Built(guard, registrations);
    }

    /** A guard with the registrations it was built with. */
    record Built(Guard guard, Registrations registrations) {
    }

    /** The registrations read again, complete, with this guard's settings and policies. */
    Registrations reread(ServletContext context, Set<Class<?>> annotated, boolean authorizes)
            throws InvalidSettingsException {
        Problems problems = new Problems();
        Registrations registrations = Registrations.read(context, settings, authorizer.policyNames(), annotated, true,
                authorizes, problems);
        problems.throwIfAny();
        return registrations;
    }
}
