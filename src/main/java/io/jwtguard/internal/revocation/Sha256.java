package io.jwtguard.internal.revocation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** SHA-256 in base64url: how refresh tokens are kept and revocations named in a store. Stateless. */
public final class Sha256 {

    private Sha256() {
    }

    /** The digest of {@code text}'s UTF-8; a refresh token has 256 random bits, so a plain hash suffices. */
    public static String base64Url(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
