package io.jwtguard.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads every setting once, checks them all, and either returns {@link Settings} or throws one
 * {@link InvalidSettingsException} that lists every problem with its key and fix (so an operator
 * fixes a deployment in one round, not one restart per mistake). Never puts a secret in a message.
 *
 * <p>Precedence, highest first: the {@code jwtguard.*} key in MicroProfile Config, the matching
 * {@code mp.jwt.*} key there, the filter's {@code web.xml} init-param, the built-in default.
 * Not thread-safe; used once per filter start.
 */
public final class SettingsLoader {

    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    static final int MIN_RSA_BITS = 2048;

    private final SettingsSource config;
    private final SettingsSource initParams;
    private final ClassLoader loader;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private SettingsLoader(SettingsSource config, SettingsSource initParams, ClassLoader loader) {
        this.config = config;
        this.initParams = initParams;
        this.loader = loader;
    }

    /**
     * @param config MicroProfile Config (or a test's map)
     * @param initParams the filter's init-params, the lowest-priority defaults
     * @param loader resolves {@code classpath:} key locations
     */
    public static Settings load(SettingsSource config, SettingsSource initParams, ClassLoader loader)
            throws InvalidSettingsException {
        return new SettingsLoader(config, initParams, loader).load();
    }

    private Settings load() throws InvalidSettingsException {
        List<IssuerSettings> trusted = trustedIssuers();
        Duration clockSkew = clockSkew();
        if (!bool(Setting.TOKEN_REQUIRE_EXP)) {
            problem(Setting.TOKEN_REQUIRE_EXP, "tokens without 'exp' would be valid forever;"
                    + " remove the setting (JwtGuard always requires 'exp')");
        }
        int maxTokenLength = maxTokenLength();
        List<String> tokenTypes = tokenTypes();
        Optional<Duration> maxTokenAge = maxTokenAge();
        String nameClaim = text(Setting.NAME_CLAIM);
        String realm = realm();
        Settings.Diagnostics diagnostics = choice(Setting.DIAGNOSTICS, Settings.Diagnostics.class,
                Settings.Diagnostics.PRODUCTION);
        Settings.Fallback fallback = choice(Setting.AUTHORIZATION_FALLBACK, Settings.Fallback.class,
                Settings.Fallback.AUTHENTICATED);
        Duration lifetime = positiveDuration(Setting.TOKEN_LIFETIME);
        Optional<PrivateKey> signingKey = signingKey();
        CorsSettings cors = cors();
        Map<String, PolicyDefinition> policies = policies();
        if (diagnostics == Settings.Diagnostics.DEVELOPMENT) {
            warnings.add(Setting.DIAGNOSTICS.key() + "=development: refusals name the expected issuer, audience"
                    + " and roles; never use it in production");
        }

        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        int tokenCacheSize = boundedInt(Setting.TOKEN_CACHE_SIZE, 0, 10_000_000);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new Settings(trusted, clockSkew, text(Setting.TOKEN_COOKIE), maxTokenLength, tokenCacheSize, tokenTypes,
                maxTokenAge, nameClaim, realm, diagnostics, fallback, lifetime, signingKey, cors, policies,
                list(Setting.LISTENERS), warnings);
    }

    static final String TOP_LEVEL = "jwtguard.";
    static final String ISSUERS_PREFIX = "jwtguard.issuers.";

    /** The block of keys being read: {@code jwtguard.} or {@code jwtguard.issuers.<name>.}. */
    private String prefix = TOP_LEVEL;

