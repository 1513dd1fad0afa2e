package io.jwtguard.internal.authn;

import com.auth0.jwt.interfaces.DecodedJWT;
import io.jwtguard.internal.diagnostics.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What java-jwt's verifier leaves of the time claims (RFC 7519 §4.1.4-4.1.6): {@code exp} required, every time
 * claim a sane NumericDate, and {@code jwtguard.max-token-age} counted from {@code iat}. Runs after the verifier.
 * Thread-safe: nothing here changes after construction.
 */
final class TimeClaimChecks {

    /** RFC 7519 NumericDate bound used here: 9999-12-31T23:59:59Z, far beyond any honest token. */
    private static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    private final Clock clock;
    private final Duration skew;
    private final Optional<Duration> maxTokenAge;
    private final TokenRefusals refusals;

    TimeClaimChecks(Clock clock, Duration skew, Optional<Duration> maxTokenAge, TokenRefusals refusals) {
        this.clock = clock;
        this.skew = skew;
        this.maxTokenAge = maxTokenAge;
        this.refusals = refusals;
    }

    /** The refusal, or {@code null} when the time claims pass. */
    Failure check(DecodedJWT jwt) {
        Failure refused = checkTypes(jwt);
        return refused != null ? refused : checkAge(jwt);
    }

    /**
     * Decoding, java-jwt refuses a value that is not a JSON number in the long range (RFC 7519 §2 NumericDate), so
     * only this is left: a missing or JSON null {@code exp}, which it takes for no expiry at all (tokens must expire
     * here), a JSON null {@code nbf} or {@code iat}, which it takes for absent, and dates past the year 9999. Read
     * from the instants java-jwt decoded, not from the claims again.
     */
    private static Failure checkTypes(DecodedJWT jwt) {
        Instant exp = jwt.getExpiresAtAsInstant();
        if (exp == null) {
            return TokenRefusals.noExpiry();
        }
        Failure refused = checkNumericDate("exp", exp, jwt);
        if (refused == null) {
            refused = checkNumericDate("nbf", jwt.getNotBeforeAsInstant(), jwt);
        }
        return refused != null ? refused : checkNumericDate("iat", jwt.getIssuedAtAsInstant(), jwt);
    }

    /** {@code decoded} is what java-jwt read of the claim: null when it is absent or JSON null. */
    private static Failure checkNumericDate(String name, Instant decoded, DecodedJWT jwt) {
        boolean sane = decoded != null ? Math.abs(decoded.getEpochSecond()) <= MAX_NUMERIC_DATE
                : !jwt.getClaim(name).isNull();
        return sane ? null : TokenRefusals.notANumericDate(name);
    }

    /**
     * The token was issued no longer ago than the maximum age plus the skew. Without {@code iat} its age cannot be
     * shown, so it counts as too old. Runs after {@link #checkTypes}, so a present {@code iat} is a sane number.
     */
    private Failure checkAge(DecodedJWT jwt) {
        if (maxTokenAge.isEmpty()) {
            return null;
        }
        Instant issued = jwt.getIssuedAtAsInstant();
        if (issued == null) {
            return TokenRefusals.noIssuedAt(maxTokenAge.get());
        }
        if (Duration.between(issued, clock.instant()).minus(skew).compareTo(maxTokenAge.get()) > 0) {
            return refusals.tooOld(issued, maxTokenAge.get());
        }
        return null;
    }
}
