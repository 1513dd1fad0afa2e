package io.jwtguard.internal.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.Reason;
import io.jwtguard.internal.config.McpSettings;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.testing.FakeRequest;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a request to an MCP endpoint calls, and every way its body can fail to tell. */
class ToolRulesTest {

    private static final int MAX = 2048;

    private final ToolRules rules = rules();

    private static ToolRules rules() {
        Problems problems = new Problems();
        ToolRules rules = ToolRules.of(new McpSettings(Map.of(
                "admin_report", new McpSettings.Tool("admin_report", List.of(), List.of("mcp:admin"), ""),
                "delete_all", new McpSettings.Tool("delete_all", List.of("Owner"), List.of(), "")), MAX),
                Set.of(), problems);
        assertThat(problems.all()).isEmpty();
        return rules;
    }

    private static String call(int id, String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\"}}";
    }

    /** A POST whose body is {@code body}; its declared length {@code declared} (-1: chunked). */
    private static HttpServletRequest post(byte[] body, long declared) {
        return new HttpServletRequestWrapper(FakeRequest.of("POST", "/mcp")) {
            @Override
            public ServletInputStream getInputStream() {
                return FakeRequest.body(body);
            }

            @Override
            public long getContentLengthLong() {
                return declared;
            }
        };
    }

    private static HttpServletRequest post(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(bytes, bytes.length);
    }

    private static Reason reason(ToolRules.Calls calls) {
        return calls.refusal().map(Failure::reason).orElse(null);
    }

    @Test
    void theRulesOfEveryToolCalledAreAppliedTogetherAndTheBodyIsReadAgain() throws IOException {
        String batch = "[" + call(1, "admin_report") + "," + call(2, "delete_all") + "," + call(3, "whoami") + "]";
        ToolRules.Calls calls = rules.read(post(batch));

        assertThat(calls.refusal()).isEmpty();
        assertThat(calls.rule()).hasValueSatisfying(rule -> {
            assertThat(rule.scopes()).containsExactly("mcp:admin");
            assertThat(rule.roleSets()).containsExactly(Set.of("Owner"));
        });
        assertThat(new String(calls.request().getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(batch);
    }

    @Test
    void aToolWithoutARuleAddsNone() {
        assertThat(rules.read(post(call(1, "whoami"))).rule()).isEmpty();
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeAnyByteIsRead() {
        HttpServletRequest request = new HttpServletRequestWrapper(FakeRequest.of("POST", "/mcp")) {
            @Override
            public ServletInputStream getInputStream() {
                throw new AssertionError("read although the declared length is over the limit");
            }

            @Override
            public long getContentLengthLong() {
                return MAX + 1;
            }
        };
        assertThat(reason(rules.read(request))).isEqualTo(Reason.MCP_REQUEST_TOO_LARGE);
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedAfterTheLimit() {
        assertThat(reason(rules.read(post(new byte[MAX + 10], -1)))).isEqualTo(Reason.MCP_REQUEST_TOO_LARGE);
    }

    @Test
    void aBodyThatIsNotJsonRpcIsABadRequest() {
        assertThat(reason(rules.read(post("tools/call admin_report")))).isEqualTo(Reason.MCP_REQUEST_UNREADABLE);
    }

    @Test
    void aBodyTheClientStopsSendingIsABadRequestNotAServerFault() {
        HttpServletRequest request = new HttpServletRequestWrapper(FakeRequest.of("POST", "/mcp")) {
            @Override
            public ServletInputStream getInputStream() {
                return new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("early EOF");
                    }

                    @Override
                    public boolean isFinished() {
                        return false;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new UnsupportedOperationException();
                    }
                };
            }

            @Override
            public long getContentLengthLong() {
                return 100;
            }
        };
        ToolRules.Calls calls = rules.read(request);
        assertThat(reason(calls)).isEqualTo(Reason.MCP_REQUEST_UNREADABLE);
        assertThat(Reason.MCP_REQUEST_UNREADABLE.status()).isEqualTo(400);
    }
}
