package io.jwtguard;

import io.jwtguard.internal.config.McpSettings;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.mcp.ToolRules;
import io.jwtguard.testing.FakeRequest;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a rule per MCP tool adds to a request: its JSON-RPC body (a {@code tools/call} of about 2 KB) read, parsed for
 * the tools it calls, their rule found, and the request wrapped so the SDK reads the same bytes
 * ({@link #toolRules}), against reading the body alone ({@link #bodyReadAlone}), which the SDK does anyway. The
 * request's stream is in memory, so neither includes the network.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class McpToolRulesBenchmark {

    @State(Scope.Thread)
    public static class Call {
        ToolRules rules;
        HttpServletRequest request;
        byte[] body;

        @Setup(Level.Trial)
        public void setUp() {
            String padding = "x".repeat(1900);
            body = ("{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"tools/call\",\"params\":{\"name\":\"admin_report\","
                    + "\"arguments\":{\"note\":\"" + padding + "\",\"limit\":10}}}").getBytes(StandardCharsets.UTF_8);
            Problems problems = new Problems();
            rules = ToolRules.of(new McpSettings(Map.of("admin_report", new McpSettings.Tool("admin_report",
                    List.of(), List.of("mcp:admin"), "")), 1 << 20), Set.of(), problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException(String.join("; ", problems.all()));
            }
            request = new HttpServletRequestWrapper(FakeRequest.of("POST", "/mcp")) {
                @Override
                public ServletInputStream getInputStream() {
                    return FakeRequest.body(body);
                }

                @Override
                public long getContentLengthLong() {
                    return body.length;
                }
            };
            System.out.println("body " + body.length + " bytes");
        }
    }

    @Benchmark
    public ToolRules.Calls toolRules(Call call) throws IOException {
        ToolRules.Calls calls = call.rules.read(call.request);
        if (calls.rule().isEmpty()) {
            throw new IllegalStateException("the tool's rule was not found");
        }
        return calls;
    }

    @Benchmark
    public byte[] bodyReadAlone(Call call) throws IOException {
        return call.request.getInputStream().readAllBytes();
    }
}
