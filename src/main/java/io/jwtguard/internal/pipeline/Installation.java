package io.jwtguard.internal.pipeline;

import io.jwtguard.Revocations;
import io.jwtguard.TokenIssuer;
import io.jwtguard.internal.authn.TokenSigner;
import io.jwtguard.internal.authz.RuleReport;
import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.config.SettingsSource;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * JwtGuard as installed in one application: the one {@link Guard} built at deploy time and the registrations read
 * with it, and the pipelines every JwtGuard filter, named-dispatch guard, the Jakarta REST feature and the container
 * module run with it. The only {@code ServletContext} attribute JwtGuard keeps for itself (beside the
 * {@code Revocations} and {@code TokenIssuer} it publishes for the application).
 *
 * <p>Built at the first of: the initializer (registrations so far), {@code JwtGuardContextListener} (complete), a
 * filter's {@code init} or the container module's first request (where web.xml left the other two out); the
 * registrations are read once more, complete, when the listener or the first filter comes. The guard's background
 * work starts with the first filter that authenticates and stops with the application. Thread-safe: everything
 * that changes does so under this object's lock.
 */
final class Installation {

    private static final String ATTRIBUTE = "io.jwtguard.Installation";
    private static final System.Logger LOG = Refusals.LOG;

    private final ServletContext context;
    private final Clock clock;
    private final RestServlets rest = new RestServlets();
    private volatile boolean initializerRan;
    private volatile Set<Class<?>> annotated;
    private volatile String containerIdentityRegistration;
    private Guard guard;
    private Registrations registrations;
    private final Map<FilterKind, Pipeline> pipelines = new EnumMap<>(FilterKind.class);
    private boolean started;
    private boolean counted;
    private TokenSigner tokenIssuer;
    /** The JwtGuard filters' init-params the guard was built with. */
    private Map<String, String> initParametersRead = Map.of();
    private int filtersRunning;

    private Installation(ServletContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    /** This application's, created on first use. */
    static Installation of(ServletContext context) {
        synchronized (context) {
            if (context.getAttribute(ATTRIBUTE) instanceof Installation existing) {
                return existing;
            }
            Installation created = new Installation(context, Clock.systemUTC());
            context.setAttribute(ATTRIBUTE, created);
            return created;
        }
    }

    /** This application's, if JwtGuard was installed in it at all. */
    static Optional<Installation> find(ServletContext context) {
        return context.getAttribute(ATTRIBUTE) instanceof Installation existing ? Optional.of(existing)
                : Optional.empty();
    }

    /** The initializer ran, handing over the classes that carry JwtGuard's annotations. */
    void initializerRan(Set<Class<?>> annotatedClasses) {
        annotated = annotatedClasses == null ? null : Set.copyOf(annotatedClasses);
        initializerRan = true;
    }

    boolean hasInitializerRun() {
        return initializerRan;
    }

    /** The classes the container found with JwtGuard's annotations, or empty when the initializer did not run. */
    Set<Class<?>> annotatedClasses() {
        Set<Class<?>> found = annotated;
        return found == null ? Set.of() : found;
    }

    RestServlets rest() {
        return rest;
    }

    Optional<String> containerIdentityRegistration() {
        return Optional.ofNullable(containerIdentityRegistration);
    }

    void containerIdentityRegistered(String id) {
        containerIdentityRegistration = id;
    }

    /** The JwtGuard filters the application registered, by name, without the automatic one where it stands aside. */
    Map<String, FilterKind> activeFilters() {
        Map<String, FilterKind> active = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, ? extends FilterRegistration> filter : context.getFilterRegistrations().entrySet()) {
            Optional<FilterKind> kind = FilterKind.of(String.valueOf(filter.getValue().getClassName()));
            if (kind.isPresent() && !AutomaticRegistration.standsAside(context, filter.getKey())) {
                active.put(filter.getKey(), kind.get());
            }
        }
        return active;
    }

