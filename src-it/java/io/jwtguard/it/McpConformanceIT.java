package io.jwtguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The MCP conformance suite's server scenarios against the demo's MCP server twice, on embedded Jetty: bare, and behind
 * JwtGuard's filter with tool rules (so every request's body is read and handed on). The filter must change no
 * scenario's outcome. The scenarios that need the suite's own fixtures (tools named {@code test_*}, resources,
 * prompts) fail on both: the demo does not serve them. The suite sends no token, so JwtGuard lets anonymous callers
 * through here.
 */
class McpConformanceIT {

    @Test
    void theFilterChangesNoConformanceScenarioOutcome() throws Exception {
        NodeClients.install();
        Map<String, String> bare = run("bare");
        Map<String, String> guarded = run("guarded");
        System.out.println("MCP conformance, bare: " + summary(bare) + "; behind JwtGuard: " + summary(guarded));
        assertThat(bare).hasSizeGreaterThan(20);
        assertThat(guarded).isEqualTo(bare);
        assertThat(guarded).containsEntry("server-initialize", "passed").containsEntry("ping", "passed")
                .containsEntry("tools-list", "passed");
    }

    /** Each scenario's outcome against the server started in {@code mode}. */
    private static Map<String, String> run(String mode) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> server = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djwtguard.key=" + SmokeChecks.class.getSimpleName() + "-conformance-key-0123456789abcdef",
                "-Djwtguard.issuer=conformance", "-Djwtguard.audience=conformance",
                "-Djwtguard.authorization.fallback=anonymous",
                "-Djwtguard.mcp.tool.admin_report.scopes=mcp:admin",
                "-cp", classPath, "io.jwtguard.it.mcp.ConformanceServer", mode);
        try (NodeClients.Server mcp = NodeClients.Server.start(server)) {
            NodeClients.Result suite = NodeClients.run(List.of("node",
                    "node_modules/@modelcontextprotocol/conformance/dist/index.js", "server", "--url", mcp.url(),
                    "-o", DemoWar.ROOT.resolve("target/mcp-conformance/" + mode).toString()), 300);
            Map<String, String> outcomes = new TreeMap<>();
            for (String line : suite.lines()) {
                // "✓ ping: 1 passed, 0 failed" or "✗ resources-list: 0 passed, 1 failed"
                if ((line.startsWith("✓ ") || line.startsWith("✗ ")) && line.contains(": ")) {
                    outcomes.put(line.substring(2, line.indexOf(": ")), line.startsWith("✓") ? "passed" : "failed");
                }
            }
            assertThat(outcomes).as(String.join("\n", suite.lines())).isNotEmpty();
            return outcomes;
        }
    }

    private static String summary(Map<String, String> outcomes) {
        List<String> passed = new ArrayList<>();
        outcomes.forEach((scenario, outcome) -> {
            if (outcome.equals("passed")) {
                passed.add(scenario);
            }
        });
        return passed.size() + " of " + outcomes.size() + " scenarios passed " + passed;
    }
}
