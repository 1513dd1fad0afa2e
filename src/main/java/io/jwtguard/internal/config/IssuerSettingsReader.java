package io.jwtguard.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The trusted issuers: the top-level one and each {@code jwtguard.issuers.<name>.} block, each with its
 * issuer, audience and roles claims and one key source (a fixed key: {@link KeySettingsReader}; a JWKS URL or an
 * OpenID discovery authority: {@link JwksSettingsReader}) with its algorithms ({@link AlgorithmSettingsReader}).
 * Not thread-safe; used once per start-up.
 */
final class IssuerSettingsReader {

    static final String ISSUERS_PREFIX = "jwtguard.issuers.";

    private final SettingValues top;
    private final ClassLoader loader;
    /** The block being read: the top level, or one {@code jwtguard.issuers.<name>.} block. */
    private SettingValues values;

    IssuerSettingsReader(SettingValues top, ClassLoader loader) {
        this.top = top;
        this.values = top;
        this.loader = loader;
    }

    /** The top-level issuer (when configured, or when nothing else is) and every named one. */
    List<IssuerSettings> trustedIssuers() {
        Set<String> names = new TreeSet<>();
        for (String key : top.names()) {
            if (key.startsWith(ISSUERS_PREFIX)) {
                String rest = key.substring(ISSUERS_PREFIX.length());
                names.add(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
            }
        }
        List<IssuerSettings> trusted = new ArrayList<>();
        boolean topLevel = names.isEmpty() || !values.text(Setting.KEY).isEmpty() || !values.text(Setting.KEY_LOCATION).isEmpty()
                || !values.text(Setting.JWKS_URL).isEmpty() || !values.text(Setting.AUTHORITY).isEmpty();
        if (topLevel) {
            issuer("default").ifPresent(trusted::add);
        }
        for (String name : names) {
            if (!name.matches("[A-Za-z0-9_-]+")) {
                values.problem(ISSUERS_PREFIX + name + ": issuer names use letters, digits, '_' and '-' only");
                continue;
            }
            values = top.block(ISSUERS_PREFIX + name + ".");
            try {
                issuer(name).ifPresent(trusted::add);
            } finally {
                values = top;
            }
        }
        Map<String, String> owners = new TreeMap<>();
        for (IssuerSettings issuer : trusted) {
            for (String iss : issuer.issuers()) {
                String previous = owners.putIfAbsent(iss, issuer.name());
                if (previous != null) {
                    values.problem(ISSUERS_PREFIX + issuer.name() + ".issuer: '" + iss + "' is already trusted by issuer '"
                            + previous + "'; a token's iss must choose exactly one");
                }
            }
            if (trusted.size() > 1 && issuer.issuers().isEmpty()) {
                values.problem((issuer.name().equals("default") ? "jwtguard" : ISSUERS_PREFIX + issuer.name())
                        + ".issuer.validate=false: with several issuers, each must name its iss values");
            }
        }
        return trusted;
    }

    /** One issuer block, read from the current {@link #values}. */
    private Optional<IssuerSettings> issuer(String name) {
        String authority = values.text(Setting.AUTHORITY);
        List<String> issuers = values.list(Setting.ISSUER);
        if (issuers.isEmpty() && !authority.isEmpty()) {
            issuers = List.of(authority);
        }
        boolean validateIssuer = values.bool(Setting.ISSUER_VALIDATE);
        boolean validateAudience = values.bool(Setting.AUDIENCE_VALIDATE);
        List<String> audiences = forResource(values.list(Setting.AUDIENCE), validateAudience);
        checkRequiredList(Setting.ISSUER, Setting.ISSUER_VALIDATE, issuers, validateIssuer, "issuer");
        checkRequiredList(Setting.AUDIENCE, Setting.AUDIENCE_VALIDATE, audiences, validateAudience, "audience");
        List<List<String>> rolesClaims = new ArrayList<>();
        for (String path : values.list(Setting.ROLES_CLAIM)) {
            rolesClaims.add(claimPath(path));
        }
        if (rolesClaims.isEmpty()) {
            values.problem(Setting.ROLES_CLAIM, "is empty; write e.g. roles, groups or realm_access.roles");
        }

        String location = values.text(Setting.KEY_LOCATION);
        String jwksUrl = values.text(Setting.JWKS_URL);
        if (location.startsWith("https:") || location.startsWith("http:")) {
            // MicroProfile JWT allows a JWKS URL in mp.jwt.verify.publickey.location.
            jwksUrl = jwksUrl.isEmpty() ? location : jwksUrl;
            location = "";
        }
        int sources = (values.text(Setting.KEY).isEmpty() ? 0 : 1) + (location.isEmpty() ? 0 : 1)
                + (jwksUrl.isEmpty() && authority.isEmpty() ? 0 : 1);
        if (sources > 1) {
            values.problem(Setting.KEY, "more than one key source is set (" + values.keyOf(Setting.KEY) + ", "
                    + values.keyOf(Setting.KEY_LOCATION) + ", " + values.keyOf(Setting.JWKS_URL) + " / " + values.keyOf(Setting.AUTHORITY)
                    + "); keep only the one your tokens are signed for");
            return Optional.empty();
        }
        if (!jwksUrl.isEmpty() || !authority.isEmpty()) {
            if (!jwksUrl.isEmpty() && !authority.isEmpty()) {
                values.problem(Setting.JWKS_URL, "and " + values.keyOf(Setting.AUTHORITY) + " are both set; use one");
            }
            Optional<JwksSettings> jwks = new JwksSettingsReader(values).jwks(jwksUrl, authority);
            List<SignatureAlgorithm> algorithms = new AlgorithmSettingsReader(values).forJwks();
            List<String> accepted = issuers;
            return jwks.map(j -> new IssuerSettings(name, validateIssuer ? accepted : List.of(),
                    validateAudience ? audiences : List.of(), Optional.empty(), Optional.of(j), algorithms, rolesClaims));
        }
        Optional<KeyMaterial> key = new KeySettingsReader(values, loader).key(location);
        List<SignatureAlgorithm> algorithms = key.map(new AlgorithmSettingsReader(values)::forKey).orElse(List.of());
        List<String> accepted = issuers;
        return key.map(k -> new IssuerSettings(name, validateIssuer ? accepted : List.of(),
                validateAudience ? audiences : List.of(), Optional.of(k), Optional.empty(), algorithms, rolesClaims));
    }

    /**
     * With a resource identifier, a token for this API names it in {@code aud} (RFC 8707 §2, RFC 9068 §3): it is the
     * audience when none is configured, and a configured audience that leaves it out could never accept such a token.
     */
    private List<String> forResource(List<String> audiences, boolean validate) {
        String resource = top.text(Setting.RESOURCE);
        if (resource.isEmpty() || !validate) {
            return audiences;
        }
        if (audiences.isEmpty()) {
            return List.of(resource);
        }
        if (!audiences.contains(resource)) {
            values.problem(Setting.AUDIENCE, audiences + " does not accept " + Setting.RESOURCE.key() + "='" + resource
                    + "', the audience a client's token for this resource carries (RFC 8707, RFC 9068 §3), so every"
                    + " such token would be refused with audience_mismatch; add it to " + values.keyOf(Setting.AUDIENCE)
                    + " (exactly, trailing slash included) or remove " + values.keyOf(Setting.AUDIENCE)
                    + " to accept the resource alone");
        }
        return audiences;
    }

    private void checkRequiredList(Setting list, Setting validate, List<String> configured, boolean on, String what) {
        if (on && configured.isEmpty()) {
            values.problem(list, "no " + what + " configured, so every token would be refused with " + what
                    + "_mismatch; set it to the token's '" + (what.equals("issuer") ? "iss" : "aud") + "' value"
                    + " (or " + values.keyOf(validate) + "=false to skip the check, not recommended); "
                    + values.lookedFor(list));
        } else if (!on) {
            values.warn(values.keyOf(validate) + "=false: tokens are accepted whatever their " + what
                    + "; any service trusted with the same key can call this API");
        }
    }

    private List<String> claimPath(String path) {
        List<String> segments = List.of(path.split("\\.", -1));
        if (path.isEmpty() || segments.stream().anyMatch(String::isBlank)) {
            values.problem(Setting.ROLES_CLAIM, "'" + path + "' is not a claim path; write e.g. roles, groups or"
                    + " realm_access.roles");
        }
        return segments;
    }
}
