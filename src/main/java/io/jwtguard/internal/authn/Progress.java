package io.jwtguard.internal.authn;

import com.auth0.jwt.interfaces.DecodedJWT;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.diagnostics.TokenFacts;

/**
 * How far one verification got: the {@link Check}s passed so far (the header's among them: the token is there),
 * the one under way (for an unexpected exception), and the token as decoded so far, so that a refusal says
 * exactly which checks ran ({@link Checks}) and carries what may be logged of the token. One per verification;
 * not thread-safe.
 */
final class Progress {

    private final String token;
    private DecodedJWT jwt;
    private int passed = Check.HEADER.bit();
    private Check current = Check.TOKEN;

    Progress(String token) {
        this.token = token;
    }

    /** The token decoded: its form passed, and what is logged of a refusal from here on names its claims. */
    void decoded(DecodedJWT decoded) {
        this.jwt = decoded;
        pass(Check.TOKEN);
    }

    void start(Check check) {
        current = check;
    }

    void pass(Check check) {
        passed |= check.bit();
    }

    /** java-jwt's verifier returned: every check it runs passed. */
    void passVerifier() {
        passed |= Check.VERIFIER_ORDER_BITS;
    }

    /** A refusal at check {@code at}, with the checks that passed before it. */
    AuthenticationResult refuse(Failure failure, Check at) {
        return AuthenticationResult.failed(failure.withToken(facts()), new Checks(passed & ~at.bit(), at));
    }

    /** A refusal at the check under way. */
    AuthenticationResult refuseHere(Failure failure) {
        return refuse(failure, current);
    }

    /** A refusal inside java-jwt's verifier: the checks it runs before the failing one passed. */
    AuthenticationResult refuseInVerifier(Failure failure, Check at) {
        return AuthenticationResult.failed(failure.withToken(facts()), Checks.failedInVerifier(passed, at));
    }

    /**
     * What may be logged of a refused token. Computed only for refusals: a SHA-256 of every accepted
     * token would cost more than the rest of the path.
     */
    private TokenFacts facts() {
        TokenFacts facts = TokenFacts.of(token);
        if (jwt == null) {
            return facts;
        }
        try {
            return facts.with(jwt.getKeyId(), jwt.getIssuer(), jwt.getId());
        } catch (RuntimeException e) {
            return facts;
        }
    }
}