    /** The top-level issuer (when configured, or when nothing else is) and every named one. */
    private List<IssuerSettings> trustedIssuers() {
        Set<String> names = new TreeSet<>();
        for (Iterable<String> source : List.of(config.names(), initParams.names())) {
            for (String key : source) {
                if (key.startsWith(ISSUERS_PREFIX)) {
                    String rest = key.substring(ISSUERS_PREFIX.length());
                    names.add(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
                }
            }
        }
        List<IssuerSettings> trusted = new ArrayList<>();
        boolean topLevel = names.isEmpty() || !text(Setting.KEY).isEmpty() || !text(Setting.KEY_LOCATION).isEmpty()
                || !text(Setting.JWKS_URL).isEmpty() || !text(Setting.AUTHORITY).isEmpty();
        if (topLevel) {
            issuer("default").ifPresent(trusted::add);
        }
        for (String name : names) {
            if (!name.matches("[A-Za-z0-9_-]+")) {
                problems.add(ISSUERS_PREFIX + name + ": issuer names use letters, digits, '_' and '-' only");
                continue;
            }
            prefix = ISSUERS_PREFIX + name + ".";
            try {
                issuer(name).ifPresent(trusted::add);
            } finally {
                prefix = TOP_LEVEL;
            }
        }
        Map<String, String> owners = new TreeMap<>();
        for (IssuerSettings issuer : trusted) {
            for (String iss : issuer.issuers()) {
                String previous = owners.putIfAbsent(iss, issuer.name());
                if (previous != null) {
                    problems.add(ISSUERS_PREFIX + issuer.name() + ".issuer: '" + iss + "' is already trusted by issuer '"
                            + previous + "'; a token's iss must choose exactly one");
                }
            }
            if (trusted.size() > 1 && issuer.issuers().isEmpty()) {
                problems.add((issuer.name().equals("default") ? "jwtguard" : ISSUERS_PREFIX + issuer.name())
                        + ".issuer.validate=false: with several issuers, each must name its iss values");
            }
        }
        return trusted;
    }

    /** One issuer block, read with the current {@link #prefix}. */
    private Optional<IssuerSettings> issuer(String name) {
        String authority = text(Setting.AUTHORITY);
        List<String> issuers = list(Setting.ISSUER);
        if (issuers.isEmpty() && !authority.isEmpty()) {
            issuers = List.of(authority);
        }
        boolean validateIssuer = bool(Setting.ISSUER_VALIDATE);
        List<String> audiences = list(Setting.AUDIENCE);
        boolean validateAudience = bool(Setting.AUDIENCE_VALIDATE);
        checkRequiredList(Setting.ISSUER, Setting.ISSUER_VALIDATE, issuers, validateIssuer, "issuer");
        checkRequiredList(Setting.AUDIENCE, Setting.AUDIENCE_VALIDATE, audiences, validateAudience, "audience");
        List<List<String>> rolesClaims = new ArrayList<>();
        for (String path : list(Setting.ROLES_CLAIM)) {
            rolesClaims.add(claimPath(path));
        }
        if (rolesClaims.isEmpty()) {
            problem(Setting.ROLES_CLAIM, "is empty; write e.g. roles, groups or realm_access.roles");
        }

        String location = text(Setting.KEY_LOCATION);
        String jwksUrl = text(Setting.JWKS_URL);
        if (location.startsWith("https:") || location.startsWith("http:")) {
            // MicroProfile JWT allows a JWKS URL in mp.jwt.verify.publickey.location.
            jwksUrl = jwksUrl.isEmpty() ? location : jwksUrl;
            location = "";
        }
        int sources = (text(Setting.KEY).isEmpty() ? 0 : 1) + (location.isEmpty() ? 0 : 1)
                + (jwksUrl.isEmpty() && authority.isEmpty() ? 0 : 1);
        if (sources > 1) {
            problem(Setting.KEY, "more than one key source is set (" + keyOf(Setting.KEY) + ", "
                    + keyOf(Setting.KEY_LOCATION) + ", " + keyOf(Setting.JWKS_URL) + " / " + keyOf(Setting.AUTHORITY)
                    + "); keep only the one your tokens are signed for");
            return Optional.empty();
        }
        if (!jwksUrl.isEmpty() || !authority.isEmpty()) {
            if (!jwksUrl.isEmpty() && !authority.isEmpty()) {
                problem(Setting.JWKS_URL, "and " + keyOf(Setting.AUTHORITY) + " are both set; use one");
            }
            Optional<JwksSettings> jwks = jwks(jwksUrl, authority);
            List<SignatureAlgorithm> algorithms = jwksAlgorithms();
            List<String> accepted = issuers;
            return jwks.map(j -> new IssuerSettings(name, validateIssuer ? accepted : List.of(),
                    validateAudience ? audiences : List.of(), Optional.empty(), Optional.of(j), algorithms, rolesClaims));
        }
        Optional<KeyMaterial> key = key(location);
        List<SignatureAlgorithm> algorithms = key.map(this::algorithms).orElse(List.of());
        List<String> accepted = issuers;
        return key.map(k -> new IssuerSettings(name, validateIssuer ? accepted : List.of(),
                validateAudience ? audiences : List.of(), Optional.of(k), Optional.empty(), algorithms, rolesClaims));
    }

    private Optional<JwksSettings> jwks(String jwksUrl, String authority) {
        Optional<java.net.URI> url = fetchable(Setting.JWKS_URL, jwksUrl);
        Optional<java.net.URI> issuerUrl = fetchable(Setting.AUTHORITY, authority);
        Duration connect = timeout(Setting.JWKS_CONNECT_TIMEOUT);
        Duration read = timeout(Setting.JWKS_READ_TIMEOUT);
        Duration ttl = positiveDuration(Setting.JWKS_CACHE_TTL);
        Duration interval = positiveDuration(Setting.JWKS_MIN_REFRESH_INTERVAL);
        int maxBytes = boundedInt(Setting.JWKS_MAX_BYTES, 1024, 16 * 1024 * 1024);
        if (url.isEmpty() && issuerUrl.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new JwksSettings(url, issuerUrl, connect, read, ttl, interval, maxBytes));
    }

    private Optional<java.net.URI> fetchable(Setting setting, String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            java.net.URI uri = new java.net.URI(value);
            if (uri.getRawUserInfo() != null) {
                // Key URLs are logged with every fetch; credentials in them would be logged too.
                problem(setting, "holds credentials (user:password@); key sets are public, remove them");
                return Optional.empty();
            }
            if (!JwksSettings.allowed(uri)) {
                problem(setting, "'" + value + "' must be an https URL (plain http only to a loopback host);"
                        + " keys fetched over http could be replaced by anyone on the path");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (java.net.URISyntaxException e) {
            problem(setting, "'" + value + "' is not a URL");
            return Optional.empty();
        }
    }

    private Duration timeout(Setting setting) {
        Duration timeout = positiveDuration(setting);
        if (timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            problem(setting, "is " + timeout.toSeconds() + "s; request threads wait this long at most, keep it"
                    + " under a minute (default 2s)");
        }
        return timeout;
    }

    private int boundedInt(Setting setting, int min, int max) {
        String value = text(setting);
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                problem(setting, "is " + number + "; use " + min + " to " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            problem(setting, "'" + value + "' is not a whole number");
            return min;
        }
    }

    /** JWKS keys are public keys: RS256 unless configured; never an HMAC algorithm. */
    private List<SignatureAlgorithm> jwksAlgorithms() {
        List<SignatureAlgorithm> algorithms = new ArrayList<>();
        List<String> names = list(Setting.ALGORITHMS);
        for (String name : names.isEmpty() ? List.of("RS256") : names) {
            Optional<SignatureAlgorithm> algorithm = SignatureAlgorithm.named(name);
            if (name.equalsIgnoreCase("none")) {
                problem(Setting.ALGORITHMS, "'none' means unsigned tokens anyone can forge; remove it");
            } else if (algorithm.isEmpty()) {
                problem(Setting.ALGORITHMS, "'" + name + "' is not a supported algorithm; use one of "
                        + SignatureAlgorithm.supportedNames() + " (names are case-sensitive)");
            } else if (algorithm.get().keyKind() == KeyMaterial.Kind.HMAC) {
                problem(Setting.ALGORITHMS, algorithm.get() + " needs a shared secret, which a JWKS never"
                        + " publishes; use RS*, PS* or ES* with JWKS");
            } else if (!algorithms.contains(algorithm.get())) {
                algorithms.add(algorithm.get());
            }
        }
        return algorithms;
    }

    private void checkRequiredList(Setting list, Setting validate, List<String> values, boolean on, String what) {
        if (on && values.isEmpty()) {
            problem(list, "no " + what + " configured, so every token would be refused with " + what
                    + "_mismatch; set it to the token's '" + (what.equals("issuer") ? "iss" : "aud") + "' value"
                    + " (or " + keyOf(validate) + "=false to skip the check, not recommended)");
        } else if (!on) {
            warnings.add(keyOf(validate) + "=false: tokens are accepted whatever their " + what
                    + "; any service trusted with the same key can call this API");
        }
    }

    private Optional<KeyMaterial> key(String location) {
        String secret = text(Setting.KEY);
        if (secret.isEmpty() && location.isEmpty()) {
            problem(Setting.KEY, "no key to verify tokens with; set the HMAC secret in the environment"
                    + " (JWTGUARD_KEY, at least 32 bytes for HS256), " + keyOf(Setting.KEY_LOCATION)
                    + " to a PEM public key or certificate (file:... or classpath:...), or "
                    + keyOf(Setting.JWKS_URL) + " / " + keyOf(Setting.AUTHORITY) + " for an identity provider");
            return Optional.empty();
        }
        if (!secret.isEmpty()) {
            return decodeSecret(secret).map(KeyMaterial::hmac);
        }
        try {
            PublicKey publicKey = Pem.publicKey(Pem.read(location, loader));
            return Optional.of(KeyMaterial.publicKey(publicKey));
        } catch (IOException e) {
            problem(Setting.KEY_LOCATION, "cannot read '" + location + "': " + e.getMessage());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            problem(Setting.KEY_LOCATION, "'" + location + "' holds no usable public key: " + e.getMessage());
        }
        return Optional.empty();
    }

    private Optional<byte[]> decodeSecret(String secret) {
        String encoding = text(Setting.KEY_ENCODING).toLowerCase(Locale.ROOT);
        try {
            return switch (encoding) {
                case "utf8", "utf-8" -> Optional.of(secret.getBytes(StandardCharsets.UTF_8));
                case "base64" -> Optional.of(Base64.getDecoder().decode(secret.trim()));
                case "base64url" -> Optional.of(Base64.getUrlDecoder().decode(secret.trim()));
                default -> {
                    problem(Setting.KEY_ENCODING, "'" + encoding + "' is not an encoding; use utf8, base64 or base64url");
                    yield Optional.empty();
                }
            };
        } catch (IllegalArgumentException e) {
            problem(Setting.KEY, "the secret is not valid " + encoding + " (" + keyOf(Setting.KEY_ENCODING) + "="
                    + encoding + "); the value itself is not shown");
            return Optional.empty();
        }
    }

    private List<SignatureAlgorithm> algorithms(KeyMaterial key) {
        List<String> names = list(Setting.ALGORITHMS);
        List<SignatureAlgorithm> algorithms = new ArrayList<>();
        if (names.isEmpty()) {
            defaultAlgorithm(key).ifPresent(algorithms::add);
        }
        for (String name : names) {
            Optional<SignatureAlgorithm> algorithm = SignatureAlgorithm.named(name.trim());
            if (name.trim().equalsIgnoreCase("none")) {
                problem(Setting.ALGORITHMS, "'none' means unsigned tokens anyone can forge; remove it");
            } else if (algorithm.isEmpty()) {
                problem(Setting.ALGORITHMS, "'" + name + "' is not a supported algorithm; use one of "
                        + SignatureAlgorithm.supportedNames() + " (names are case-sensitive)");
            } else if (!algorithms.contains(algorithm.get())) {
                algorithms.add(algorithm.get());
            }
        }
        Set<KeyMaterial.Kind> kinds = new LinkedHashSet<>();
        algorithms.forEach(a -> kinds.add(a.keyKind()));
        if (kinds.contains(KeyMaterial.Kind.HMAC) && kinds.size() > 1) {
            problem(Setting.ALGORITHMS, "HMAC and public-key algorithms are mixed (" + algorithms + "); a key is"
                    + " either a shared secret or a public key, and mixing them invites algorithm confusion");
            return algorithms;
        }
        for (SignatureAlgorithm algorithm : algorithms) {
            checkKeyFits(algorithm, key);
        }
        return algorithms;
    }

    private Optional<SignatureAlgorithm> defaultAlgorithm(KeyMaterial key) {
        return switch (key.kind()) {
            case HMAC -> Optional.of(SignatureAlgorithm.HS256);
            case RSA -> Optional.of(SignatureAlgorithm.RS256);
            case EC -> {
                int bits = ((ECPublicKey) key.publicKey()).getParams().getCurve().getField().getFieldSize();
                Optional<SignatureAlgorithm> algorithm = SignatureAlgorithm.forCurveBits(bits);
                if (algorithm.isEmpty()) {
                    problem(Setting.KEY_LOCATION, "the EC key is on a " + bits + "-bit curve; JWS allows only"
                            + " P-256, P-384 and P-521");
                }
                yield algorithm;
            }
        };
    }

    private void checkKeyFits(SignatureAlgorithm algorithm, KeyMaterial key) {
        if (algorithm.keyKind() != key.kind()) {
            problem(Setting.ALGORITHMS, algorithm + " needs " + describe(algorithm.keyKind()) + " but the configured"
                    + " key is " + describe(key.kind()) + "; set " + keyOf(Setting.ALGORITHMS)
                    + " to match the key, or configure the right key");
            return;
        }
        switch (key.kind()) {
            case HMAC -> {
                if (key.secretLength() < algorithm.minimumSecretBytes()) {
                    problem(Setting.KEY, "the HMAC secret is " + key.secretLength() + " bytes but " + algorithm
                            + " needs at least " + algorithm.minimumSecretBytes() + " (RFC 7518 3.2); generate one"
                            + " with: openssl rand -base64 " + algorithm.minimumSecretBytes()
                            + " (and set " + keyOf(Setting.KEY_ENCODING) + "=base64)");
                }
            }
            case RSA -> {
                int bits = ((RSAPublicKey) key.publicKey()).getModulus().bitLength();
                if (bits < MIN_RSA_BITS) {
                    problem(Setting.KEY_LOCATION, "the RSA key has " + bits + " bits; at least " + MIN_RSA_BITS
                            + " are required (RFC 7518 3.3)");
                }
            }
            case EC -> {
                int bits = ((ECPublicKey) key.publicKey()).getParams().getCurve().getField().getFieldSize();
                if (bits != algorithm.curveBits()) {
                    problem(Setting.ALGORITHMS, algorithm + " needs a P-" + algorithm.curveBits()
                            + " key but the configured EC key is on a " + bits + "-bit curve");
                }
            }
        }
    }

    private String describe(KeyMaterial.Kind kind) {
        return switch (kind) {
            case HMAC -> "an HMAC secret (" + keyOf(Setting.KEY) + ")";
            case RSA -> "an RSA public key (" + keyOf(Setting.KEY_LOCATION) + ")";
            case EC -> "an EC public key (" + keyOf(Setting.KEY_LOCATION) + ")";
        };
    }

    private Duration clockSkew() {
        try {
            Duration skew = Durations.parse(text(Setting.CLOCK_SKEW));
            if (skew.isNegative()) {
                problem(Setting.CLOCK_SKEW, "is negative; use 0 to 5m (default 60s)");
            } else if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
                problem(Setting.CLOCK_SKEW, "is " + skew.toSeconds() + "s, over the 300s limit; a large skew hides"
                        + " a wrong server clock and extends every token's life; synchronise the clocks (NTP)"
                        + " and use at most 5m");
            }
            return skew;
        } catch (IllegalArgumentException e) {
            problem(Setting.CLOCK_SKEW, e.getMessage());
            return Duration.ZERO;
        }
    }

    private Duration positiveDuration(Setting setting) {
        try {
            Duration duration = Durations.parse(text(setting));
            if (duration.isNegative() || duration.isZero()) {
                problem(setting, "must be positive");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            problem(setting, e.getMessage());
            return Duration.ZERO;
        }
    }

    /**
     * {@code jwtguard.token.type}: media types without parameters, normalised once (RFC 7515 §4.1.9), so
     * the request path only lower-cases the token's {@code typ} and looks it up.
     */
    private List<String> tokenTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (String value : list(Setting.TOKEN_TYPE)) {
            String type = Settings.mediaType(value);
            if (!type.matches("[a-z0-9][a-z0-9!#$&^_.+-]*")) {
                problem(Setting.TOKEN_TYPE, "'" + value + "' is not a media type a token's typ can be compared with;"
                        + " write the subtype alone or with application/, without parameters, e.g. at+jwt (RFC 9068)");
            } else {
                types.add(type);
            }
        }
        return List.copyOf(types);
    }

    /** {@code jwtguard.max-token-age}: unset means no limit; set, at least a second, since {@code iat} counts seconds. */
    private Optional<Duration> maxTokenAge() {
        String value = text(Setting.MAX_TOKEN_AGE);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            Duration age = Durations.parse(value);
            if (age.compareTo(Duration.ofSeconds(1)) < 0) {
                problem(Setting.MAX_TOKEN_AGE, "is " + value + "; use at least 1s (iat counts whole seconds),"
                        + " e.g. 8h, or leave it unset for no limit beyond exp");
                return Optional.empty();
            }
            return Optional.of(age);
        } catch (IllegalArgumentException e) {
            problem(Setting.MAX_TOKEN_AGE, e.getMessage());
            return Optional.empty();
        }
    }

