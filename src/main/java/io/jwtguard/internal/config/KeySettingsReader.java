package io.jwtguard.internal.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The keys of one settings block: the verifying key (an HMAC secret in its configured encoding, with the other
 * readings a configuration commonly gets wrong, or a PEM public key or certificate) and the private key the token
 * issuer signs with, which must be the verifying key's pair. Never puts a secret in a message. Not thread-safe;
 * used once per start-up.
 */
final class KeySettingsReader {

    private final SettingValues values;
    private final ClassLoader loader;

    KeySettingsReader(SettingValues values, ClassLoader loader) {
        this.values = values;
        this.loader = loader;
    }

    /** The verifying key: the secret, else the PEM at {@code location}; empty, with a problem, if neither serves. */
    Optional<KeyMaterial> key(String location) {
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
            Supplier<byte[]> decode) {
        try {
            byte[] bytes = decode.get();
            if (bytes.length > 0 && !Arrays.equals(bytes, configured)
                    && readings.stream().noneMatch(other -> Arrays.equals(other.secret(), bytes))) {
                readings.add(new KeyMaterial.OtherReading(reading, fix, bytes));
            }
        } catch (IllegalArgumentException e) {
            // Not valid in that encoding: not a reading the secret could have been meant as.
        }
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
