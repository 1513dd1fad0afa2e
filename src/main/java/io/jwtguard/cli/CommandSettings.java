package io.jwtguard.cli;

import io.jwtguard.config.BuiltInSettings;
import io.jwtguard.config.InvalidSettingsException;
import io.jwtguard.config.Settings;
import io.jwtguard.config.SettingsLoader;
import io.jwtguard.config.SettingsSource;
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
            };
        } catch (IOException e) {
            throw new Options.UsageException("Cannot read the configuration file '" + file + "': " + e.getMessage());
        }
    }

    static Settings load(SettingsSource source) throws InvalidSettingsException {
        return SettingsLoader.load(source, SettingsSource.empty(), CommandSettings.class.getClassLoader());
    }
}
