package io.jwtguard.internal.authn;

import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.diagnostics.Failure;
import java.util.Collection;
import java.util.Set;

/**
 * The JOSE header's {@code crit} (RFC 7515 §4.1.11) and, when {@code jwtguard.token.type} or
 * {@code jwtguard.token.require-access-token-type} is set, its {@code typ} (RFC 8725 §3.11 explicit typing, e.g.
 * RFC 9068 §4 "at+jwt"): what java-jwt's verifier leaves to us. Also what marks an OpenID Connect ID token, which
 * the validator refuses once the token is otherwise valid. Immutable and thread-safe.
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
        return tokenTypes.isEmpty() ? null : checkType(jwt.getHeaderClaim("typ"), idTokenMarker(jwt));
    }

    /**
     * What shows {@code jwt} to be an OpenID Connect ID token, or {@code null}. The validator asks once the token is
     * otherwise valid: an ID token that another check refuses (its {@code aud} is the client, not this API; its
     * {@code typ} is not accepted) keeps that reason, with this named in the description. Only a token not typed as
     * anything else ({@code typ} absent or {@code JWT}, as ID tokens are) is looked at, and only for claims OpenID
     * Connect Core gives ID tokens alone: {@code at_hash} and {@code c_hash} (§3.1.3.6, §3.3.2.11), Keycloak's
     * {@code "typ": "ID"} claim, or a {@code nonce} (§2) on a token with no {@code scope} or {@code scp}. A
     * {@code nonce} alone is not enough: some servers (Keycloak, for one) copy it into their access tokens, which
     * carry scopes. An {@code aud} equal to {@code azp} is not used either: a client's own API tokens look the same.
     */
    static String idTokenMarker(DecodedJWT jwt) {
        Claim typ = jwt.getHeaderClaim("typ");
        if (!typ.isMissing() && !typ.isNull() && (typ.asString() == null || !Settings.mediaType(typ.asString())
                .equals("jwt"))) {
            return null;
        }
        for (String claim : new String[] {"at_hash", "c_hash"}) {
            if (!jwt.getClaim(claim).isMissing()) {
                return "'" + claim + "'";
            }
        }
        if ("ID".equals(jwt.getClaim("typ").asString())) {
            return "a 'typ' claim of 'ID'";
        }
        if (!jwt.getClaim("nonce").isMissing() && jwt.getClaim("scope").isMissing()
                && jwt.getClaim("scp").isMissing()) {
            return "a 'nonce' and no 'scope'";
        }
        return null;
    }

    /**
     * An ID token or another JWT the same issuer signed for another purpose is not taken for an access token.
     * A token of the wrong type is not the token this API reads: {@code malformed_token}, like {@code crit}.
     */
    private Failure checkType(Claim typ, String idTokenMarker) {
        String accepted = "accepted typ " + tokenTypes.stream().sorted().toList();
        if (typ.isMissing() || typ.isNull()) {
            return TokenRefusals.noType(accepted, idTokenMarker);
        }
        String value = typ.asString();
        if (value == null) {
            return TokenRefusals.typeNotAString(accepted);
        }
        return tokenTypes.contains(Settings.mediaType(value)) ? null
                : TokenRefusals.typeNotAccepted(value, accepted, idTokenMarker);
    }
}
