package io.jwtguard.testing;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One token from a {@link TestIssuer}, described by what the test needs and signed by {@link #build()}. By default
 * it is a token JwtGuard admits: the issuer's {@code iss} and {@code aud}, subject {@code test-user}, issued now,
 * expiring in 5 minutes, a fresh {@code jti}, no roles. Each method changes one thing; the last call wins:
 *
 * <pre>{@code
 * String token = issuer.token().subject("alice").roles("Admin").build();
 * String expired = issuer.token().expired().build();
 * }</pre>
 *
 * <p>Not thread-safe: one builder per token (an issuer hands out any number of them).
 */
public final class TokenBuilder {

    /** How long a token lives by default. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    /**
     * How far past {@code exp} (or before {@code nbf}) {@link #expired()} and {@link #notYetValid()} place a token:
     * well beyond JwtGuard's largest allowed clock skew (5 minutes).
     */
    static final Duration WELL_OUTSIDE_SKEW = Duration.ofHours(1);

    private final TestIssuer issuer;
    private final Instant now;
    private String subject = "test-user";
    private String tokenIssuer;
    private List<String> audiences;
    private Instant issuedAt;
    private Instant expiresAt;
    private Instant notBefore;
    private String id = UUID.randomUUID().toString();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private boolean otherKey;

    TokenBuilder(TestIssuer issuer, Instant now) {
        this.issuer = issuer;
        this.now = now;
        this.tokenIssuer = issuer.issuer();
        this.audiences = List.of(issuer.audience());
        this.issuedAt = now;
        this.expiresAt = now.plus(DEFAULT_LIFETIME);
    }

    /**
     * The {@code sub} claim: who the token is for ({@code getRemoteUser()} by default).
     *
     * @param subject the caller's name; {@code null} leaves the claim out
     * @return this builder
     */
    public TokenBuilder subject(String subject) {
        this.subject = subject;
        return this;
    }

    /**
     * The {@code roles} claim (JwtGuard's default {@code jwtguard.roles.claim}), as a JSON array.
     *
     * @param roles the caller's roles
     * @return this builder
     */
    public TokenBuilder roles(String... roles) {
        return claim("roles", List.of(roles));
    }

    /**
     * The {@code scope} claim (RFC 8693 §4.2): the scopes, space-separated.
     *
     * @param scopes the granted scopes
     * @return this builder
     */
    public TokenBuilder scope(String... scopes) {
        return claim("scope", String.join(" ", scopes));
    }

    /**
     * Any other claim. The registered ones ({@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code nbf},
     * {@code iat}, {@code jti}) have their own methods, which win over a value given here.
     *
     * @param name the claim's name
     * @param value a {@code String}, {@code Boolean}, {@code Integer}, {@code Long}, {@code Double}, {@code Instant}
     *     (written as seconds), a {@code List} or a {@code Map} of those; {@code null} removes the claim
     * @return this builder
     * @throws IllegalArgumentException for a value JSON cannot carry
     */
    public TokenBuilder claim(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value instanceof Instant instant ? instant.getEpochSecond() : value);
        }
        return this;
    }

    /**
     * Issued and expired an hour ago, well outside any clock skew: JwtGuard answers {@code token_expired}.
     *
     * @return this builder
     */
    public TokenBuilder expired() {
        issuedAt = now.minus(WELL_OUTSIDE_SKEW).minus(DEFAULT_LIFETIME);
        expiresAt = now.minus(WELL_OUTSIDE_SKEW);
        notBefore = null;
        return this;
    }

    /**
     * Valid only from an hour from now ({@code nbf}): JwtGuard answers {@code token_not_yet_valid}.
     *
     * @return this builder
     */
    public TokenBuilder notYetValid() {
        notBefore = now.plus(WELL_OUTSIDE_SKEW);
        expiresAt = notBefore.plus(DEFAULT_LIFETIME);
        return this;
    }

    /**
     * Expiring {@code lifetime} after it is issued (now).
     *
     * @param lifetime how long the token lives
     * @return this builder
     */
    public TokenBuilder expiresIn(Duration lifetime) {
        expiresAt = issuedAt.plus(lifetime);
        return this;
    }

    /**
     * Another {@code iss} than the trusted one: JwtGuard answers {@code issuer_mismatch}.
     *
     * @param issuer the issuer the token names
     * @return this builder
     */
    public TokenBuilder issuer(String issuer) {
        this.tokenIssuer = issuer;
        return this;
    }

    /**
     * Another {@code aud}: JwtGuard answers {@code audience_mismatch} unless one of them is accepted.
     *
     * @param audiences the audiences the token names
     * @return this builder
     */
    public TokenBuilder audience(String... audiences) {
        this.audiences = List.of(audiences);
        return this;
    }

    /**
     * The {@code jti} claim, a fresh UUID by default.
     *
     * @param id the token's id; {@code null} leaves the claim out
     * @return this builder
     */
    public TokenBuilder id(String id) {
        this.id = id;
        return this;
    }

    /**
     * Signed with a key JwtGuard does not trust, of the same kind and under the trusted key's id: JwtGuard answers
     * {@code invalid_signature}.
     *
     * @return this builder
     */
    public TokenBuilder signedWithAnotherKey() {
        otherKey = true;
        return this;
    }

    /**
     * The signed token (a JWS in compact form).
     *
     * @return the token, without the {@code Bearer } prefix
     */
    public String build() {
        Map<String, Object> payload = new LinkedHashMap<>(claims);
        JWTCreator.Builder token = JWT.create().withPayload(payload).withIssuer(tokenIssuer).withIssuedAt(issuedAt)
                .withExpiresAt(expiresAt);
        if (subject != null) {
            token.withSubject(subject);
        }
        if (notBefore != null) {
            token.withNotBefore(notBefore);
        }
        if (id != null) {
            token.withJWTId(id);
        }
        if (audiences.size() == 1) {
            token.withAudience(audiences.get(0));
        } else if (!audiences.isEmpty()) {
            token.withAudience(audiences.toArray(String[]::new));
        }
        return issuer.sign(token, otherKey);
    }

    /**
     * The value of an {@code Authorization} header carrying the token.
     *
     * @return {@code Bearer } and the {@linkplain #build() token}
     */
    public String bearer() {
        return "Bearer " + build();
    }
}
