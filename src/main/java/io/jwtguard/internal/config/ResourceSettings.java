package io.jwtguard.internal.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * This API as an OAuth 2.0 protected resource (RFC 9728): its resource identifier and what its metadata announces.
 * Immutable.
 *
 * @param resource the resource identifier ({@code jwtguard.resource}), or empty when none is configured
 * @param authorizationServers issuer identifiers of the authorization servers (metadata {@code authorization_servers})
 * @param scopesSupported configured scopes to announce; empty: those the rules name
 * @param name {@code resource_name}, or empty
 * @param documentation {@code resource_documentation}, or empty
 * @param policyUri {@code resource_policy_uri}, or empty
 * @param tosUri {@code resource_tos_uri}, or empty
 */
public record ResourceSettings(String resource, List<String> authorizationServers, List<String> scopesSupported,
        String name, String documentation, String policyUri, String tosUri) {

    /** No resource configured: no metadata, no {@code resource_metadata} in challenges. */
    public static final ResourceSettings NONE = new ResourceSettings("", List.of(), List.of(), "", "", "", "");

    /** RFC 9728 §3: the well-known URI suffix registered for protected resource metadata. */
    public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    public ResourceSettings {
        Objects.requireNonNull(resource, "resource");
        authorizationServers = List.copyOf(authorizationServers);
        scopesSupported = List.copyOf(scopesSupported);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(documentation, "documentation");
        Objects.requireNonNull(policyUri, "policyUri");
        Objects.requireNonNull(tosUri, "tosUri");
    }

    public boolean configured() {
        return !resource.isEmpty();
    }

    /**
     * The resource identifier's path without a terminating slash ({@code ""} for {@code https://host} and
     * {@code https://host/}): what RFC 9728 §3.1 puts after the well-known suffix.
     */
    public String path() {
        String path = URI.create(resource).getRawPath();
        path = path == null ? "" : path;
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * The paths JwtGuard serves the metadata at, relative to the application: the path-inserted form of RFC 9728
     * §3.1 ({@code /.well-known/oauth-protected-resource/mcp} for {@code https://host/mcp}) and, for clients that
     * derive the well-known URI from the host alone, the bare suffix.
     */
    public List<String> metadataPaths() {
        String path = path();
        return path.isEmpty() ? List.of(WELL_KNOWN) : List.of(WELL_KNOWN + path, WELL_KNOWN);
    }

    /**
     * The absolute URL of the metadata, as challenges name it (RFC 9728 §5.1): the resource's scheme and authority,
     * the application's context path, the well-known suffix and the resource's path. With the application at the
     * root context, it is exactly the URL RFC 9728 §3.1 derives from the resource identifier.
     *
     * @param contextPath the application's context path, {@code ""} for the root
     */
    public String metadataUrl(String contextPath) {
        URI uri = URI.create(resource);
        return uri.getScheme() + "://" + uri.getRawAuthority() + contextPath + WELL_KNOWN + path();
    }

    /**
     * RFC 6749 §3.3: {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}, so a scope can stand in a challenge's
     * quoted {@code scope} value and in a space-separated list.
     */
    public static boolean scopeToken(String scope) {
        if (scope.isEmpty()) {
            return false;
        }
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
