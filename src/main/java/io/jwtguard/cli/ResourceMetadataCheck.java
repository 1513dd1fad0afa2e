package io.jwtguard.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jwtguard.internal.config.IssuerSettings;
import io.jwtguard.internal.config.ResourceSettings;
import io.jwtguard.internal.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code doctor --resource-metadata <url>}: whether what a client discovers at a protected resource metadata URL (RFC
 * 9728) leads it to tokens this configuration accepts. The document's {@code resource} must be the one the URL
 * stands for and this API's {@code jwtguard.resource} (else the client asks for tokens for another resource, which
 * this API refuses as {@code audience_mismatch}), an audience this API accepts, and one of its authorization servers
 * an issuer this API trusts. Stateless.
 */
final class ResourceMetadataCheck {

    private static final int MAX_BYTES = 256 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final JsonFactory JSON = new JsonFactory();

    /** What the document says, as far as the check needs it. */
    private record Metadata(String resource, List<String> authorizationServers) {
    }

    private ResourceMetadataCheck() {
    }

    /** Prints one line per check; whether every one passed. */
    static boolean check(String url, Settings settings, PrintStream out) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return fail(out, "the URL", "'" + url + "' is no URL");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getRawAuthority() == null) {
            return fail(out, "the URL", "'" + url + "' is no http(s) URL");
        }
        Metadata metadata;
        try {
            metadata = fetch(uri);
        } catch (IOException e) {
            return fail(out, "the document", "could not read it from " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(out, "the document", "interrupted while reading " + url);
        }
        pass(out, "the document", "read from " + url);
        boolean ok = true;
        String derived = derivedResource(uri).orElse(null);
        if (derived == null) {
            ok = fail(out, "the URL", "has no '" + ResourceSettings.WELL_KNOWN + "' path, so it stands for no resource");
        } else if (!derived.equals(metadata.resource())) {
            ok = fail(out, "resource", "the document names '" + metadata.resource() + "' but its URL stands for '"
                    + derived + "': a client must refuse it (RFC 9728 section 3.3)");
        } else {
            pass(out, "resource", "'" + metadata.resource() + "', the one its URL stands for");
        }
        ResourceSettings configured = settings.resource();
        if (configured.configured() && !configured.resource().equals(metadata.resource())) {
            ok = fail(out, "this API", "jwtguard.resource is '" + configured.resource() + "', the document names '"
                    + metadata.resource() + "': clients get tokens for that resource, which this API refuses"
                    + " (audience_mismatch); serve this API's own metadata, or fix jwtguard.resource");
        }
        IssuerSettings primary = settings.primary();
        if (!primary.audiences().isEmpty() && !primary.audiences().contains(metadata.resource())) {
            ok = fail(out, "audience", "this API accepts " + primary.audiences() + ", not '" + metadata.resource()
                    + "': a token issued for the resource would be refused (audience_mismatch)");
        } else {
            pass(out, "audience", "a token issued for '" + metadata.resource() + "' is accepted");
        }
        List<String> trusted = settings.trusted().stream().flatMap(issuer -> issuer.issuers().stream()).toList();
        if (metadata.authorizationServers().stream().noneMatch(trusted::contains)) {
            ok = fail(out, "authorization servers", "the document names " + metadata.authorizationServers()
                    + ", none of them an issuer this API trusts " + trusted + ": their tokens would be refused"
                    + " (issuer_mismatch)");
        } else {
            pass(out, "authorization servers", metadata.authorizationServers() + ", trusted here");
        }
        return ok;
    }

    /** RFC 9728 section 3.1: the resource a metadata URL stands for, the well-known segment taken out of its path. */
    static Optional<String> derivedResource(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        int at = path.indexOf(ResourceSettings.WELL_KNOWN);
        if (at < 0) {
            return Optional.empty();
        }
        String rest = path.substring(at + ResourceSettings.WELL_KNOWN.length());
        return Optional.of(url.getScheme() + "://" + url.getRawAuthority() + path.substring(0, at) + rest);
    }

    private static Metadata fetch(URI uri) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_BYTES + 1);
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        if (body.length > MAX_BYTES) {
            throw new IOException("larger than " + MAX_BYTES + " bytes");
        }
        String resource = null;
        List<String> servers = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            for (JsonToken next = parser.nextToken(); next == JsonToken.FIELD_NAME; next = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("resource") && value == JsonToken.VALUE_STRING) {
                    resource = parser.getText();
                } else if (name.equals("authorization_servers") && value == JsonToken.START_ARRAY) {
                    for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY;
                            element = parser.nextToken()) {
                        if (element == JsonToken.VALUE_STRING) {
                            servers.add(parser.getText());
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw new IOException("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (resource == null) {
            throw new IOException("no 'resource' member, which RFC 9728 requires");
        }
        return new Metadata(resource, servers);
    }

    private static void pass(PrintStream out, String what, String detail) {
        out.printf("Metadata %-22s PASS - %s%n", what, detail);
    }

    private static boolean fail(PrintStream out, String what, String detail) {
        out.printf("Metadata %-22s FAIL - %s%n", what, detail);
        return false;
    }
}
