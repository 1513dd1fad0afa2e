package io.jwtguard.internal.pipeline;

import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.config.TelemetrySettings;
import io.jwtguard.internal.micrometer.MicrometerMeters;
import io.jwtguard.internal.opentelemetry.OpenTelemetryMeters;
import io.jwtguard.internal.telemetry.Exporter;
import io.jwtguard.internal.telemetry.Readings;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the integrations the settings allow and the class path has: Micrometer when
 * {@code io.micrometer.core.instrument.MeterRegistry} is there, OpenTelemetry when
 * {@code io.opentelemetry.api.OpenTelemetry} is. Neither is loaded otherwise, so JwtGuard runs without both.
 * Here, beside the counters it serves, so that the integrations depend on what they share and not the other way.
 * Stateless.
 */
final class Exporters {

    private static final System.Logger LOG = System.getLogger("io.jwtguard");

    static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";
    static final String OPENTELEMETRY = "io.opentelemetry.api.OpenTelemetry";

    private Exporters() {
    }

    /** What JwtGuard reports to, in one; {@link Exporter#NONE} when nothing is allowed and present. */
    static Exporter open(TelemetrySettings settings, Readings readings) {
        List<Exporter> opened = new ArrayList<>(2);
        if (settings.micrometer() && present(MICROMETER)) {
            open(opened, "Micrometer", () -> MicrometerMeters.global(readings));
        }
        if ((settings.openTelemetryMetrics() || settings.openTelemetryTracing()) && present(OPENTELEMETRY)) {
            open(opened, "OpenTelemetry", () -> OpenTelemetryMeters.global(readings,
                    settings.openTelemetryMetrics(), settings.openTelemetryTracing()));
        }
        return switch (opened.size()) {
            case 0 -> Exporter.NONE;
            case 1 -> opened.get(0);
            default -> new Both(opened.get(0), opened.get(1));
        };
    }

    private static void open(List<Exporter> opened, String library, java.util.function.Supplier<Exporter> opener) {
        try {
            opened.add(opener.get());
        } catch (LinkageError | RuntimeException e) {
            // An older or partial copy of the library: JwtGuard runs on without it, and says so.
            LOG.log(Level.WARNING, "JwtGuard: no meters reported to " + library + ": " + e);
        }
    }

    /** Whether JwtGuard's own class loader sees {@code className}: that loader resolves the integration's classes. */
    static boolean present(String className) {
        try {
            Class.forName(className, false, Exporters.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Micrometer and OpenTelemetry both. */
    private record Both(Exporter first, Exporter second) implements Exporter {

        @Override
        public boolean timesAuthentication() {
            return first.timesAuthentication() || second.timesAuthentication();
        }

        @Override
        public void authenticated(AuthenticationResult.Kind outcome, long nanos) {
            first.authenticated(outcome, nanos);
            second.authenticated(outcome, nanos);
        }

        @Override
        public void allowed() {
            first.allowed();
            second.allowed();
        }

        @Override
        public void refused(Reason reason) {
            first.refused(reason);
            second.refused(reason);
        }

        @Override
        public void close() {
            first.close();
            second.close();
        }
    }
}