    /**
     * Builds the guard if it is not built yet, and reads the registrations: as they are so far, or complete. Every
     * problem at once.
     *
     * @return the settings, to decide what else to register
     */
    synchronized Settings settle(boolean complete) throws InvalidSettingsException {
        Map<String, FilterKind> filters = activeFilters();
        boolean authorizes = filters.values().stream().anyMatch(kind -> kind.runs(Stage.AUTHORIZE));
        Map<String, String> initParameters = InitParameters.of(context, filters.keySet());
        if (guard != null && pipelines.isEmpty() && !initParameters.equals(initParametersRead)) {
            // A JwtGuard filter registered in code since (its own, where the automatic one stands aside) brought
            // init-params: the guard, which no filter runs yet, is built again with them rather than ignore them.
            guard.close();
            guard = null;
        }
        if (guard == null) {
            initParametersRead = initParameters;
            Guard.Built built = Guard.build(context, SettingsSource.of(initParametersRead), clock, annotated, complete,
                    authorizes);
            guard = built.guard();
            registrations = built.registrations();
            StartupLog.settingsRead(context, guard.settings());
            if (complete) {
                StartupLog.rulesRead(context, registrations);
            }
        } else if (complete && !registrations.complete()) {
            registrations = guard.reread(context, annotated, authorizes);
            StartupLog.rulesRead(context, registrations);
        }
        rest.settle(new RestServlets.Basis(guard.settings().fallback(), guard.authorizer().policyNames()));
        return guard.settings();
    }

    /**
     * The pipeline a filter of {@code kind} runs, the guard's background work started if it authenticates. Every
     * filter of the application shares the guard; filters of one kind share one pipeline.
     */
    synchronized Pipeline startFilter(FilterKind kind, String filterName) throws ServletException {
        Pipeline pipeline = pipeline(kind);
        List<String> unread = InitParameters.unread(context, filterName, initParametersRead);
        if (!unread.isEmpty()) {
            InvalidSettingsException problems = new InvalidSettingsException(unread);
            throw logged(problems.getMessage(), null);
        }
        filtersRunning++;
        if (!counted) {
            // One set of counters per application, named after the first of its JwtGuard filters.
            guard.metrics().register(context.getContextPath(), filterName);
            counted = true;
        }
        Settings settings = guard.settings();
        LOG.log(Level.INFO, "JwtGuard " + kind.description() + " started for " + contextName(context) + ": trusting "
                + settings.trusted() + ", clock skew " + settings.clockSkew().toSeconds() + "s, CORS "
                + (settings.cors().enabled() ? "on" : "off") + ", diagnostics "
                + settings.diagnostics().name().toLowerCase(Locale.ROOT) + ", settings from " + guard.settingsOrigin()
                + (kind.runs(Stage.AUTHENTICATE) ? ", revocation " + settings.revocation().describe() + ", DPoP "
                        + guard.proofs().describe() : ""));
        return pipeline;
    }

    /**
     * The pipeline of {@code kind} over the complete registrations, started once.
     *
     * @throws ServletException naming every problem, logged
     */
    private Pipeline pipeline(FilterKind kind) throws ServletException {
        try {
            settle(true);
        } catch (InvalidSettingsException e) {
            LOG.log(Level.ERROR, e.getMessage());
            throw new ServletException(e.getMessage());
        }
        Pipeline existing = pipelines.get(kind);
        if (existing != null) {
            return existing;
        }
        if (kind.runs(Stage.AUTHENTICATE)) {
            startAuthentication();
        }
        Pipeline created = new Pipeline(kind.stages(), guard, registrations, rest);
        pipelines.put(kind, created);
        return created;
    }

    private void startAuthentication() throws ServletException {
        Settings settings = guard.settings();
        if (settings.containerAuthentication() && containerIdentityRegistration == null) {
            // Never a silent filter mode: the container would not know the caller the settings promise it.
            throw logged("JwtGuard cannot start: jwtguard.container-authentication=true, but JwtGuard did"
                    + " not register with the container: its ServletContainerInitializer did not run for "
                    + contextName(context) + " (web.xml's <absolute-ordering> leaves out 'jwtguard', or the container"
                    + " skipped initializers); add <others/> or <name>jwtguard</name> to the <absolute-ordering>", null);
        }
        if (started) {
            return;
        }
        // Revoking only ever refuses more, so it is always published: a logout endpoint needs nothing enabled.
        context.setAttribute(Revocations.CONTEXT_ATTRIBUTE, guard.revocations());
        if (settings.publishTokenIssuer()) {
            // Only on request: published, any code of the application (or an EL injection) could mint tokens.
            Optional<TokenSigner> signer = TokenSigner.forSettings(settings, clock, guard.revocations());
            signer.ifPresent(issuer -> context.setAttribute(TokenIssuer.CONTEXT_ATTRIBUTE, issuer));
            tokenIssuer = signer.orElse(null);
            if (signer.isEmpty()) {
                LOG.log(Level.WARNING, "JwtGuard: jwtguard.token-issuer.publish=true, but there is no key to sign"
                        + " with (an HMAC secret, or jwtguard.signing.key.location next to a public key): no TokenIssuer"
                        + " is published");
            }
        }
        try {
            guard.start();
        } catch (RuntimeException e) {
            // A start-up problem like every other: GlassFish and Payara would otherwise serve the application without
            // the filter (FilterShell refuses every request there instead).
            guard.close();
            throw logged("JwtGuard cannot start: " + e.getMessage(), e);
        }
        started = true;
    }

