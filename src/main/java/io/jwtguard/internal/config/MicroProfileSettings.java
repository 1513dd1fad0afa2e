package io.jwtguard.internal.config;

import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Settings read through MicroProfile Config (files, environment, system properties), resolved for the
 * web application's class loader. Thread-safe.
 *
 * <p>The MicroProfile API is {@code provided}: a container without it must get a message that says what
 * to add, not a {@link NoClassDefFoundError}, so the API is touched only after {@link #open} has checked
 * that it is there.
 */
public final class MicroProfileSettings {

    static final String MISSING_IMPLEMENTATION = "MicroProfile Config is not available to this application."
            + " JwtGuard reads its settings through it: on Tomcat or Jetty add io.smallrye.config:smallrye-config"
            + " (with org.eclipse.microprofile.config:microprofile-config-api) to WEB-INF/lib;"
            + " WildFly, Payara and GlassFish provide it already (or use JwtGuard's -all jar, which reads"
            + " META-INF/microprofile-config.properties, the environment and system properties itself).";

    /** Present only in the {@code -all} jar, which must work on a server without MicroProfile Config. */
    static final String DROP_IN_MARKER = "/META-INF/jwtguard/drop-in";

    private MicroProfileSettings() {
    }

    /**
     * The application's MicroProfile Config as a {@link SettingsSource}.
     *
     * @throws InvalidSettingsException when no MicroProfile Config API or implementation is visible
     */
    public static SettingsSource open(ClassLoader loader) throws InvalidSettingsException {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, loader);
            return Bound.source(loader);
        } catch (ClassNotFoundException | IllegalStateException | LinkageError | java.util.ServiceConfigurationError e) {
            // ConfigProviderResolver.instance() throws IllegalStateException when no implementation is found.
            if (MicroProfileSettings.class.getResource(DROP_IN_MARKER) == null) {
                throw new InvalidSettingsException(List.of(MISSING_IMPLEMENTATION));
            }
            try {
                System.getLogger("io.jwtguard").log(System.Logger.Level.INFO, "JwtGuard: no MicroProfile Config in"
                        + " this application; the drop-in jar reads META-INF/microprofile-config.properties, the"
                        + " environment and system properties itself");
                return BuiltInSettings.forApplication(loader);
            } catch (java.io.IOException io) {
                throw new InvalidSettingsException(List.of("cannot read META-INF/microprofile-config.properties: "
                        + io.getMessage()));
            }
        }
    }

    /** Loaded only once the API is known to be present. */
    private static final class Bound {
        static SettingsSource source(ClassLoader loader) {
            Config config = ConfigProvider.getConfig(loader);
            return new SettingsSource() {
                @Override
                public Optional<String> value(String key) {
                    return read(config, key);
                }

                @Override
                public Iterable<String> names() {
                    return config.getPropertyNames();
                }

                @Override
                public String origin() {
                    return "MicroProfile Config (" + config.getClass().getName() + ")";
                }

                @Override
                public List<String> lookedIn() {
                    List<String> places = new java.util.ArrayList<>();
                    for (org.eclipse.microprofile.config.spi.ConfigSource source : config.getConfigSources()) {
                        places.add(source.getName() + " (ordinal " + source.getOrdinal() + ")");
                    }
                    return places.isEmpty() ? List.of(origin() + ", which has no config sources") : places;
                }
            };
        }

        private static Optional<String> read(Config config, String key) {
            try {
                return config.getOptionalValue(key, String.class);
            } catch (RuntimeException e) {
                // e.g. an unresolvable ${expression}: report as absent; the loader names what is missing.
                return Optional.empty();
            }
        }
    }
}
