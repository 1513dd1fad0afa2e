package io.jwtguard.internal.pipeline;

import io.jwtguard.JwtGuardMetricsMXBean;
import io.jwtguard.Reason;
import io.jwtguard.internal.authn.Authenticator;
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
 * every request. Thread-safe.
 */
final class Metrics implements JwtGuardMetricsMXBean {

    private static final System.Logger LOG = System.getLogger("io.jwtguard");

    private final LongAdder allowed = new LongAdder();
    private final Map<Reason, LongAdder> refusals = new EnumMap<>(Reason.class);
    private final Authenticator authenticator;
    private ObjectName registeredAs;

    Metrics(Authenticator authenticator) {
        this.authenticator = authenticator;
        for (Reason reason : Reason.values()) {
            refusals.put(reason, new LongAdder());
        }
    }

    void allowed() {
        allowed.increment();
    }

    void refused(Reason reason) {
        refusals.get(reason).increment();
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
