package io.jwtguard.internal.authn;

import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureGenerationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC algorithm (RFC 7518 §3.2) for java-jwt whose {@link Mac}s are looked up and keyed once, then
 * reused: java-jwt's own HMAC algorithm asks the JCA for a new {@code Mac} and keys it for every token,
 * which costs more than the MAC itself. java-jwt still does the verifying (it calls {@link #verify}, then
 * checks the claims); this only computes and compares the MAC, in constant time. Macs are not thread-safe,
 * so each is used by one thread at a time, taken from and given back to a lock-free pool (no thread-local
 * left behind in a container's threads). Thread-safe.
 */
final class PreparedHmac extends Algorithm {

    private static final byte DOT = '.';

    private final String jcaName;
    private final SecretKeySpec key;
    /** The Mac given back last: taken and given back without the queue's allocation when threads do not overlap. */
    private final AtomicReference<Mac> spare = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Mac> macs = new ConcurrentLinkedQueue<>();

    /**
     * @param name the JWS name, e.g. {@code HS256}
     * @param jcaName the JCA name, e.g. {@code HmacSHA256}
     */
    PreparedHmac(String name, String jcaName, byte[] secret) {
        super(name, jcaName);
        this.jcaName = jcaName;
        this.key = new SecretKeySpec(secret.clone(), jcaName);
        give(take());
    }

    @Override
    public void verify(DecodedJWT jwt) throws SignatureVerificationException {
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(jwt.getSignature());
        } catch (IllegalArgumentException e) {
            throw new SignatureVerificationException(this, e);
        }
        byte[] expected = mac(jwt.getHeader().getBytes(StandardCharsets.US_ASCII),
                jwt.getPayload().getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, presented)) {
            throw new Mismatch(this);
        }
    }

    /**
     * A signature that does not verify: the client's mistake, answered by its reason. Without a stack trace,
     * which would cost more than the MAC in a container's deep stack, and say nothing a reason does not.
     */
    private static final class Mismatch extends SignatureVerificationException {
        Mismatch(Algorithm algorithm) {
            super(algorithm);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    @Override
    public byte[] sign(byte[] headerBytes, byte[] payloadBytes) throws SignatureGenerationException {
        return mac(headerBytes, payloadBytes);
    }

    @Override
    public byte[] sign(byte[] contentBytes) throws SignatureGenerationException {
        Mac mac = take();
        try {
            return mac.doFinal(contentBytes);
        } finally {
            give(mac);
        }
    }

    private byte[] mac(byte[] header, byte[] payload) {
        Mac mac = take();
        try {
            mac.update(header);
            mac.update(DOT);
            return mac.doFinal(payload);
        } finally {
            give(mac);
        }
    }

    private Mac take() {
        Mac mac = spare.getAndSet(null);
        if (mac == null) {
            mac = macs.poll();
        }
        if (mac != null) {
            return mac;
        }
        try {
            Mac fresh = Mac.getInstance(jcaName);
            fresh.init(key);
            return fresh;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides " + jcaName, e);
        }
    }

    private void give(Mac mac) {
        mac.reset();
        if (!spare.compareAndSet(null, mac)) {
            macs.offer(mac);
        }
    }
}
