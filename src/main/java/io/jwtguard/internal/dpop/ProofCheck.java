package io.jwtguard.internal.dpop;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.PresentedToken;
import io.jwtguard.internal.config.DpopSettings;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.diagnostics.Text;
import io.jwtguard.internal.diagnostics.TokenFacts;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The proof-of-possession step of authentication (RFC 9449 §4.3, §7): run on a verified caller, it refuses a
 * DPoP-bound token ({@code cnf.jkt}) that comes without its proof, a proof that fails any check, and, with
 * {@code jwtguard.dpop=required}, a bearer token. A proof passes when it is one compact JWT of type {@code dpop+jwt},
 * signed with an allowed asymmetric algorithm by the public key it carries, made for this method and URL, fresh, for
 * this token ({@code ath}), by the key the token is bound to, with a current nonce when nonces are on, and never seen
 * before: its {@code jti} is recorded in the revocation store, so a replay is refused on every instance sharing it.
 * While the store cannot answer, {@code jwtguard.revocation.on-store-failure} decides, as for sign-outs.
 * Each check's failure has its own reason. Returns a decision; writes nothing. Thread-safe.
 */
public final class ProofCheck {

    static final String HEADER = "DPoP";
    /** The longest proof read: an RSA-4096 proof with its key is under 2 KB. */
    static final int MAX_PROOF_LENGTH = 8192;
    /** The longest {@code jti} recorded. */
    static final int MAX_JTI_LENGTH = 256;
    private static final long WARN_EVERY_MILLIS = 60_000;
    private static final System.Logger LOG = System.getLogger("io.jwtguard");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** Never updated: only copied ({@link #sha256()}). */
    private static final MessageDigest SHA256 = newSha256();

    private final DpopSettings settings;
    private final long maxAgeMillis;
    private final long skewMillis;
    private final Clock clock;
    private final ProofStore store;
    private final boolean refuseWhenStoreFails;
    private final RequestUrl url;
    private final Nonces nonces;
    private final AtomicLong lastWarnedMillis = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong admittedWithoutStore = new AtomicLong();

    public ProofCheck(Settings settings, Clock clock, ProofStore store) {
        this.settings = settings.dpop();
        this.maxAgeMillis = this.settings.maxAge().toMillis();
        this.skewMillis = settings.clockSkew().toMillis();
        this.clock = clock;
        this.store = store;
        this.refuseWhenStoreFails = settings.revocation().refuseWhenStale();
        this.url = new RequestUrl(this.settings.trustedProxies());
        this.nonces = this.settings.nonce() ? new Nonces(store, clock, this.settings.nonceLifetime()) : null;
    }

    /**
     * The authentication with proof of possession applied: unchanged for anything but a verified caller, and for
     * every request while DPoP is off.
     */
    public AuthenticationResult check(HttpServletRequest request, AuthenticationResult authentication) {
        if (!settings.on() || authentication.kind() != AuthenticationResult.Kind.AUTHENTICATED) {
            return authentication;
        }
        String boundKey = authentication.ids().boundKey();
        String header = onlyAuthorization(request);
        if (boundKey == null && settings.mode() == DpopSettings.Mode.ALLOWED
                && PresentedToken.schemeOf(header) != PresentedToken.Scheme.DPOP) {
            return authentication; // The usual bearer token: nothing to prove, nothing copied.
        }
        PresentedToken presented = PresentedToken.of(header);
        Failure refused = binding(presented, boundKey);
        if (refused == null && presented.scheme() == PresentedToken.Scheme.DPOP) {
            refused = verify(values(request.getHeaders(HEADER)), request.getMethod(), url.of(request),
                    presented.token(), boundKey, true, ProofTrace.NONE);
        }
        return refused == null ? authentication : AuthenticationResult.refusedBy(refused);
    }

    /**
     * The doctor's run of {@link #check} for a token that verified: the same decisions, every proof check's verdict
     * told to {@code trace}, and the nonce and replay skipped (only a running server has the store they need).
     *
     * @param url the URL the client called
     * @return the failure, or null when the filter would go on
     */
    public Failure diagnose(PresentedToken presented, String boundKey, List<String> proofs, String method, String url,
            ProofTrace trace) {
        if (!settings.on()) {
            return null;
        }
        Failure refused = binding(presented, boundKey);
        if (refused != null) {
            trace.failed("token and scheme", refused);
            return refused;
        }
        if (presented.scheme() != PresentedToken.Scheme.DPOP) {
            return null;
        }
        String normal = RequestUrl.normalHtu(url);
        return verify(proofs, method, normal == null ? url : normal, presented.token(), boundKey, false, trace);
    }

    /** What the scheme and the token's binding decide before any proof is read; null: go on. */
    private Failure binding(PresentedToken presented, String boundKey) {
        if (presented.scheme() != PresentedToken.Scheme.DPOP) {
            if (boundKey != null) {
                return Failure.of(Reason.DPOP_BOUND_TOKEN_AS_BEARER, "the token is bound to a DPoP key (cnf.jkt);"
                        + " send it as 'Authorization: DPoP <token>' with a 'DPoP' proof");
            }
            if (settings.mode() == DpopSettings.Mode.REQUIRED) {
                return Failure.of(Reason.DPOP_REQUIRED, "this API accepts DPoP-bound tokens only; send"
                        + " 'Authorization: DPoP <token>' with a 'DPoP' proof");
            }
            return null;
        }
        if (boundKey == null) {
            return Failure.of(Reason.DPOP_TOKEN_NOT_BOUND, "the token is not bound to a DPoP key (it has no cnf.jkt);"
                    + " send it as 'Authorization: Bearer <token>'");
        }
        return null;
    }

    /**
     * Every check of one proof, in RFC 9449 §4.3's order, the replay last (only a proof that passed all the others is
     * recorded).
     *
     * @param proofs the request's {@code DPoP} header values
     * @param requestUrl the request's URL in {@link RequestUrl}'s normal form
     * @param boundKey the token's {@code cnf.jkt}
     * @param withStore whether to check the nonce and the replay (the doctor has no store)
     * @return the failure, or null when the proof passed
     */
    Failure verify(List<String> proofs, String method, String requestUrl, String token, String boundKey,
            boolean withStore, ProofTrace trace) {
        if (proofs.size() != 1) {
            return fail(trace, "one DPoP header", proofs.isEmpty()
                    ? Failure.of(Reason.DPOP_PROOF_MISSING, "the DPoP scheme needs one 'DPoP' header with a proof")
                    : Failure.of(Reason.DPOP_PROOF_MALFORMED, "the request has " + proofs.size()
                            + " DPoP headers; send exactly one"));
        }
        trace.passed("one DPoP header");
        String proof = proofs.get(0).strip();
        DecodedJWT jwt;
        try {
            jwt = proof.length() > MAX_PROOF_LENGTH ? null : JWT.decode(proof);
        } catch (JWTDecodeException | IllegalArgumentException e) {
            jwt = null;
        }
        if (jwt == null || !"dpop+jwt".equals(jwt.getType() == null ? null : Settings.mediaType(jwt.getType()))) {
            return fail(trace, "a JWT of type dpop+jwt", malformed(jwt == null
                    ? "the DPoP header is not a compact JWT of at most " + MAX_PROOF_LENGTH + " characters"
                    : "the proof's typ is not dpop+jwt"));
        }
        trace.passed("a JWT of type dpop+jwt");
        String algorithm = jwt.getAlgorithm();
        if (algorithm == null || !settings.algorithms().contains(algorithm)) {
            return fail(trace, "algorithm allowed", Failure.of(Reason.DPOP_ALGORITHM_NOT_ALLOWED, "the proof's alg '"
                    + Text.shortValue(String.valueOf(algorithm)) + "' is not accepted; sign with one of "
                    + String.join(" ", settings.algorithms())));
        }
        trace.passed("algorithm allowed");
        ProofKey key;
        try {
            key = ProofKey.read(jwt.getHeaderClaim("jwk").asMap(), algorithm);
        } catch (ProofKey.Invalid | JWTDecodeException e) {
            return fail(trace, "public key in jwk", Failure.of(Reason.DPOP_KEY_INVALID, e instanceof ProofKey.Invalid
                    ? e.getMessage() : "the proof's jwk is not a JSON object"));
        }
        trace.passed("public key in jwk");
        if (!signed(jwt, algorithm, key)) {
            return fail(trace, "signature", Failure.of(Reason.DPOP_SIGNATURE_INVALID,
                    "the proof's signature does not verify with the key in its jwk"));
        }
        trace.passed("signature");
        String jti = jwt.getId();
        String htm = jwt.getClaim("htm").asString();
        String htu = jwt.getClaim("htu").asString();
        Instant iat = jwt.getIssuedAtAsInstant();
        if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH || htm == null || htu == null || iat == null) {
            return fail(trace, "claims jti, htm, htu, iat", malformed("the proof needs the claims jti (at most "
                    + MAX_JTI_LENGTH + " characters), htm, htu and iat"));
        }
        trace.passed("claims jti, htm, htu, iat");
        if (!htm.equals(method)) {
            return fail(trace, "htm is the method", Failure.of(Reason.DPOP_METHOD_MISMATCH, "the proof was made for '"
                    + Text.shortValue(htm) + "', not for this " + Text.shortValue(method) + " request"));
        }
        trace.passed("htm is the method");
        String proofUrl = RequestUrl.normalHtu(htu);
        if (!requestUrl.equals(proofUrl)) {
            return fail(trace, "htu is the URL", new Failure(Reason.DPOP_URL_MISMATCH,
                    "the proof's htu is not the URL of this request", "this request's URL is " + requestUrl,
                    TokenFacts.NONE, "htu " + Text.shortValue(htu) + " but the request's URL is " + requestUrl
                            + (settings.trustedProxies().none() ? " (no jwtguard.trusted-proxies)" : "")));
        }
        trace.passed("htu is the URL");
        if (nonces != null) {
            if (!withStore) {
                trace.skipped("nonce", "checked against the shared nonce secret, which only a running server has");
            } else {
                Failure nonce = nonce(jwt.getClaim("nonce").asString());
                if (nonce != null) {
                    return fail(trace, "nonce", nonce);
                }
                trace.passed("nonce");
            }
        }
        long now = clock.millis();
        long issued = iat.toEpochMilli();
        if (issued < now - maxAgeMillis - skewMillis || issued > now + skewMillis) {
            return fail(trace, "iat within max-age", Failure.of(Reason.DPOP_PROOF_EXPIRED, issued > now
                    ? "the proof's iat is " + (issued - now) / 1000 + " s in the future; check the client's clock"
                    : "the proof was made " + (now - issued) / 1000 + " s ago, more than the "
                            + maxAgeMillis / 1000 + " s a proof is accepted for"));
        }
        trace.passed("iat within max-age");
        String ath = jwt.getClaim("ath").asString();
        if (ath == null || !MessageDigest.isEqual(ath.getBytes(StandardCharsets.US_ASCII),
                hash(token).getBytes(StandardCharsets.US_ASCII))) {
            return fail(trace, "ath is the token's hash", Failure.of(Reason.DPOP_TOKEN_HASH_MISMATCH, ath == null
                    ? "the proof has no ath (the hash of the access token it is sent with)"
                    : "the proof's ath is not the hash of the access token it is sent with"));
        }
        trace.passed("ath is the token's hash");
        if (!MessageDigest.isEqual(key.thumbprint().getBytes(StandardCharsets.US_ASCII),
                boundKey.getBytes(StandardCharsets.US_ASCII))) {
            return fail(trace, "cnf.jkt is the key's thumbprint", Failure.of(Reason.DPOP_KEY_MISMATCH,
                    "the token is bound to another key than the proof's (cnf.jkt is not its RFC 7638 thumbprint)"));
        }
        trace.passed("cnf.jkt is the key's thumbprint");
        if (!withStore) {
            trace.skipped("jti not seen before", "recorded in the revocation store, which only a running server has");
            return null;
        }
        Failure replay = replay(key.thumbprint(), jti, Instant.ofEpochMilli(issued + maxAgeMillis + skewMillis));
        if (replay != null) {
            return fail(trace, "jti not seen before", replay);
        }
        trace.passed("jti not seen before");
        return null;
    }

    private Failure nonce(String nonce) {
        try {
            if (nonce != null && nonces.valid(nonce)) {
                return null;
            }
            return new Failure(Reason.DPOP_NONCE_REQUIRED, nonce == null ? "this API needs a server nonce in the proof;"
                    + " retry with the DPoP-Nonce this answer gives" : "the proof's nonce is not current; retry with"
                    + " the DPoP-Nonce this answer gives", "", TokenFacts.NONE, "", "", "", nonces.current());
        } catch (IOException e) {
            return storeFailed("the nonce secret", e);
        }
    }

    private Failure replay(String thumbprint, String jti, Instant expiresAt) {
        try {
            if (store.recordOnce(replayKey(thumbprint, jti), expiresAt)) {
                return null;
            }
            return Failure.of(Reason.DPOP_PROOF_REPLAYED, "the proof was used before; make a fresh proof, with a new"
                    + " jti, for each request");
        } catch (IOException e) {
            return storeFailed("used proofs", e);
        }
    }

    /** A failed store: refused as a server fault, or with {@code on-store-failure=allow} admitted and logged. */
    private Failure storeFailed(String what, IOException e) {
        if (refuseWhenStoreFails) {
            return Failure.serverFault(Reason.DPOP_UNAVAILABLE, "the server cannot tell whether the proof was used"
                    + " before; this is a server fault, retry later", "the revocation store failed reading " + what
                    + ": " + e.getMessage());
        }
        long admitted = admittedWithoutStore.incrementAndGet();
        long now = clock.millis();
        long last = lastWarnedMillis.get();
        if ((last == Long.MIN_VALUE || now - last >= WARN_EVERY_MILLIS) && lastWarnedMillis.compareAndSet(last, now)) {
            LOG.log(System.Logger.Level.WARNING, "JwtGuard: admitted a DPoP proof without its " + what + " check"
                    + " (jwtguard.revocation.on-store-failure=allow; " + admitted + " since start): " + e.getMessage());
        }
        return null;
    }

    /** The key a used proof is recorded under: 128 bits of the hash of its key's thumbprint and its {@code jti}. */
    static String replayKey(String thumbprint, String jti) {
        MessageDigest sha256 = sha256();
        sha256.update(thumbprint.getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) ' ');
        byte[] hash = sha256.digest(jti.getBytes(StandardCharsets.UTF_8));
        return BASE64URL.encodeToString(java.util.Arrays.copyOf(hash, 16));
    }

