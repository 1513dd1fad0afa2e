package io.jwtguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP on loopback, with the few helpers the integration tests share. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Http() {
    }

    static HttpRequest.Builder request(String base, String path) {
        String separator = base.endsWith("/") && path.startsWith("/") ? path.substring(1) : path;
        return HttpRequest.newBuilder(URI.create(base + separator)).timeout(Duration.ofSeconds(10));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A CORS preflight from {@code origin} for a GET with an Authorization header. */
    static HttpResponse<String> preflight(String base, String path, String origin) throws IOException, InterruptedException {
        return send(request(base, path).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "authorization"));
    }

    static HttpResponse<String> get(String base, String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(base, path).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static String challenge(HttpResponse<String> response) {
        return response.headers().firstValue("WWW-Authenticate").orElse("");
    }

    static String reason(HttpResponse<String> response) throws IOException {
        return json(response).path("reason").asText();
    }
}
