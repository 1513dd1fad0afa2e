package io.jwtguard.internal.authn;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import io.jwtguard.RevocationStore.RefreshGrant;
import io.jwtguard.TokenIssuer;
import io.jwtguard.internal.config.KeyMaterial;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.config.SignatureAlgorithm;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs tokens from the very settings the filter verifies with (issuer, audience, key, algorithm, roles
 * claim, {@code typ}), so a token it issues can never be refused for a mismatch. Built when the settings
 * hold a key to sign with: the HMAC secret, or {@code jwtguard.signing.key.location} next to a public
 * verification key. Thread-safe: its own fields are final; the refresh grants live in the {@link RefreshGrants}
 * it is given.
 */
public final class TokenSigner implements TokenIssuer {

    /**
     * What the signer asks of the revocation side, defined here so that authentication depends on nothing of it:
     * refresh grants kept and redeemed, and the issue instant no sign-out known to this instance outlives.
     */
    public interface RefreshGrants {

        /** Now, or later: the subject's sign-out everywhere that this instance's clock has not reached yet. */
        Instant issueInstant(String issuer, String subject);

        /**
         * A new refresh token of session {@code family}, its grant kept.
         *
         * @param previous the refresh token it replaces, {@code null} for a new session
         * @throws IOException when the grant cannot be kept
         */
        String newRefreshToken(String family, String subject, List<String> roles, String issuer, String previous)
                throws IOException;

        /** Uses up {@code refreshToken} and answers its grant; a replay revokes its session. */
        RefreshGrant redeem(String refreshToken, String issuer) throws RefreshRefused;
    }

    private final Settings settings;
    private final Algorithm algorithm;
    private final Clock clock;
    /** Keeps the refresh grants; null for tools that issue access tokens only. */
    private final RefreshGrants refreshGrants;

    private TokenSigner(Settings settings, Algorithm algorithm, Clock clock, RefreshGrants refreshGrants) {
        this.settings = settings;
        this.algorithm = algorithm;
        this.clock = clock;
        this.refreshGrants = refreshGrants;
    }

    /** An issuer of access tokens only (the command line's), or empty when the settings hold no key to sign with. */
    public static Optional<TokenSigner> forSettings(Settings settings, Clock clock) {
        return forSettings(settings, clock, null);
    }

    /** An issuer for these settings whose refresh tokens {@code refreshGrants} keeps, or empty without a key. */
    public static Optional<TokenSigner> forSettings(Settings settings, Clock clock, RefreshGrants refreshGrants) {
        SignatureAlgorithm first = settings.algorithms().get(0);
        Optional<KeyMaterial> key = settings.primary().key();
        if (key.isPresent() && key.get().kind() == KeyMaterial.Kind.HMAC) {
            return Optional.of(new TokenSigner(settings, Algorithms.forSigning(first, key.get(), null), clock,
                    refreshGrants));
        }
        return settings.signingKey().map(privateKey ->
                new TokenSigner(settings, Algorithms.forKey(first, privateKey), clock, refreshGrants));
    }

    @Override
    public TokenPair issueWithRefreshToken(String subject, Collection<String> roles) {
        return pair(UUID.randomUUID().toString(), subject, List.copyOf(roles), null);
    }

    @Override
    public TokenPair refresh(String refreshToken) throws RefreshRefused {
        RefreshGrant grant = grants().redeem(refreshToken, issuer());
        try {
            return pair(grant.family(), grant.subject(), grant.roles(), refreshToken);
        } catch (IllegalStateException e) {
            throw new RefreshRefused("temporarily_unavailable", 503, "the next refresh token cannot be stored now;"
                    + " log in again");
        }
    }

    @Override
    public Duration refreshTokenLifetime() {
        return settings.revocation().refreshTokenLifetime();
    }

