package io.jwtguard.cli;

import io.jwtguard.internal.authz.Policies;
import io.jwtguard.internal.config.BuiltInSettings;
import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.config.SettingsLoader;
import io.jwtguard.internal.config.SettingsSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The configuration a command reads: the file, under the environment and system properties. */
final class CommandSettings {

    private CommandSettings() {
    }

    static SettingsSource source(String file, Map<String, String> environment, Map<String, String> overrides)
            throws Options.UsageException {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new Options.UsageException("Cannot read the configuration file '" + file + "'.");
        }
        try {
            BuiltInSettings settings = BuiltInSettings.forFile(path, environment, System.getProperties());
            Map<String, String> fixed = Map.copyOf(overrides);
            return new SettingsSource() {
                @Override
                public Optional<String> value(String key) {
                    return Optional.ofNullable(fixed.get(key)).or(() -> settings.value(key));
                }

                @Override
                public Iterable<String> names() {
                    return settings.names();
                }

                @Override
                public java.util.List<String> lookedIn() {
                    return settings.lookedIn();
                }
            };
        } catch (IOException e) {
            throw new Options.UsageException("Cannot read the configuration file '" + file + "': " + e.getMessage());
        }
    }

    static Settings load(SettingsSource source) throws InvalidSettingsException {
        return SettingsLoader.load(source, SettingsSource.empty(), CommandSettings.class.getClassLoader());
    }

    /** The settings and the policies they define, with every problem of both in one exception. */
    static Loaded loadWithPolicies(SettingsSource source) throws InvalidSettingsException {
        ClassLoader loader = CommandSettings.class.getClassLoader();
        return Problems.require(problems -> {
            Settings settings = SettingsLoader.read(source, SettingsSource.empty(), loader, problems);
            return new Loaded(settings, Policies.load(settings.policies(), loader, problems));
        });
    }

    record Loaded(Settings settings, Policies policies) {
    }
}
