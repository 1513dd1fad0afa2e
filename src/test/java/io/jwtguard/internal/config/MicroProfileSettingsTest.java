package io.jwtguard.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MicroProfileSettingsTest {

    @Test
    void readsTheApplicationsMicroProfileConfig(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("META-INF"));
        Files.writeString(dir.resolve("META-INF/microprofile-config.properties"), "jwtguard.issuer=from-file\n");
        try (URLClassLoader application = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            SettingsSource source = MicroProfileSettings.open(application);

            assertThat(source.value("jwtguard.issuer")).contains("from-file");
            assertThat(source.value("jwtguard.nothing")).isEmpty();
        }
    }

    @Test
    void withoutMicroProfileConfigStartUpSaysWhatToAdd() throws Exception {
        // A loader that sees neither the MicroProfile API nor an implementation, like a bare Tomcat WAR.
        try (URLClassLoader bare = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> MicroProfileSettings.open(bare))
                    .isInstanceOf(InvalidSettingsException.class)
                    .hasMessageContaining("io.smallrye.config:smallrye-config")
                    .hasMessageContaining("WEB-INF/lib");
        }
    }
}
