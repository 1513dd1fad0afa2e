package io.jwtguard.internal.authn;

import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.diagnostics.Failure;
import java.util.Collection;
import java.util.Set;

/**
 * The JOSE header's {@code crit} (RFC 7515 §4.1.11) and, when {@code jwtguard.token.type} is set, its {@code typ}
 * (RFC 8725 §3.11 explicit typing, e.g. RFC 9068 §4 "at+jwt"): what java-jwt's verifier leaves to us.
 * Immutable and thread-safe.
 */
final class JoseHeaderChecks {

    private final Set<String> tokenTypes;

    JoseHeaderChecks(Collection<String> tokenTypes) {
        this.tokenTypes = Set.copyOf(tokenTypes);
    }

    /** The refusal, or {@code null} when the header passes. */
    Failure check(DecodedJWT jwt) {
        if (!jwt.getHeaderClaim("crit").isMissing()) {
            // A recipient that does not understand every listed extension must reject.
            return TokenRefusals.criticalHeader();
        }
        return tokenTypes.isEmpty() ? null : checkType(jwt.getHeaderClaim("typ"));
    }

    /**
     * An ID token or another JWT the same issuer signed for another purpose is not taken for an access token.
     * A token of the wrong type is not the token this API reads: {@code malformed_token}, like {@code crit}.
     */
    private Failure checkType(Claim typ) {
        String accepted = "accepted typ " + tokenTypes.stream().sorted().toList();
        if (typ.isMissing() || typ.isNull()) {
            return TokenRefusals.noType(accepted);
        }
        String value = typ.asString();
        if (value == null) {
            return TokenRefusals.typeNotAString(accepted);
        }
        return tokenTypes.contains(Settings.mediaType(value)) ? null : TokenRefusals.typeNotAccepted(value, accepted);
    }
}
