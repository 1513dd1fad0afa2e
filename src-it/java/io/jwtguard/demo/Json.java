package io.jwtguard.demo;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's JSON, written by hand on purpose: the demo WAR must run with nothing but the JwtGuard
 * drop-in jar in WEB-INF/lib, and JwtGuard's own Jackson is relocated inside it. A real application
 * uses its own JSON library.
 */
final class Json {

    private static final Pattern STRING_FIELD = Pattern.compile("\"([A-Za-z_]+)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Json() {
    }

    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = toJson(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static String toJson(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder json = new StringBuilder("{");
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.append(json.length() > 1 ? "," : "").append(quote(String.valueOf(entry.getKey()))).append(':')
                        .append(toJson(entry.getValue()));
            }
            return json.append('}').toString();
        }
        if (value instanceof Collection<?> list) {
            StringBuilder json = new StringBuilder("[");
            for (Object element : list) {
                json.append(json.length() > 1 ? "," : "").append(toJson(element));
            }
            return json.append(']').toString();
        }
        return quote(value.toString());
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** The string members of a flat JSON object such as {"username":"alice","password":"..."}. */
    static Map<String, String> stringFields(String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = STRING_FIELD.matcher(json);
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return fields;
    }
}
