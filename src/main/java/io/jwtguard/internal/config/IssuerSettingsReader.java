package io.jwtguard.internal.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Settings by concern: the trusted issuers and their keys (a fixed HMAC secret or PEM key, a JWKS URL, or
 * an OpenID discovery authority), the algorithms each allows, their issuer, audience and roles claims, and
 * the private key the token issuer signs with. Never puts a secret in a message. Not thread-safe; used
 * once per start-up.
 */
final class IssuerSettingsReader {

    static final String ISSUERS_PREFIX = "jwtguard.issuers.";
    static final int MIN_RSA_BITS = 2048;

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
        List<String> audiences = values.list(Setting.AUDIENCE);
        boolean validateAudience = values.bool(Setting.AUDIENCE_VALIDATE);
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
        Optional<URI> url = fetchable(Setting.JWKS_URL, jwksUrl);
        Optional<URI> issuerUrl = fetchable(Setting.AUTHORITY, authority);
        Duration connect = values.duration(Setting.JWKS_CONNECT_TIMEOUT, TIMEOUT_WHY);
        Duration read = values.duration(Setting.JWKS_READ_TIMEOUT, TIMEOUT_WHY);
        Duration ttl = values.duration(Setting.JWKS_CACHE_TTL, null);
        Duration interval = values.duration(Setting.JWKS_MIN_REFRESH_INTERVAL, null);
        Duration maxStale = values.duration(Setting.JWKS_MAX_STALE, "a key the provider withdrew keeps working that"
                + " long while it cannot be reached");
        int maxBytes = values.number(Setting.JWKS_MAX_BYTES);
        if (url.isEmpty() && issuerUrl.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new JwksSettings(url, issuerUrl, connect, read, ttl, interval, maxStale, maxBytes));
    }

    private Optional<URI> fetchable(Setting setting, String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            if (uri.getRawUserInfo() != null) {
                // Key URLs are logged with every fetch; credentials in them would be logged too.
                values.problem(setting, "holds credentials (user:password@); key sets are public, remove them");
                return Optional.empty();
            }
            if (!JwksSettings.allowed(uri)) {
                values.problem(setting, "'" + value + "' must be an https URL (plain http only to a loopback host);"
                        + " keys fetched over http could be replaced by anyone on the path");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            values.problem(setting, "'" + value + "' is not a URL");
            return Optional.empty();
        }
    }

    private static final String TIMEOUT_WHY = "request threads wait this long at most, keep it under a minute";

    /** JWKS keys are public keys: RS256 unless configured; never an HMAC algorithm. */
    private List<SignatureAlgorithm> jwksAlgorithms() {
        List<SignatureAlgorithm> algorithms = new ArrayList<>();
        List<String> names = values.list(Setting.ALGORITHMS);
        for (String name : names.isEmpty() ? List.of("RS256") : names) {
            Optional<SignatureAlgorithm> algorithm = SignatureAlgorithm.named(name);
            if (name.equalsIgnoreCase("none")) {
                values.problem(Setting.ALGORITHMS, "'none' means unsigned tokens anyone can forge; remove it");
            } else if (algorithm.isEmpty()) {
                values.problem(Setting.ALGORITHMS, "'" + name + "' is not a supported algorithm; use one of "
                        + SignatureAlgorithm.supportedNames() + " (names are case-sensitive)");
            } else if (algorithm.get().keyKind() == KeyMaterial.Kind.HMAC) {
                values.problem(Setting.ALGORITHMS, algorithm.get() + " needs a shared secret, which a JWKS never"
                        + " publishes; use RS*, PS* or ES* with JWKS");
            } else if (!algorithms.contains(algorithm.get())) {
                algorithms.add(algorithm.get());
            }
        }
        return algorithms;
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

    private Optional<KeyMaterial> key(String location) {
        String secret = values.text(Setting.KEY);
        if (secret.isEmpty() && location.isEmpty()) {
            values.problem(Setting.KEY, "no key to verify tokens with; set the HMAC secret in the environment"
                    + " (JWTGUARD_KEY, at least 32 bytes for HS256), " + values.keyOf(Setting.KEY_LOCATION)
                    + " to a PEM public key or certificate (file:... or classpath:...), or "
                    + values.keyOf(Setting.JWKS_URL) + " / " + values.keyOf(Setting.AUTHORITY) + " for an identity provider");
            return Optional.empty();
        }
        if (!secret.isEmpty()) {
            return decodeSecret(secret).map(bytes -> KeyMaterial.hmac(bytes, otherReadings(secret, bytes)));
        }
        try {
            PublicKey publicKey = Pem.publicKey(Pem.read(location, loader));
            return Optional.of(KeyMaterial.publicKey(publicKey));
        } catch (IOException e) {
            values.problem(Setting.KEY_LOCATION, "cannot read '" + location + "': " + e.getMessage());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            values.problem(Setting.KEY_LOCATION, "'" + location + "' holds no usable public key: " + e.getMessage());
        }
        return Optional.empty();
    }

    private Optional<byte[]> decodeSecret(String secret) {
        String encoding = values.text(Setting.KEY_ENCODING).toLowerCase(Locale.ROOT);
        try {
            return switch (encoding) {
                case "utf8", "utf-8" -> Optional.of(secret.getBytes(StandardCharsets.UTF_8));
                case "base64" -> Optional.of(Base64.getDecoder().decode(secret.trim()));
                case "base64url" -> Optional.of(Base64.getUrlDecoder().decode(secret.trim()));
                default -> {
                    values.problem(Setting.KEY_ENCODING, "'" + encoding + "' is not an encoding; use utf8, base64 or base64url");
                    yield Optional.empty();
                }
            };
        } catch (IllegalArgumentException e) {
            values.problem(Setting.KEY, "the secret is not valid " + encoding + " (" + values.keyOf(Setting.KEY_ENCODING) + "="
                    + encoding + "); the value itself is not shown");
            return Optional.empty();
        }
    }

    /**
     * The secret read the other ways a configuration commonly gets wrong, each with the setting that would pick it:
     * text for Base64 and the reverse, Base64URL for Base64, the text with the trailing newline a file or an
     * {@code echo} leaves. Readings equal to the configured one are left out.
     */
    private List<KeyMaterial.OtherReading> otherReadings(String secret, byte[] configured) {
        String encoding = values.keyOf(Setting.KEY_ENCODING);
        List<KeyMaterial.OtherReading> readings = new ArrayList<>();
        addReading(readings, configured, "read as text", "set " + encoding + "=utf8",
                () -> secret.getBytes(StandardCharsets.UTF_8));
        addReading(readings, configured, "read as base64", "set " + encoding + "=base64",
                () -> Base64.getDecoder().decode(secret.trim()));
        addReading(readings, configured, "read as base64url", "set " + encoding + "=base64url",
                () -> Base64.getUrlDecoder().decode(secret.trim()));
        // JwtGuard trims the configured secret; an issuer that read it from a file may sign with the newline kept.
        addReading(readings, configured, "as text with a trailing newline", "the token's issuer signs with a newline"
                + " after the secret (read from a file?): strip it there", () -> (secret + "\n").getBytes(StandardCharsets.UTF_8));
        return readings;
    }

    private static void addReading(List<KeyMaterial.OtherReading> readings, byte[] configured, String reading, String fix,
            java.util.function.Supplier<byte[]> decode) {
        try {
            byte[] bytes = decode.get();
            if (bytes.length > 0 && !java.util.Arrays.equals(bytes, configured)
                    && readings.stream().noneMatch(other -> java.util.Arrays.equals(other.secret(), bytes))) {
                readings.add(new KeyMaterial.OtherReading(reading, fix, bytes));
            }
        } catch (IllegalArgumentException e) {
            // Not valid in that encoding: not a reading the secret could have been meant as.
        }
    }

    private List<SignatureAlgorithm> algorithms(KeyMaterial key) {
        List<String> names = values.list(Setting.ALGORITHMS);
        List<SignatureAlgorithm> algorithms = new ArrayList<>();
        if (names.isEmpty()) {
            defaultAlgorithm(key).ifPresent(algorithms::add);
        }
        for (String name : names) {
            Optional<SignatureAlgorithm> algorithm = SignatureAlgorithm.named(name.trim());
            if (name.trim().equalsIgnoreCase("none")) {
                values.problem(Setting.ALGORITHMS, "'none' means unsigned tokens anyone can forge; remove it");
            } else if (algorithm.isEmpty()) {
                values.problem(Setting.ALGORITHMS, "'" + name + "' is not a supported algorithm; use one of "
                        + SignatureAlgorithm.supportedNames() + " (names are case-sensitive)");
            } else if (!algorithms.contains(algorithm.get())) {
                algorithms.add(algorithm.get());
            }
        }
        Set<KeyMaterial.Kind> kinds = new LinkedHashSet<>();
        algorithms.forEach(a -> kinds.add(a.keyKind()));
        if (kinds.contains(KeyMaterial.Kind.HMAC) && kinds.size() > 1) {
            values.problem(Setting.ALGORITHMS, "HMAC and public-key algorithms are mixed (" + algorithms + "); a key is"
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
                    values.problem(Setting.KEY_LOCATION, "the EC key is on a " + bits + "-bit curve; JWS allows only"
                            + " P-256, P-384 and P-521");
                }
                yield algorithm;
            }
        };
    }

    private void checkKeyFits(SignatureAlgorithm algorithm, KeyMaterial key) {
        if (algorithm.keyKind() != key.kind()) {
            values.problem(Setting.ALGORITHMS, algorithm + " needs " + describe(algorithm.keyKind()) + " but the configured"
                    + " key is " + describe(key.kind()) + "; set " + values.keyOf(Setting.ALGORITHMS)
                    + " to match the key, or configure the right key");
            return;
        }
        switch (key.kind()) {
            case HMAC -> {
                if (key.secretLength() < algorithm.minimumSecretBytes()) {
                    values.problem(Setting.KEY, "the HMAC secret is " + key.secretLength() + " bytes but " + algorithm
                            + " needs at least " + algorithm.minimumSecretBytes() + " (RFC 7518 3.2); generate one"
                            + " with: openssl rand -base64 " + algorithm.minimumSecretBytes()
                            + " (and set " + values.keyOf(Setting.KEY_ENCODING) + "=base64)");
                }
            }
            case RSA -> {
                int bits = ((RSAPublicKey) key.publicKey()).getModulus().bitLength();
                if (bits < MIN_RSA_BITS) {
                    values.problem(Setting.KEY_LOCATION, "the RSA key has " + bits + " bits; at least " + MIN_RSA_BITS
                            + " are required (RFC 7518 3.3)");
                }
            }
            case EC -> {
                int bits = ((ECPublicKey) key.publicKey()).getParams().getCurve().getField().getFieldSize();
                if (bits != algorithm.curveBits()) {
                    values.problem(Setting.ALGORITHMS, algorithm + " needs a P-" + algorithm.curveBits()
                            + " key but the configured EC key is on a " + bits + "-bit curve");
                }
            }
        }
    }

    private String describe(KeyMaterial.Kind kind) {
        return switch (kind) {
            case HMAC -> "an HMAC secret (" + values.keyOf(Setting.KEY) + ")";
            case RSA -> "an RSA public key (" + values.keyOf(Setting.KEY_LOCATION) + ")";
            case EC -> "an EC public key (" + values.keyOf(Setting.KEY_LOCATION) + ")";
        };
    }

    private List<String> claimPath(String path) {
        List<String> segments = List.of(path.split("\\.", -1));
        if (path.isEmpty() || segments.stream().anyMatch(String::isBlank)) {
            values.problem(Setting.ROLES_CLAIM, "'" + path + "' is not a claim path; write e.g. roles, groups or"
                    + " realm_access.roles");
        }
        return segments;
    }

    /**
     * The private key to sign tokens with, when one is configured; it must be the pair of the public key tokens are
     * verified with ({@code trusted}'s first issuer), or every token it signed would be refused.
     */
    Optional<PrivateKey> signingKey(List<IssuerSettings> trusted) {
        String location = values.text(Setting.SIGNING_KEY_LOCATION);
        if (location.isEmpty()) {
            return Optional.empty();
        }
        try {
            PrivateKey key = Pem.privateKey(Pem.read(location, loader));
            Optional<PublicKey> verifying = trusted.isEmpty() ? Optional.empty() : trusted.get(0).key()
                    .filter(material -> material.kind() != KeyMaterial.Kind.HMAC).map(KeyMaterial::publicKey);
            if (verifying.isPresent() && !pair(key, verifying.get())) {
                values.problem(Setting.SIGNING_KEY_LOCATION, "the private key in '" + location + "' is not the pair"
                        + " of the public key tokens are verified with (" + values.keyOf(Setting.KEY_LOCATION)
                        + "), so every token it signed would be refused with invalid_signature; give the matching"
                        + " private key");
                return Optional.empty();
            }
            return Optional.of(key);
        } catch (IOException e) {
            values.problem(Setting.SIGNING_KEY_LOCATION, "cannot read '" + location + "': " + e.getMessage());
        } catch (GeneralSecurityException e) {
            values.problem(Setting.SIGNING_KEY_LOCATION, "'" + location + "' holds no usable private key: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Whether a signature the private key makes verifies with the public key. */
    private static boolean pair(PrivateKey privateKey, PublicKey publicKey) {
        String algorithm = privateKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            byte[] probe = "jwtguard key pair probe".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a private key of one kind and a public key of another: not a pair
        }
    }
}
