package io.jwtguard.internal.mcp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tools an MCP request body calls: the {@code params.name} of each JSON-RPC {@code tools/call} request in it, a
 * single message or a batch. Read with the same JSON rules the SDK's mapper applies, but stricter where a difference
 * could hide a call: a member named twice in an object (which a mapper would read as its last value) makes the body
 * unreadable. Anything else (other methods, notifications, responses) names no tool and is the SDK's to answer.
 * Stateless.
 */
final class ToolCalls {

    static final String TOOLS_CALL = "tools/call";

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * What a body calls, or why it cannot be read.
     *
     * @param tools the names of the tools called, each once, in the order met
     * @param unreadable why the body is not JSON-RPC JwtGuard can read, when it is not
     */
    record Read(Set<String> tools, Optional<String> unreadable) {

        static Read unreadable(String why) {
            return new Read(Set.of(), Optional.of(why));
        }
    }

    private ToolCalls() {
    }

    static Read read(byte[] body) {
        Set<String> tools = new LinkedHashSet<>();
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                Optional<String> problem = message(parser, tools);
                if (problem.isPresent()) {
                    return Read.unreadable(problem.get());
                }
            } else if (first == JsonToken.START_ARRAY) {
                int messages = 0;
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    if (next != JsonToken.START_OBJECT) {
                        return Read.unreadable("a batch holds JSON-RPC messages (objects) only");
                    }
                    Optional<String> problem = message(parser, tools);
                    if (problem.isPresent()) {
                        return Read.unreadable(problem.get());
                    }
                    messages++;
                }
                if (messages == 0) {
                    return Read.unreadable("the batch is empty");
                }
            } else {
                return Read.unreadable("the body is not a JSON-RPC message (a JSON object) or a batch of them");
            }
            if (parser.nextToken() != null) {
                return Read.unreadable("the body holds more than one JSON value");
            }
        } catch (JacksonException e) {
            // Where, not what: the parser's message quotes the body, which may hold a client's secrets.
            return Read.unreadable(e.getLocation() == null ? "the body is not valid JSON"
                    : "the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            return Read.unreadable("the body could not be read as JSON");
        }
        return new Read(tools, Optional.empty());
    }

    /** Reads one message, the parser on its opening brace; adds the tool it calls, if any. */
    private static Optional<String> message(JsonParser parser, Set<String> tools) throws IOException {
        String method = null;
        String name = null;
        boolean nameIsNotText = false;
        for (JsonToken next = parser.nextToken(); next == JsonToken.FIELD_NAME; next = parser.nextToken()) {
            String member = parser.currentName();
            JsonToken value = parser.nextToken();
            if (member.equals("method") && value == JsonToken.VALUE_STRING) {
                method = parser.getText();
            } else if (member.equals("params") && value == JsonToken.START_OBJECT) {
                List<String> names = new ArrayList<>(1);
                for (JsonToken inner = parser.nextToken(); inner == JsonToken.FIELD_NAME; inner = parser.nextToken()) {
                    String innerMember = parser.currentName();
                    JsonToken innerValue = parser.nextToken();
                    if (innerMember.equals("name")) {
                        if (innerValue == JsonToken.VALUE_STRING) {
                            names.add(parser.getText());
                        } else {
                            nameIsNotText = true;
                        }
                    }
                    parser.skipChildren();
                }
                name = names.isEmpty() ? null : names.get(0);
            } else {
                parser.skipChildren();
            }
        }
        if (TOOLS_CALL.equals(method)) {
            if (name == null || nameIsNotText) {
                return Optional.of("a tools/call request names no tool (params.name, a string)");
            }
            tools.add(name);
        }
        return Optional.empty();
    }
}
