package io.jwtguard.internal.dpop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server nonces (RFC 9449 §8): a nonce is the number of the current period of {@code jwtguard.dpop.nonce-lifetime}
 * and an HMAC of it, so it changes every period and any instance can check one without remembering it. The HMAC's
 * secret is shared through the revocation store ({@link ProofStore#shared}): every instance that shares the store
 * accepts every other's nonces. A nonce is accepted in its own period and the next (and the one before, for an
 * instance whose clock runs a little behind another's). Thread-safe.
 */
final class Nonces {

    static final String SECRET_KEY = "dpop-nonce-secret";
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final ProofStore store;
    private final Clock clock;
    private final long periodMillis;
    private final SecureRandom random = new SecureRandom();
    /** The secret and the period it was last read from the store in; replaced whole. */
    private volatile Secret secret;

    private record Secret(SecretKeySpec key, long period) {
    }

    Nonces(ProofStore store, Clock clock, Duration lifetime) {
        this.store = store;
        this.clock = clock;
        this.periodMillis = lifetime.toMillis();
    }

    /** The nonce to give a client now. @throws IOException when no secret could be had from the store */
    String current() throws IOException {
        long period = period();
        return make(secret(period), period);
    }

    /** Whether {@code nonce} is one of this server's, of this period, the one before or the next. */
    boolean valid(String nonce) throws IOException {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (bytes.length != Long.BYTES + MAC_BYTES) {
            return false;
        }
        long made = ByteBuffer.wrap(bytes, 0, Long.BYTES).getLong();
        long now = period();
        if (made < now - 1 || made > now + 1) {
            return false;
        }
        byte[] expected = mac(secret(now), made);
        return MessageDigest.isEqual(Arrays.copyOfRange(bytes, Long.BYTES, bytes.length), expected);
    }

    private long period() {
        return Math.floorDiv(clock.millis(), periodMillis);
    }

    /**
     * The shared secret, read again from the store once per period (so a store that lost its data and has a new one
     * is followed); while the store cannot answer, the secret read before is kept.
     */
    private SecretKeySpec secret(long period) throws IOException {
        Secret known = secret;
        if (known != null && known.period() == period) {
            return known.key();
        }
        byte[] proposed = new byte[32];
        random.nextBytes(proposed);
        try {
            String shared = store.shared(SECRET_KEY, ENCODER.encodeToString(proposed));
            SecretKeySpec key = new SecretKeySpec(Base64.getUrlDecoder().decode(shared), "HmacSHA256");
            secret = new Secret(key, period);
            return key;
        } catch (IOException | IllegalArgumentException e) {
            if (known != null) {
                return known.key();
            }
            throw e instanceof IOException io ? io : new IOException("the shared DPoP nonce secret is not base64url");
        }
    }

    private static String make(SecretKeySpec key, long period) {
        byte[] nonce = ByteBuffer.allocate(Long.BYTES + MAC_BYTES).putLong(period).put(mac(key, period)).array();
        return ENCODER.encodeToString(nonce);
    }

    private static byte[] mac(SecretKeySpec key, long period) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(period).array()), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
