package io.jwtguard.internal.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ToolCallsTest {

    private static ToolCalls.Read read(String body) {
        return ToolCalls.read(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String call(String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{\"name\":\"not-the-tool\"}}}";
    }

    @Test
    void aToolsCallNamesItsTool() {
        assertThat(read(call("admin_report")).tools()).containsExactly("admin_report");
        assertThat(read(call("admin_report")).unreadable()).isEmpty();
    }

    @Test
    void theMembersMayComeInAnyOrderAndEscapesAreDecoded() {
        ToolCalls.Read read = read("{\"params\":{\"arguments\":{},\"name\":\"admin\\u005freport\"},\"id\":7,"
                + "\"method\":\"tools\\/call\",\"jsonrpc\":\"2.0\"}");
        assertThat(read.tools()).containsExactly("admin_report");
    }

    @Test
    void otherMethodsNotificationsAndResponsesNameNoTool() {
        assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").tools()).isEmpty();
        assertThat(read("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").tools()).isEmpty();
        assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"name\":\"x\"}}").tools()).isEmpty();
        assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Tools/Call\",\"params\":{\"name\":\"x\"}}").tools())
                .as("methods are case-sensitive, as the SDK dispatches them").isEmpty();
    }

    @Test
    void aBatchNamesEveryToolItCallsOnce() {
        ToolCalls.Read read = read("[" + call("whoami") + "," + call("admin_report") + ","
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\"}," + call("whoami") + "]");
        assertThat(read.tools()).containsExactly("whoami", "admin_report");
    }

    @Test
    void whatCannotBeReadSaysWhy() {
        assertThat(read("{\"jsonrpc\": \"2.0\", \"method\": ").unreadable()).hasValueSatisfying(
                why -> assertThat(why).startsWith("the body is not valid JSON (line 1, column"));
        assertThat(read("{\"secret\": skLive0123456789}").unreadable()).hasValueSatisfying(
                why -> assertThat(why).as("the body is never quoted").doesNotContain("skLive"));
        assertThat(read("").unreadable()).isPresent();
        assertThat(read("\"tools/call\"").unreadable()).isPresent();
        assertThat(read("[]").unreadable()).hasValue("the batch is empty");
        assertThat(read("[1]").unreadable()).isPresent();
        assertThat(read(call("whoami") + " " + call("admin_report")).unreadable())
                .hasValue("the body holds more than one JSON value");
        assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{}}").unreadable())
                .hasValue("a tools/call request names no tool (params.name, a string)");
        assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":7}}")
                .unreadable()).isPresent();
    }

    @Test
    void aMemberNamedTwiceIsRefusedBecauseAMapperWouldReadTheLastOne() {
        assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\","
                + "\"name\":\"admin_report\"}}").unreadable()).isPresent();
        assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"admin_report\"}}").unreadable()).isPresent();
    }
}
