package io.jwtguard.internal.revocation;

import io.jwtguard.RevocationStore;
import io.jwtguard.RevocationStore.Entry;
import io.jwtguard.RevocationStore.RefreshGrant;
import io.jwtguard.TokenIssuer.RefreshRefused;
import io.jwtguard.internal.diagnostics.Text;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The refresh tokens' grants: issued with a session's access token, rotated at each exchange, and a replay revoking
 * the whole session on every instance (RFC 9700, section 4.14.2). A token's first 128 bits are its family's key
 * (random, in no access token, so a {@code sid} alone cannot make one), the other 128 its own secret; the family key
 * finds the family's one reuse marker when a used token comes back, so a used grant need not be kept: per family the
 * store holds one grant and one marker, however many times it rotated. {@code lifetime} is the refresh tokens'.
 * Thread-safe: no state of its own but the random source's.
 */
record RefreshTokens(Duration lifetime, Clock clock, Replica replica, Subjects subjects, CurrentStore store,
        Logouts logouts, SecureRandom random) {

    private static final System.Logger LOG = System.getLogger("io.jwtguard");

    /**
     * When a token for {@code subject} issued now is to say it was issued: now, or just at the subject's sign-out
     * everywhere when this instance knows of one that its clock has not reached (it was signed out on an instance
     * whose clock runs ahead), so that a token issued after a known sign-out is never refused by it.
     */
    Instant issueInstant(String issuer, String subject) {
        Instant now = clock.instant();
        long signedOut = replica.signedOutAt(issuer, subject);
        return signedOut > now.toEpochMilli() ? Instant.ofEpochMilli(signedOut) : now;
    }

    /**
     * A new refresh token for {@code family}, its grant saved (hashed) in the store, with the family's reuse marker.
     * Past the subject's cap of live sessions, the oldest is signed out.
     *
     * @param previous the refresh token this one replaces, {@code null} for a new session
     * @throws IOException when the store cannot save it
     */
    String newToken(String family, String subject, List<String> roles, String issuer, String previous)
            throws IOException {
        byte[] familyKey = previous == null ? null : familyKey(previous);
        if (familyKey == null) {
            familyKey = new byte[16];
            random.nextBytes(familyKey);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        System.arraycopy(familyKey, 0, bytes, 0, 16);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = issueInstant(issuer, subject);
        Instant expires = now.plus(lifetime);
        RevocationStore current = store.get();
        String grantKey = Sha256.base64Url(token);
        String markerKey = markerKey(familyKey);
        current.saveRefreshGrant(grantKey, new RefreshGrant(family, subject, roles, now, expires, false));
        current.saveRefreshGrant(markerKey, new RefreshGrant(family, subject, List.of(), now, expires, false));
        Subjects.Overflow over = subjects.issued(issuer, subject,
                new Subjects.Family(family, grantKey, markerKey, expires.toEpochMilli()));
        List<Entry> revoked = new ArrayList<>();
        for (Subjects.Family oldest : over.families()) {
            // Past the cap of live sessions: the oldest is signed out, never silently forgotten.
            logouts.revokeSession(issuer, oldest.family());
            revoked.addAll(logouts.sessionEntry(issuer, oldest.family()));
            logouts.removeFamily(oldest);
        }
        logouts.counted(issuer, subject, revoked);
        return token;
    }

    /**
     * The family key of a refresh token: its first 128 bits (the other 128 are the token's own secret), or
     * {@code null} when it is not a token's shape. A token issued before family keys existed has one too, whose
     * marker is never found: it is answered by its own grant, kept as before.
     */
    private static byte[] familyKey(String refreshToken) {
        if (refreshToken.length() != 43) {
            return null;
        }
        try {
            return Arrays.copyOf(Base64.getUrlDecoder().decode(refreshToken), 16);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String markerKey(byte[] familyKey) {
        return "family-" + Sha256.base64Url("family|" + Base64.getUrlEncoder().withoutPadding().encodeToString(familyKey));
    }

    /**
     * Uses up {@code refreshToken} and answers its grant. A token used before revokes its whole session, on every
     * instance: found by its grant while a concurrent exchange has not removed it yet, then by its family's marker.
     *
     * @param issuer the {@code iss} of the access tokens issued from it
     */
    RefreshGrant redeem(String refreshToken, String issuer) throws RefreshRefused {
        RevocationStore current;
        RefreshGrant grant;
        RefreshGrant marker = null;
        String grantKey = Sha256.base64Url(refreshToken);
        byte[] familyKey = familyKey(refreshToken);
        try {
            current = store.get();
            grant = current.useRefreshGrant(grantKey);
            if (grant == null && familyKey != null) {
                // Marking the marker used changes nothing: it only says the family exists.
                marker = current.useRefreshGrant(markerKey(familyKey));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "JwtGuard: a refresh token could not be checked: " + e.getMessage());
            throw new RefreshRefused("temporarily_unavailable", 503, "the refresh token cannot be checked now; retry later");
        }
        Instant now = clock.instant();
        RefreshGrant replayed = grant != null && grant.used() ? grant
                : grant == null && marker != null && now.isBefore(marker.expiresAt()) ? marker : null;
        if (replayed != null) {
            // The family's grant stays, so its newest refresh token is told that its session was signed out.
            logouts.revokeSession(issuer, replayed.family());
            logouts.counted(issuer, replayed.subject(), logouts.sessionEntry(issuer, replayed.family()));
            LOG.log(Level.WARNING, "JwtGuard: a refresh token was used a second time; its session is revoked"
                    + " (subject " + Text.shortValue(replayed.subject()) + ")");
            throw new RefreshRefused("invalid_grant", 400, "the refresh token was used before, so its session is"
                    + " revoked; log in again");
        }
        if (grant == null || !now.isBefore(grant.expiresAt())) {
            throw new RefreshRefused("invalid_grant", 400, "unknown or expired refresh token; log in again");
        }
        if (replica.revokingGrant(issuer, grant.family(), grant.subject(), grant.issuedAt().toEpochMilli()) != null) {
            throw new RefreshRefused("invalid_grant", 400, "the refresh token's session was signed out; log in again");
        }
        if (familyKey != null) {
            // Used: when its family has a marker (every token this version issued), the marker answers a replay from
            // now on, so the grant itself can go.
            try {
                if (current.useRefreshGrant(markerKey(familyKey)) != null) {
                    current.removeRefreshGrant(grantKey);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "JwtGuard: a used refresh grant stays until it expires: " + e.getMessage());
            }
        }
        return grant;
    }
}
