package io.jwtguard.internal.authn;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.Verification;
import io.jwtguard.internal.config.IssuerSettings;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds java-jwt verifiers with one issuer's claim checks (RFC 7519 §4.1: {@code exp} and {@code sub}
 * present, {@code iss}, {@code aud}, the clock skew) around a given key. Immutable and thread-safe.
 */
final class VerifierFactory {

    private final IssuerSettings issuer;
    private final Duration clockSkew;
    private final Clock clock;

    VerifierFactory(IssuerSettings issuer, Duration clockSkew, Clock clock) {
        this.issuer = issuer;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /**
     * java-jwt checks the algorithm and the signature, then the claim checks in the order they are added
     * here, then the time claims it adds itself: {@link Check#VERIFIER_ORDER} records that order, so a
     * failure says truly which checks ran. Keep the two in step.
     */
    JWTVerifier verifier(Algorithm algorithm) {
        Verification verification = JWT.require(algorithm)
                .acceptLeeway(clockSkew.toSeconds())
                .withClaimPresence("exp")
                .withClaimPresence("sub");
        if (!issuer.issuers().isEmpty()) {
            verification.withIssuer(issuer.issuers().toArray(String[]::new));
        }
        if (!issuer.audiences().isEmpty()) {
            verification.withAnyOfAudience(issuer.audiences().toArray(String[]::new));
        }
        // java-jwt's only way to a clock (documented "for tests"; build() pins the system clock): VerifierFactoryTest.
        return ((JWTVerifier.BaseVerification) verification).build(clock);
    }
}
