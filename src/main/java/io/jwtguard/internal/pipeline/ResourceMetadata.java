package io.jwtguard.internal.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jwtguard.internal.config.DpopSettings;
import io.jwtguard.internal.config.ResourceSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * This API's OAuth 2.0 protected resource metadata document (RFC 9728 §2), written once at start-up: {@code resource},
 * {@code authorization_servers}, {@code scopes_supported}, {@code bearer_methods_supported} (the Authorization header
 * only: JwtGuard never reads a token from a form body or a query string), the DPoP algorithms and whether bound tokens
 * are required (when DPoP is on), and the optional human-facing fields that are configured. Immutable.
 */
final class ResourceMetadata {

    private static final JsonFactory JSON = new JsonFactory();

    private final byte[] json;

    private ResourceMetadata(ResourceSettings settings, List<String> scopesSupported, DpopSettings dpop) {
        this.json = write(settings, scopesSupported, dpop);
    }

    /** The document for {@code settings}; {@code ruleScopes} (those the rules name) stand in when none is configured. */
    static ResourceMetadata of(ResourceSettings settings, Collection<String> ruleScopes) {
        return of(settings, ruleScopes, null);
    }

    /** The same, announcing DPoP (RFC 9728 §2) as {@code dpop} configures it; null announces nothing of it. */
    static ResourceMetadata of(ResourceSettings settings, Collection<String> ruleScopes, DpopSettings dpop) {
        Set<String> scopes = new LinkedHashSet<>(settings.scopesSupported().isEmpty() ? ruleScopes
                : settings.scopesSupported());
        return new ResourceMetadata(settings, List.copyOf(scopes), dpop);
    }

    /** The JSON document, UTF-8; a copy, so no caller can change what the next request is sent. */
    byte[] json() {
        return json.clone();
    }

    private static byte[] write(ResourceSettings settings, List<String> scopesSupported, DpopSettings dpop) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("resource", settings.resource());
            array(json, "authorization_servers", settings.authorizationServers());
            array(json, "scopes_supported", scopesSupported);
            array(json, "bearer_methods_supported", List.of("header"));
            optional(json, "resource_name", settings.name());
            optional(json, "resource_documentation", settings.documentation());
            optional(json, "resource_policy_uri", settings.policyUri());
            optional(json, "resource_tos_uri", settings.tosUri());
            if (dpop != null && dpop.on()) {
                array(json, "dpop_signing_alg_values_supported", dpop.algorithms());
                json.writeBooleanField("dpop_bound_access_tokens_required", dpop.mode() == DpopSettings.Mode.REQUIRED);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** RFC 9728 §2: an empty list is left out rather than announced as none. */
    private static void array(JsonGenerator json, String name, List<String> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void optional(JsonGenerator json, String name, String value) throws IOException {
        if (!value.isEmpty()) {
            json.writeStringField(name, value);
        }
    }
}
