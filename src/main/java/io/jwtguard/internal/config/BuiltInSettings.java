package io.jwtguard.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * MicroProfile Config's three default sources, read directly (MicroProfile Config 3.1 §5.1): system
 * properties (ordinal 400), environment variables (300, with the spec's name mapping: exact, then every
 * non-alphanumeric character as {@code _}, then upper case), and properties files (100, or their
 * {@code config_ordinal}). For the drop-in jar on a server without MicroProfile Config, and for the
 * command line. No expressions, profiles or converters: the values JwtGuard reads are plain strings.
 * Immutable and thread-safe.
 */
public final class BuiltInSettings implements SettingsSource {

    private final Properties system;
    private final Map<String, String> environment;
    private final List<Properties> files;
    /** Where each of {@link #files} came from, in the same order. */
    private final List<String> fileNames;

    private BuiltInSettings(Properties system, Map<String, String> environment, List<Properties> files,
            List<String> fileNames) {
        this.system = system;
        this.environment = Map.copyOf(environment);
        this.files = List.copyOf(files);
        this.fileNames = List.copyOf(fileNames);
    }

    /** Every {@code META-INF/microprofile-config.properties} the application's class loader sees. */
    static BuiltInSettings forApplication(ClassLoader loader) throws IOException {
        List<Map.Entry<String, Properties>> files = new ArrayList<>();
        Enumeration<URL> resources = loader.getResources(FILE);
        while (resources.hasMoreElements()) {
            URL url = resources.nextElement();
            try (InputStream in = url.openStream()) {
                files.add(Map.entry(url.toString(), load(in)));
            }
        }
        files.sort(Comparator.comparingInt((Map.Entry<String, Properties> file) -> ordinal(file.getValue())).reversed());
        return new BuiltInSettings(copy(System.getProperties()), System.getenv(),
                files.stream().map(Map.Entry::getValue).toList(), files.stream().map(Map.Entry::getKey).toList());
    }

    static final String FILE = "META-INF/microprofile-config.properties";

    /** One properties file, under the environment and system properties, as the filter would read it. */
    public static BuiltInSettings forFile(Path file, Map<String, String> environment, Properties system)
            throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new BuiltInSettings(copy(system), environment, List.of(load(in)), List.of(file.toString()));
        }
    }

    private static Properties load(InputStream in) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Properties copy(Properties source) {
        Properties copy = new Properties();
        source.stringPropertyNames().forEach(name -> copy.setProperty(name, source.getProperty(name)));
        return copy;
    }

    private static int ordinal(Properties file) {
        try {
            return Integer.parseInt(file.getProperty("config_ordinal", "100").trim());
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    @Override
    public String origin() {
        return "JwtGuard's own reader (META-INF/microprofile-config.properties, the environment, system properties)";
    }

    @Override
    public List<String> lookedIn() {
        List<String> places = new ArrayList<>(List.of("system properties", "environment variables"));
        if (fileNames.isEmpty()) {
            places.add("no " + FILE + " (none on the class path)");
        }
        fileNames.forEach(places::add);
        return places;
    }

    @Override
    public Optional<String> value(String key) {
        String value = system.getProperty(key);
        if (value == null) {
            value = environment(key);
        }
        for (int i = 0; value == null && i < files.size(); i++) {
            value = files.get(i).getProperty(key);
        }
        return Optional.ofNullable(value);
    }

    private String environment(String key) {
        String value = environment.get(key);
        if (value != null) {
            return value;
        }
        String sanitized = key.replaceAll("[^A-Za-z0-9]", "_");
        value = environment.get(sanitized);
        return value != null ? value : environment.get(sanitized.toUpperCase(Locale.ROOT));
    }

    @Override
    public Iterable<String> names() {
        Set<String> names = new LinkedHashSet<>(system.stringPropertyNames());
        files.forEach(file -> names.addAll(file.stringPropertyNames()));
        // Listed as written, so a misspelt JWTGUARD_* variable is refused like a misspelt key.
        environment.keySet().stream().filter(SettingNames::ours).forEach(names::add);
        return names;
    }
}
