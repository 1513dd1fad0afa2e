package io.jwtguard.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Settings by concern: this API as an RFC 9728 protected resource ({@code jwtguard.resource.*}). The resource
 * identifier is an https URL (http only to a loopback host, for development) without query or fragment (RFC 9728
 * §1.2, RFC 8707 §2); the authorization servers default to the trusted issuers that are URLs. The audience that
 * follows from the resource is {@link IssuerSettingsReader}'s. Not thread-safe; used once per start-up.
 */
final class ResourceSettingsReader {

    private final SettingValues values;

    ResourceSettingsReader(SettingValues values) {
        this.values = values;
    }

    ResourceSettings resource(List<IssuerSettings> trusted) {
        String resource = values.text(Setting.RESOURCE);
        if (resource.isEmpty()) {
            for (Setting other : List.of(Setting.RESOURCE_AUTHORIZATION_SERVERS, Setting.RESOURCE_SCOPES_SUPPORTED,
                    Setting.RESOURCE_NAME, Setting.RESOURCE_DOCUMENTATION, Setting.RESOURCE_POLICY_URI,
                    Setting.RESOURCE_TOS_URI)) {
                if (!values.text(other).isEmpty()) {
                    values.problem(other, "is set but " + Setting.RESOURCE.key() + " is not, so no metadata is served;"
                            + " set " + Setting.RESOURCE.key() + " to this API's URI, e.g. https://api.example.com/mcp");
                }
            }
            return ResourceSettings.NONE;
        }
        if (!identifier(resource)) {
            return ResourceSettings.NONE;
        }
        List<String> servers = values.list(Setting.RESOURCE_AUTHORIZATION_SERVERS);
        servers.forEach(server -> url(Setting.RESOURCE_AUTHORIZATION_SERVERS, server, true));
        if (servers.isEmpty()) {
            servers = defaultServers(trusted);
        }
        List<String> scopes = values.list(Setting.RESOURCE_SCOPES_SUPPORTED);
        for (String scope : scopes) {
            if (!ResourceSettings.scopeToken(scope)) {
                values.problem(Setting.RESOURCE_SCOPES_SUPPORTED, "'" + scope + "' is no OAuth scope-token (RFC 6749"
                        + " §3.3: printable ASCII without spaces, '\"' or '\\'); separate scopes with commas");
            }
        }
        String documentation = optionalUrl(Setting.RESOURCE_DOCUMENTATION);
        String policy = optionalUrl(Setting.RESOURCE_POLICY_URI);
        String tos = optionalUrl(Setting.RESOURCE_TOS_URI);
        return new ResourceSettings(resource, servers, scopes, values.text(Setting.RESOURCE_NAME), documentation, policy,
                tos);
    }

    /** RFC 9728 §1.2: a URL with the https scheme and no fragment; JwtGuard leaves out the query too. */
    private boolean identifier(String resource) {
        URI uri = url(Setting.RESOURCE, resource, true);
        if (uri == null) {
            return false;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || resource.endsWith("?")
                || resource.endsWith("#")) {
            values.problem(Setting.RESOURCE, "'" + resource + "' has a query or fragment; a resource identifier is"
                    + " scheme, host and path only (RFC 9728 §1.2)");
            return false;
        }
        return true;
    }

    /**
     * The trusted issuers that are URLs, each once: an authorization server's issuer identifier is an https URL
     * (RFC 8414 §2), so an issuer such as {@code my-app} cannot be announced.
     */
    private List<String> defaultServers(List<IssuerSettings> trusted) {
        Set<String> servers = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        for (IssuerSettings issuer : trusted) {
            for (String iss : issuer.issuers()) {
                if (httpUrl(iss)) {
                    servers.add(iss);
                } else {
                    skipped.add(iss);
                }
            }
        }
        if (servers.isEmpty()) {
            values.warn(Setting.RESOURCE.key() + " is set, but no trusted issuer is a URL" + (skipped.isEmpty() ? ""
                    : " (" + skipped + ")") + ", so the metadata names no authorization server and a client cannot"
                    + " find where to get a token; set " + Setting.RESOURCE_AUTHORIZATION_SERVERS.key());
        }
        return List.copyOf(servers);
    }

    private String optionalUrl(Setting setting) {
        String value = values.text(setting);
        return value.isEmpty() || url(setting, value, false) == null ? "" : value;
    }

    /**
     * {@code value} as an absolute http(s) URL without credentials, or null after naming the problem.
     *
     * @param secure whether plain http is allowed only to a loopback host
     */
    private URI url(Setting setting, String value, boolean secure) {
        try {
            URI uri = new URI(value);
            if (!httpUrl(value) || secure && !JwksSettings.allowed(uri)) {
                values.problem(setting, "'" + value + "' must be an " + (secure ? "https URL (plain http only to a"
                        + " loopback host)" : "http or https URL"));
                return null;
            }
            if (uri.getRawUserInfo() != null) {
                values.problem(setting, "'" + value + "' holds credentials (user:password@); metadata is public,"
                        + " remove them");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            values.problem(setting, "'" + value + "' is not a URL");
            return null;
        }
    }

    private static boolean httpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