    /** RFC 9449 §4.2 {@code ath}: the base64url SHA-256 of the token's ASCII. */
    static String hash(String token) {
        return BASE64URL.encodeToString(sha256().digest(token.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A fresh SHA-256: a copy of an unused one, which skips the provider lookup each new one costs. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (GeneralSecurityException missing) {
                throw new IllegalStateException("SHA-256 is part of every JDK", missing);
            }
        }
    }

    private static boolean signed(DecodedJWT jwt, String algorithm, ProofKey key) {
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(jwt.getSignature());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] input = (jwt.getHeader() + '.' + jwt.getPayload()).getBytes(StandardCharsets.US_ASCII);
        return ProofSignature.verifies(algorithm, key.key(), input, signature);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Failure malformed(String description) {
        return Failure.of(Reason.DPOP_PROOF_MALFORMED, description);
    }

    private static Failure fail(ProofTrace trace, String check, Failure failure) {
        trace.failed(check, failure);
        return failure;
    }

    /** The request's one {@code Authorization} header, or null for none or several (then the token came otherwise). */
    private static String onlyAuthorization(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders("Authorization");
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        return values.hasMoreElements() ? null : first;
    }

    private static List<String> values(Enumeration<String> headers) {
        if (headers == null || !headers.hasMoreElements()) {
            return List.of();
        }
        String first = headers.nextElement();
        if (!headers.hasMoreElements()) {
            return List.of(first);
        }
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(Collections.list(headers));
        return all;
    }

    /** Proofs admitted without the store's check while it failed ({@code on-store-failure=allow}), since start. */
    public long admittedWithoutStore() {
        return admittedWithoutStore.get();
    }

    /** What this check applies, for the start-up line: the mode, and its algorithms, maximum age, nonces and proxies. */
    public String describe() {
        return switch (settings.mode()) {
            case OFF -> "off";
            case ALLOWED, REQUIRED -> settings.mode().name().toLowerCase(java.util.Locale.ROOT) + " (algs "
                    + String.join(" ", settings.algorithms()) + ", max-age " + maxAgeMillis / 1000 + " s"
                    + (nonces != null ? ", nonces" : "") + (settings.trustedProxies().none() ? ""
                    : ", trusted proxies " + settings.trustedProxies()) + ")";
        };
    }
}
