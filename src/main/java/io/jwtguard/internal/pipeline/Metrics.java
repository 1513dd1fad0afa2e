package io.jwtguard.internal.pipeline;

import io.jwtguard.JwtGuardMetricsMXBean;
import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.internal.config.TelemetrySettings;
import io.jwtguard.internal.revocation.RevocationService;
import io.jwtguard.internal.telemetry.Exporter;
import io.jwtguard.internal.telemetry.Readings;
import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The counters behind {@link JwtGuardMetricsMXBean}: one adder per outcome and reason, cheap enough for
 * every request; and the optional integrations (Micrometer, OpenTelemetry) told of each decision, each present only
 * when its library is. Thread-safe.
 */
final class Metrics implements JwtGuardMetricsMXBean {

    private static final System.Logger LOG = System.getLogger("io.jwtguard");

    private final LongAdder allowed = new LongAdder();
    private final Map<Reason, LongAdder> refusals = new EnumMap<>(Reason.class);
    private final LongAdder linesLeftOut = new LongAdder();
    private final Authenticator authenticator;
    private final Exporter exporter;
    /** Whether the authentication stage is timed: the clock is read only for an integration that wants it. */
    private final boolean timing;
    private ObjectName registeredAs;

    Metrics(Authenticator authenticator, RevocationService revocations, TelemetrySettings telemetry) {
        this.authenticator = authenticator;
        for (Reason reason : Reason.values()) {
            refusals.put(reason, new LongAdder());
        }
        this.exporter = Exporters.open(telemetry, new GuardReadings(authenticator, revocations, linesLeftOut));
        this.timing = exporter.timesAuthentication();
    }

    void allowed() {
        allowed.increment();
        exporter.allowed();
    }

    void refused(Reason reason) {
        refusals.get(reason).increment();
        exporter.refused(reason);
    }

    boolean timesAuthentication() {
        return timing;
    }

    void authenticated(AuthenticationResult.Kind outcome, long nanos) {
        exporter.authenticated(outcome, nanos);
    }

    /** The count of refusal lines the log limiter leaves out. */
    LongAdder linesLeftOut() {
        return linesLeftOut;
    }

    @Override
    public long getAllowed() {
        return allowed.sum();
    }

    @Override
    public long getBadRequest() {
        return byStatus(400);
    }

    @Override
    public long getUnauthorized() {
        return byStatus(401);
    }

    @Override
    public long getForbidden() {
        return byStatus(403);
    }

    @Override
    public long getUnavailable() {
        return byStatus(503);
    }

    private long byStatus(int status) {
        long total = 0;
        for (Map.Entry<Reason, LongAdder> entry : refusals.entrySet()) {
            if (entry.getKey().status() == status) {
                total += entry.getValue().sum();
            }
        }
        return total;
    }

    @Override
    public Map<String, Long> getRefusalsByReason() {
        Map<String, Long> counts = new TreeMap<>();
        refusals.forEach((reason, count) -> {
            if (count.sum() > 0) {
                counts.put(reason.code(), count.sum());
            }
        });
        return counts;
    }

    @Override
    public Map<String, Long> getKeyFetches() {
        return authenticator.keyFetches();
    }

    /** Registers under a name per application context and filter, replacing a stale registration. */
    synchronized void register(String contextPath, String filterName) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("io.jwtguard:type=JwtGuard,context="
                    + ObjectName.quote(contextPath.isEmpty() ? "/" : contextPath) + ",filter=" + ObjectName.quote(filterName));
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(this, name);
            registeredAs = name;
        } catch (JMException | SecurityException e) {
            LOG.log(System.Logger.Level.WARNING, "JwtGuard: counters not published over JMX: " + e.getMessage());
        }
    }

    synchronized void unregister() {
        exporter.close();
        if (registeredAs == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(registeredAs);
        } catch (JMException | SecurityException e) {
            // already gone
        }
        registeredAs = null;
    }
}
