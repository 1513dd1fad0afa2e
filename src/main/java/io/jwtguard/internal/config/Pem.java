package io.jwtguard.internal.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Reads keys from PEM text (RFC 7468): SPKI {@code PUBLIC KEY}, X.509 {@code CERTIFICATE} and PKCS#8
 * {@code PRIVATE KEY}, RSA or EC, and resolves {@code file:} / {@code classpath:} locations.
 * Stateless and thread-safe. Messages describe the problem, never the key bytes.
 */
final class Pem {

    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC");

    private Pem() {
    }

    /** The text at a {@code file:} or {@code classpath:} location (a bare path is a file). */
    static String read(String location, ClassLoader loader) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            resource = resource.startsWith("/") ? resource.substring(1) : resource;
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no resource '" + resource + "' on the application's class path");
                }
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        }
        if (location.startsWith("http:") || location.startsWith("https:")) {
            throw new IOException("a URL; give a file: or classpath: location of a PEM file");
        }
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
    }

    static PublicKey publicKey(String pem) throws GeneralSecurityException {
        if (pem.contains("-----BEGIN CERTIFICATE-----")) {
            byte[] der = body(pem, "CERTIFICATE");
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
        }
        if (pem.contains("-----BEGIN RSA PUBLIC KEY-----")) {
            throw new GeneralSecurityException("a PKCS#1 'RSA PUBLIC KEY'; convert it to 'PUBLIC KEY' with"
                    + " openssl rsa -RSAPublicKey_in -pubout");
        }
        X509EncodedKeySpec spec = new X509EncodedKeySpec(body(pem, "PUBLIC KEY"));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (GeneralSecurityException e) {
                // try the next key type
            }
        }
        throw new GeneralSecurityException("not an RSA or EC public key");
    }

    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        if (pem.contains("-----BEGIN RSA PRIVATE KEY-----") || pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new GeneralSecurityException("a PKCS#1/SEC1 key; convert it to 'PRIVATE KEY' (PKCS#8) with"
                    + " openssl pkcs8 -topk8 -nocrypt");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(body(pem, "PRIVATE KEY"));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next key type
            }
        }
        throw new GeneralSecurityException("not an RSA or EC private key");
    }

    private static byte[] body(String pem, String label) throws GeneralSecurityException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException("no '" + begin + "' block");
        }
        String base64 = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the '" + label + "' block is not valid base64");
        }
    }
}