    private int maxTokenLength() {
        String value = text(Setting.TOKEN_MAX_LENGTH);
        try {
            int length = Integer.parseInt(value);
            if (length < 256 || length > 65_536) {
                problem(Setting.TOKEN_MAX_LENGTH, "is " + length + "; use 256 to 65536 characters (default 8192)");
            }
            return length;
        } catch (NumberFormatException e) {
            problem(Setting.TOKEN_MAX_LENGTH, "'" + value + "' is not a whole number of characters");
            return 0;
        }
    }

    private List<String> claimPath(String path) {
        List<String> segments = List.of(path.split("\\.", -1));
        if (path.isEmpty() || segments.stream().anyMatch(String::isBlank)) {
            problem(Setting.ROLES_CLAIM, "'" + path + "' is not a claim path; write e.g. roles, groups or"
                    + " realm_access.roles");
        }
        return segments;
    }

    private String realm() {
        String realm = text(Setting.REALM);
        if (!realm.equals(io.jwtguard.diagnostics.Text.printable(realm))) {
            problem(Setting.REALM, "may hold only printable ASCII without quotes or backslashes (RFC 6750 3)");
        }
        return realm;
    }

    private Optional<PrivateKey> signingKey() {
        String location = text(Setting.SIGNING_KEY_LOCATION);
        if (location.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pem.privateKey(Pem.read(location, loader)));
        } catch (IOException e) {
            problem(Setting.SIGNING_KEY_LOCATION, "cannot read '" + location + "': " + e.getMessage());
        } catch (GeneralSecurityException e) {
            problem(Setting.SIGNING_KEY_LOCATION, "'" + location + "' holds no usable private key: " + e.getMessage());
        }
        return Optional.empty();
    }

    static final String POLICY_PREFIX = "jwtguard.policy.";

    /** Every {@code jwtguard.policy.<Name>.<part>} key that the sources can list. */
    private Map<String, PolicyDefinition> policies() {
        Set<String> keys = new TreeSet<>();
        config.names().forEach(keys::add);
        initParams.names().forEach(keys::add);
        Map<String, Map<String, String>> parts = new TreeMap<>();
        for (String key : keys) {
            if (!key.startsWith(POLICY_PREFIX)) {
                continue;
            }
            String rest = key.substring(POLICY_PREFIX.length());
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            String part = dot < 0 ? "" : rest.substring(dot + 1);
            if (!name.matches("[A-Za-z0-9_-]+")) {
                problems.add(key + ": policy names use letters, digits, '_' and '-' only");
            } else if (!part.equals("roles") && !part.equals("scopes") && !part.equals("any-of")
                    && !(part.startsWith("claims.") && part.length() > "claims.".length())) {
                problems.add(key + ": unknown policy part '" + part + "'; use " + POLICY_PREFIX + name
                        + ".roles, .scopes, .claims.<claim> or .any-of");
            } else {
                parts.computeIfAbsent(name, n -> new TreeMap<>()).put(part, rawText(key));
            }
        }
        Map<String, PolicyDefinition> policies = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> policy : parts.entrySet()) {
            Map<String, List<String>> claims = new TreeMap<>();
            policy.getValue().forEach((part, value) -> {
                if (part.startsWith("claims.")) {
                    claims.put(part.substring("claims.".length()), split(value));
                }
            });
            PolicyDefinition definition = new PolicyDefinition(policy.getKey(),
                    split(policy.getValue().getOrDefault("roles", "")), split(policy.getValue().getOrDefault("scopes", "")),
                    claims, split(policy.getValue().getOrDefault("any-of", "")));
            if (definition.describe().isEmpty()) {
                problems.add(POLICY_PREFIX + policy.getKey() + ": the policy requires nothing; give it roles, scopes,"
                        + " claims or any-of, or remove it");
            }
            policies.put(policy.getKey(), definition);
        }
        for (PolicyDefinition definition : policies.values()) {
            for (String other : definition.anyOf()) {
                if (!policies.containsKey(other)) {
                    problems.add(POLICY_PREFIX + definition.name() + ".any-of: names '" + other
                            + "', which is not defined in configuration");
                }
            }
        }
        checkNoCycles(policies);
        return policies;
    }

    private void checkNoCycles(Map<String, PolicyDefinition> policies) {
        for (String start : policies.keySet()) {
            java.util.Deque<String> pending = new java.util.ArrayDeque<>(policies.get(start).anyOf());
            Set<String> seen = new LinkedHashSet<>();
            while (!pending.isEmpty()) {
                String next = pending.pop();
                if (next.equals(start)) {
                    problems.add(POLICY_PREFIX + start + ".any-of: refers back to itself through " + seen);
                    break;
                }
                if (seen.add(next) && policies.containsKey(next)) {
                    pending.addAll(policies.get(next).anyOf());
                }
            }
        }
    }

    private static List<String> split(String value) {
        List<String> values = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                values.add(item.trim());
            }
        }
        return values;
    }

    /** A raw key's effective value: MicroProfile Config, then the init-param. */
    private String rawText(String key) {
        return present(config.value(key)).or(() -> present(initParams.value(key))).orElse("").trim();
    }

    private CorsSettings cors() {
        List<String> entries = list(Setting.CORS_ALLOWED_ORIGINS);
        boolean credentials = bool(Setting.CORS_ALLOW_CREDENTIALS);
        if (entries.isEmpty()) {
            return CorsSettings.OFF;
        }
        Set<String> origins = new LinkedHashSet<>();
        List<CorsSettings.OriginPattern> patterns = new ArrayList<>();
        boolean any = false;
        for (String entry : entries) {
            if (entry.equals("*")) {
                any = true;
            } else if (entry.equals("null")) {
                origins.add(entry);
            } else if (entry.contains("null") && entry.contains("*")) {
                problem(Setting.CORS_ALLOWED_ORIGINS, "'" + entry + "' puts null in a wildcard; 'null' is the opaque"
                        + " origin of sandboxed frames and file: pages and is allowed only when listed alone, exactly");
            } else {
                origin(entry, origins, patterns);
            }
        }
        if (any && credentials) {
            problem(Setting.CORS_ALLOW_CREDENTIALS, "credentials cannot be allowed for '*' (the Fetch standard"
                    + " forbids it, and reflecting every origin instead would hand any site the user's session);"
                    + " list the origins explicitly");
        }
        Set<String> methods = new LinkedHashSet<>(list(Setting.CORS_ALLOWED_METHODS));
        Set<String> headers = new LinkedHashSet<>();
        for (String header : list(Setting.CORS_ALLOWED_HEADERS)) {
            if (header.equals("*")) {
                problem(Setting.CORS_ALLOWED_HEADERS, "'*' is not supported; list the header names (a wildcard"
                        + " never covers Authorization in browsers anyway)");
            }
            headers.add(header.toLowerCase(Locale.ROOT));
        }
        if (!headers.contains("authorization")) {
            warnings.add(Setting.CORS_ALLOWED_HEADERS.key() + " does not include Authorization: browsers on other"
                    + " origins cannot send bearer tokens, and their preflights are refused");
        }
        Duration maxAge = Duration.ZERO;
        try {
            maxAge = Durations.parse(text(Setting.CORS_MAX_AGE));
            if (maxAge.isNegative()) {
                problem(Setting.CORS_MAX_AGE, "is negative");
            }
        } catch (IllegalArgumentException e) {
            problem(Setting.CORS_MAX_AGE, e.getMessage());
        }
        return new CorsSettings(origins, patterns, any, List.copyOf(methods), List.copyOf(headers), list(Setting.CORS_EXPOSED_HEADERS),
                credentials, maxAge);
    }

    /** Accepts {@code scheme://host[:port]} or {@code scheme://*.domain[:port]} exactly as browsers serialise origins. */
    private void origin(String entry, Set<String> origins, List<CorsSettings.OriginPattern> patterns) {
        String lower = entry.toLowerCase(Locale.ROOT);
        int schemeEnd = lower.indexOf("://");
        String scheme = schemeEnd > 0 ? lower.substring(0, schemeEnd) : "";
        String rest = schemeEnd > 0 ? lower.substring(schemeEnd + 3) : "";
        if (!scheme.matches("[a-z][a-z0-9+.-]*") || rest.isEmpty()) {
            problem(Setting.CORS_ALLOWED_ORIGINS, "'" + entry + "' is not an origin; write scheme://host[:port],"
                    + " e.g. https://app.example.com");
            return;
        }
        if (rest.contains("/") || rest.contains("?") || rest.contains("#") || rest.contains("@")) {
            problem(Setting.CORS_ALLOWED_ORIGINS, "'" + entry + "' has a path, trailing slash, query or user;"
                    + " an origin is only scheme://host[:port] (browsers send it so, and it is compared exactly)");
            return;
        }
        int colon = rest.lastIndexOf(':');
        String host = colon > 0 && !rest.endsWith("]") ? rest.substring(0, colon) : rest;
        String port = colon > 0 && !rest.endsWith("]") ? rest.substring(colon + 1) : "";
        if (!port.isEmpty() && (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65_535)) {
            problem(Setting.CORS_ALLOWED_ORIGINS, "'" + entry + "' has an invalid port");
            return;
        }
        if (port.equals("443") && scheme.equals("https") || port.equals("80") && scheme.equals("http")) {
            problem(Setting.CORS_ALLOWED_ORIGINS, "'" + entry + "' names the default port, which browsers leave out"
                    + " of the Origin header; write " + scheme + "://" + host);
            return;
        }
        if (host.startsWith("*.")) {
            String domain = host.substring(2);
            if (domain.isEmpty() || domain.contains("*") || !domain.contains(".")) {
                problem(Setting.CORS_ALLOWED_ORIGINS, "'" + entry + "' is too broad or not a pattern; only"
                        + " scheme://*.domain.tld[:port] is supported, never regular expressions");
                return;
            }
            patterns.add(new CorsSettings.OriginPattern(scheme, domain, port));
        } else if (host.contains("*")) {
            problem(Setting.CORS_ALLOWED_ORIGINS, "'" + entry + "': a wildcard may only stand for the subdomains"
                    + " at the start of the host (scheme://*.example.com); never regular expressions");
        } else {
            origins.add(lower);
        }
    }

    private <E extends Enum<E>> E choice(Setting setting, Class<E> type, E fallback) {
        String value = text(setting);
        for (E candidate : type.getEnumConstants()) {
            if (candidate.name().equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        List<String> names = new ArrayList<>();
        for (E candidate : type.getEnumConstants()) {
            names.add(candidate.name().toLowerCase(Locale.ROOT));
        }
        problem(setting, "'" + value + "' is not one of " + String.join(", ", names));
        return fallback;
    }

    private boolean bool(Setting setting) {
        String value = text(setting).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            problem(setting, "'" + value + "' is not true or false");
        }
        return !value.equals("false");
    }

    private List<String> list(Setting setting) {
        List<String> values = new ArrayList<>();
        for (String item : text(setting).split(",")) {
            if (!item.isBlank()) {
                values.add(item.trim());
            }
        }
        return values;
    }

    /** The key of {@code setting} in the block being read. */
    private String keyOf(Setting setting) {
        return prefix.equals(TOP_LEVEL) ? setting.key() : prefix + setting.key().substring(TOP_LEVEL.length());
    }

    /** The effective value: MicroProfile key, its mp.jwt alias, the init-param, then the default. */
    private String text(Setting setting) {
        if (!prefix.equals(TOP_LEVEL)) {
            String value = rawText(keyOf(setting));
            return value.isEmpty() ? setting.defaultValue() : value;
        }
        return present(config.value(setting.key()))
                .or(() -> setting.microProfileKey() == null ? Optional.empty()
                        : present(config.value(setting.microProfileKey())))
                .or(() -> present(initParams.value(setting.key())))
                .orElse(setting.defaultValue())
                .trim();
    }

    private static Optional<String> present(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }

    private void problem(Setting setting, String message) {
        problems.add(keyOf(setting) + ": " + message);
    }
}
