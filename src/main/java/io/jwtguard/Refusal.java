package io.jwtguard;

import java.util.Optional;

/**
 * A refusal JwtGuard is about to answer, as listeners see it: the reason code, the description the
 * client gets, and what may be logged of the token (never the token itself). Read-only and immutable.
 */
public interface Refusal {

    /** Why the request is refused; {@link Reason#status()} is the status the client gets. */
    Reason reason();

    /** The description the client gets in production: built from a fixed template and the token's own values. */
    String description();

    /** {@code sha256:} and a short prefix of the token's SHA-256, to match a log line to a token; empty without a token. */
    Optional<String> tokenFingerprint();

    /** The token's {@code kid} header, sanitised and shortened; empty when unknown. */
    Optional<String> keyId();

    /** The token's {@code iss} claim, sanitised and shortened; empty when unknown. */
    Optional<String> issuer();

    /** The token's {@code jti} claim, sanitised and shortened; empty when unknown. */
    Optional<String> tokenId();
}