    /** The next pair of session {@code family}: the access token carries it as {@code sid}. */
    private TokenPair pair(String family, String subject, List<String> roles, String previous) {
        String refreshToken;
        try {
            refreshToken = grants().newRefreshToken(family, subject, roles, issuer(), previous);
        } catch (IOException e) {
            throw new IllegalStateException("the revocation store cannot keep the refresh token: " + e.getMessage());
        }
        String access = issue(subject, roles, Map.of("sid", family), settings.tokenLifetime());
        return new TokenPair(access, refreshToken, settings.tokenLifetime());
    }

    private RefreshGrants grants() {
        if (refreshGrants == null) {
            throw new IllegalStateException("this TokenIssuer issues access tokens only");
        }
        return refreshGrants;
    }

    private String issuer() {
        return settings.issuers().isEmpty() ? "" : settings.issuers().get(0);
    }

    @Override
    public String issue(String subject, Collection<String> roles) {
        return issue(subject, roles, Map.of(), settings.tokenLifetime());
    }

    @Override
    public String issue(String subject, Collection<String> roles, Map<String, ?> claims, Duration lifetime) {
        return issue(subject, roles, claims, issueInstant(subject), lifetime, null, null);
    }

    /**
     * Now, or the subject's last sign-out everywhere when this instance knows of one later than its clock (another
     * instance's clock ahead of this one's): a token issued after a sign-out this instance has seen is never older
     * than it, so it is never refused by it, here or anywhere.
     */
    private Instant issueInstant(String subject) {
        return refreshGrants == null ? clock.instant() : refreshGrants.issueInstant(issuer(), subject);
    }

    /**
     * A token issued at {@code issuedAt}, with another {@code iss} or {@code aud} when those are not {@code null}:
     * what the public methods sign (both {@code null}), and the deliberately broken tokens the command line's
     * {@code token --expired --wrong-issuer --wrong-audience} prints for trying a deployment's refusals.
     */
    public String issue(String subject, Collection<String> roles, Map<String, ?> claims, Instant issuedAt,
            Duration lifetime, String issuerOverride, List<String> audienceOverride) {
        Instant now = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        JWTCreator.Builder token = JWT.create()
                .withPayload(claims)
                .withSubject(subject)
                .withIssuedAt(now)
                .withClaim(TokenIds.ISSUED_AT_MILLIS, issuedAt.toEpochMilli())
                .withNotBefore(now)
                .withExpiresAt(now.plus(lifetime))
                .withJWTId(UUID.randomUUID().toString());
        String iss = issuerOverride != null ? issuerOverride
                : settings.issuers().isEmpty() ? null : settings.issuers().get(0);
        if (iss != null) {
            token.withIssuer(iss);
        }
        List<String> aud = audienceOverride != null ? audienceOverride : settings.audiences();
        if (!aud.isEmpty()) {
            token.withAudience(aud.toArray(String[]::new));
        }
        if (!settings.tokenTypes().isEmpty()) {
            // jwtguard.token.type: the filter accepts only these, so say so (java-jwt would write "JWT").
            token.withHeader(Map.of("typ", settings.tokenTypes().get(0)));
        }
        writeRoles(token, new ArrayList<>(roles));
        return token.sign(algorithm);
    }

    @Override
    public Duration lifetime() {
        return settings.tokenLifetime();
    }

    /** Puts the roles where the verifier reads them, nesting maps along a dotted path. */
    private void writeRoles(JWTCreator.Builder token, List<String> roles) {
        List<String> path = settings.rolesClaim();
        String last = path.get(path.size() - 1);
        Object value = last.equals("scope") || last.equals("scp") ? String.join(" ", roles) : roles;
        if (path.size() == 1) {
            if (value instanceof String scopes) {
                token.withClaim(last, scopes);
            } else {
                token.withClaim(last, roles);
            }
            return;
        }
        for (int i = path.size() - 1; i >= 1; i--) {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put(path.get(i), value);
            value = level;
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> top = (Map<String, ?>) value;
        token.withClaim(path.get(0), top);
    }
}
