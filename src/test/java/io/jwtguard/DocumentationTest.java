package io.jwtguard;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.Reason;
import io.jwtguard.internal.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The README is the front door: its tables must say what the code does. */
class DocumentationTest {

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void everySettingIsDocumentedWithItsEnvironmentVariableAndDefault(Setting setting) throws IOException {
        String env = setting.key().toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        String defaultCell = setting.defaultValue().isEmpty() ? "—" : "`" + setting.defaultValue() + "`";

        assertThat(readme()).contains("| `" + setting.key() + "` | `" + env + "` | " + defaultCell + " |");
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyReasonCodeIsDocumentedWithItsStatus(Reason reason) throws IOException {
        assertThat(readme()).containsPattern("\\| `" + reason.code() + "` \\| " + reason.status() + "[ |]");
    }
}
