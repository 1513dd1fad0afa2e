package io.jwtguard;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.Reason;
import io.jwtguard.internal.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The documents a user reads must say what the code does: the settings and reasons tables are pinned to it. */
class DocumentationTest {

    private static String page(String name) throws IOException {
        return Files.readString(Path.of("docs", name), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void everySettingIsDocumentedWithItsEnvironmentVariableAndDefault(Setting setting) throws IOException {
        String env = setting.key().toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        String defaultCell = setting.defaultValue().isEmpty() ? "—" : "`" + setting.defaultValue() + "`";

        assertThat(page("configuration.md")).contains("| `" + setting.key() + "` | `" + env + "` | " + defaultCell + " |");
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyReasonCodeIsDocumentedWithItsStatus(Reason reason) throws IOException {
        assertThat(page("reasons.md")).containsPattern("\\| `" + reason.code() + "` \\| " + reason.status() + "[ |]");
    }

    /** The example test on the page is the one the build compiles and runs, imports and all. */
    @Test
    void theTestKitsExampleIsTheTestTheBuildRuns() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/jwtguard/testing/example/OrdersApiTest.java"),
                StandardCharsets.UTF_8);
        String imports = source.substring(source.indexOf("import "), source.indexOf("\n\n/**"));

        assertThat(page("testing-your-application.md")).contains(imports)
                .contains(source.substring(source.indexOf("class OrdersApiTest {")));
    }
}
