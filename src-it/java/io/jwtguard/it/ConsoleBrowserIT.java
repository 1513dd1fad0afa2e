package io.jwtguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.algorithms.Algorithm;
import io.jwtguard.testing.Tokens;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The development console in a real browser (headless Chromium) against the demo as users run it: the rule table,
 * a refusal caused by another client showing up without a reload, and the doctor naming an expired token's
 * reason. With production diagnostics the console's path is answered like any path nothing is mapped to.
 */
class ConsoleBrowserIT {

    private static final Algorithm HS256 = Tokens.demoHs256();

    private DemoProcess demo;

    @BeforeAll
    static void chromiumIsThere() {
        ChromiumPage.requireChromium();
    }

    private static String chromium() {
        return ChromiumPage.chromium();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (demo != null) {
            demo.close();
        }
    }

    private static String quoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void theConsoleShowsRulesLiveRefusalsAndTheDoctorsVerdict() throws Exception {
        demo = DemoProcess.start(Map.of("PORT", "0", "JWTGUARD_DIAGNOSTICS", "development",
                "JWTGUARD_KEY", Tokens.DEMO_SECRET));
        String base = demo.awaitReady();
        String expired = Tokens.demo("alice", "User").withIssuedAt(Instant.now().minusSeconds(7200))
                .withExpiresAt(Instant.now().minusSeconds(3600)).sign(HS256);

        try (ChromiumPage page = ChromiumPage.open(chromium())) {
            page.navigate(base + "jwtguard/console");
            page.awaitTrue("document.querySelector('#rule-table tbody') && document.readyState === 'complete'",
                    "the rule table");
            assertThat(page.evaluate("document.querySelector('#rule-table').innerText").asText())
                    .contains("/api/admin", "roles [Admin]", "/login");

            // The filter input narrows the table to matching rows.
            page.evaluate("(() => { const f = document.getElementById('rule-filter'); f.value = 'admin';"
                    + " f.dispatchEvent(new Event('input')); })()");
            assertThat(page.evaluate("[...document.querySelectorAll('#rule-table tbody tr')]"
                    + ".filter(r => !r.classList.contains('hidden')).map(r => r.innerText).join('\\n')").asText())
                    .contains("/api/admin").doesNotContain("/login");

            // Another client is refused: the page shows it by polling, without a reload.
            HttpResponse<String> refused = Http.get(base, "api/admin", Tokens.demo("alice", "User").sign(HS256));
            assertThat(refused.statusCode()).isEqualTo(403);
            String correlationId = Http.json(refused).path("correlationId").asText();
            page.awaitTrue("document.querySelector('#refusal-table').innerText.includes(" + quoted(correlationId) + ")",
                    "the refusal " + correlationId);
            assertThat(page.evaluate("[...document.querySelectorAll('#refusal-table tbody tr')].map(r => r.innerText)"
                    + ".find(t => t.includes(" + quoted(correlationId) + "))").asText())
                    .contains("insufficient_role", "/api/admin", "403", "roles or policy");

            // The doctor, with a token pasted into its text area.
            page.evaluate("(() => { document.getElementById('doctor-token').value = " + quoted(expired) + ";"
                    + " document.getElementById('doctor-servlet').value = 'admin';"
                    + " document.getElementById('doctor-run').click(); })()");
            page.awaitTrue("document.getElementById('doctor-summary')", "the doctor's verdict");
            assertThat(page.evaluate("document.getElementById('doctor-result').innerText").asText())
                    .contains("token_expired", "[FAIL]", "Fix:", "exp").doesNotContain(expired);
            assertThat(page.evaluate("document.getElementById('doctor-endpoint').innerText").asText())
                    .isEqualTo("GET on servlet 'admin' would answer 401 token_expired");
            assertThat(page.evaluate("[...document.querySelectorAll('#doctor-claims tr')].map(r => r.innerText)"
                    + ".find(t => t.startsWith('exp'))").asText()).as("exp in UTC and in local time")
                    .contains("Z (", ", local ");

            // The key sets: the demo's configured HMAC secret, described, never shown.
            assertThat(page.evaluate("document.querySelector('#keys-table').innerText").asText())
                    .contains("default", "configured HMAC secret", "HS256").doesNotContain(Tokens.DEMO_SECRET);

            // The settings name where each came from; the demo's HMAC secret shows only as set.
            String settings = page.evaluate("document.querySelector('#settings-table').innerText").asText();
            assertThat(settings).contains("jwtguard.diagnostics", "development").doesNotContain(Tokens.DEMO_SECRET);
            assertThat(settings.lines().filter(line -> line.startsWith("jwtguard.key\t"))).singleElement()
                    .asString().contains("set");

            // The screenshot (kept as a build artifact) shows the verdict, not the pasted token.
            page.evaluate("document.getElementById('doctor-token').value = ''");
            Path screenshot = Path.of("target", "console.png");
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, page.screenshot());
            assertThat(Files.size(screenshot)).isGreaterThan(10_000);
        }
        String signature = expired.substring(expired.lastIndexOf('.') + 1);
        assertThat(demo.lines()).as("the pasted token is never logged")
                .noneSatisfy(line -> assertThat(line).contains(signature));
    }

    @Test
    void withProductionDiagnosticsTheConsolePathIsLikeAnyUnmappedPath() throws Exception {
        demo = DemoProcess.start(Map.of("PORT", "0", "JWTGUARD_KEY", Tokens.DEMO_SECRET));
        String base = demo.awaitReady();

        HttpResponse<String> console = Http.get(base, "jwtguard/console", null);
        HttpResponse<String> unmapped = Http.get(base, "no-such-path", null);

        assertThat(console.statusCode()).isEqualTo(unmapped.statusCode());
        assertThat(console.body()).doesNotContain("JwtGuard console");
        assertThat(Http.get(base, "jwtguard/console/refusals", null).statusCode()).isEqualTo(unmapped.statusCode());
    }
}
