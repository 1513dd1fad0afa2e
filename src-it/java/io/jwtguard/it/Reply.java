package io.jwtguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP answer, however it was obtained: from {@link java.net.http.HttpClient}, or from {@link #raw}, which
 * writes request bytes to a socket as they are, for what a well-behaved client refuses to send (tabs, bytes
 * over 0x7f, folded or malformed header lines). Header names are lower case. Immutable.
 */
record Reply(int status, Map<String, List<String>> headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Reply of(HttpResponse<String> response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                n -> new ArrayList<>()).addAll(values));
        return new Reply(response.statusCode(), headers, response.body() == null ? "" : response.body());
    }

    /** The first value of a header, or {@code null}. */
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    List<String> all(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The {@code reason} of a JwtGuard problem body, or {@code null} when the body is not one. */
    String reason() {
        String type = header("content-type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return null;
        }
        try {
            JsonNode problem = JSON.readTree(body);
            return problem == null || !problem.hasNonNull("reason") ? null : problem.get("reason").asText();
        } catch (IOException e) {
            return "(not JSON: " + body + ")";
        }
    }

    /** The problem body's {@code status} member, or -1. */
    int problemStatus() {
        try {
            JsonNode problem = JSON.readTree(body);
            return problem == null ? -1 : problem.path("status").asInt(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        String shown = body.length() > 300 ? body.substring(0, 300) + "..." : body;
        return status + " " + headers + " " + shown;
    }

    /**
     * Sends {@code head} (request line and header lines, separated by CRLF, without the final empty line) as
     * ISO-8859-1 bytes, so each char below 256 is one byte on the wire, to the host and port of {@code base};
     * adds {@code Host} and {@code Connection: close} and reads the answer to the end.
     */
    static Reply raw(URL base, String head) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(10_000);
            String request = head + "\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Reply parse(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
        if (encoding.stream().anyMatch(value -> value.equalsIgnoreCase("chunked"))) {
            body = dechunk(new java.io.ByteArrayInputStream(body));
        }
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int c = in.read(); c != '\n' && c != -1; c = in.read()) {
                size.append((char) c);
            }
            String hex = size.toString().trim();
            int semicolon = hex.indexOf(';');
            int length = hex.isEmpty() ? 0 : Integer.parseInt(semicolon < 0 ? hex : hex.substring(0, semicolon), 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            in.readNBytes(2);
        }
    }
}