    private static ServletException logged(String message, Throwable cause) {
        LOG.log(Level.ERROR, message);
        return new ServletException(message, cause);
    }

    /**
     * The pipeline that applies rules outside a filter (named dispatches, Jakarta REST resources): present once a
     * JwtGuard filter that authorizes has started.
     */
    synchronized Optional<Pipeline> authorizing() {
        return pipelines.values().stream().filter(pipeline -> pipeline.runs(Stage.AUTHORIZE)).findFirst();
    }

    /**
     * The container module's pipeline: the stages of the filter that authenticates, started here when the container
     * has not initialised that filter yet (Undertow initialises filters on their first use, after authentication).
     * Empty when no JwtGuard filter authenticates.
     */
    synchronized Optional<Pipeline> authenticating() throws ServletException {
        for (FilterKind kind : activeFilters().values()) {
            if (kind.runs(Stage.AUTHENTICATE)) {
                return Optional.of(pipeline(kind));
            }
        }
        return Optional.empty();
    }

    /**
     * What {@code TokenIssuer.of} answers: the issuer, with the authentication side started here if no filter has
     * yet (a servlet's {@code init} may come first where filters start on their first request).
     *
     * @throws IllegalStateException naming the setting or the key that is missing
     */
    synchronized TokenIssuer tokenIssuer() {
        revocations(); // starts the authentication side, which publishes the issuer
        if (tokenIssuer != null) {
            return tokenIssuer;
        }
        throw new IllegalStateException(guard.settings().publishTokenIssuer()
                ? "JwtGuard has no TokenIssuer: jwtguard.token-issuer.publish=true, but there is no key to sign with (an"
                        + " HMAC secret, or jwtguard.signing.key.location next to a public key)"
                : "JwtGuard has no TokenIssuer: it signs tokens only when asked to, with"
                        + " jwtguard.token-issuer.publish=true (JWTGUARD_TOKEN_ISSUER_PUBLISH)");
    }

    /**
     * What {@code Revocations.of} answers, the authentication side started here if no filter has yet.
     *
     * @throws IllegalStateException when no JwtGuard filter authenticates, or JwtGuard could not start
     */
    synchronized Revocations revocations() {
        try {
            if (authenticating().isEmpty()) {
                throw new IllegalStateException("JwtGuard authenticates no request of " + contextName(context)
                        + ": no JwtGuard filter that authenticates is registered");
            }
        } catch (ServletException e) {
            throw new IllegalStateException(e.getMessage());
        }
        return guard.revocations();
    }

    /** The Jakarta REST servlets that have not announced JwtGuardFeature (none before registrations are read). */
    synchronized java.util.List<String> restServletsWithoutFeature() {
        return registrations == null ? List.of() : registrations.restDispatchers().stream()
                .filter(servlet -> !rest.defers(servlet)).sorted().toList();
    }

    /** The rule table, for the development endpoint and the refusals' hints; empty before registrations are read. */
    synchronized Optional<RuleReport> report() {
        return registrations == null ? Optional.empty() : Optional.of(registrations.report());
    }

    /** A filter stopped; the last one stops the guard's background work. */
    synchronized void filterStopped() {
        filtersRunning = Math.max(0, filtersRunning - 1);
        if (filtersRunning == 0) {
            close();
        }
    }

    /** The application stops: its guard's work ends, and a filter started again builds everything anew. */
    synchronized void close() {
        if (guard != null) {
            guard.close();
        }
        guard = null;
        initParametersRead = Map.of();
        registrations = null;
        tokenIssuer = null;
        pipelines.clear();
        started = false;
        counted = false;
        filtersRunning = 0;
    }

    static String contextName(ServletContext context) {
        String path = context.getContextPath();
        return path == null || path.isEmpty() ? "the root context" : "context " + path;
    }
}
