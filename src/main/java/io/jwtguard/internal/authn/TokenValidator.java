package io.jwtguard.internal.authn;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jwtguard.JwtPrincipal;
import io.jwtguard.Reason;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.config.SignatureAlgorithm;
import io.jwtguard.internal.diagnostics.Failure;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Verifies one compact JWS with java-jwt and answers with an {@link AuthenticationResult}, never an
 * exception: RFC 7515 signature with a configured algorithm and key, RFC 7519 §4.1 claims ({@code exp}
 * required and numeric, {@code nbf}/{@code iat} with the skew, {@code iss}, {@code aud}, {@code sub}), and
 * when configured the {@code typ} header (RFC 8725 §3.11) and a maximum age from {@code iat}; an OpenID Connect ID
 * token is refused as one (RFC 9068 §4).
 * The checks run in {@link Check}'s order, recorded in a {@link Progress}; every refusal's text is in
 * {@link TokenRefusals}; decisions are remembered through {@link TokenMemory}. Thread-safe: verifiers are built
 * once; the JWKS key sources it starts fetch in the background.
 */
final class TokenValidator {

    private final TrustedIssuers trusted;
    private final int maxTokenLength;
    private final String nameClaim;
    private final TokenRefusals refusals;
    private final JoseHeaderChecks headerChecks;
    private final TimeClaimChecks timeChecks;
    private final TokenMemory memory;

    TokenValidator(Settings settings, Clock clock) {
        this.trusted = new TrustedIssuers(settings, clock);
        this.maxTokenLength = settings.maxTokenLength();
        this.nameClaim = settings.nameClaim();
        this.refusals = new TokenRefusals(trusted, settings, clock);
        this.headerChecks = new JoseHeaderChecks(settings.tokenTypes());
        this.timeChecks = new TimeClaimChecks(clock, settings.clockSkew(), settings.maxTokenAge(), refusals);
        this.memory = new TokenMemory(settings, clock);
    }

    /** Starts background key fetching (JWKS), so keys are there before the first request needs them. */
    void start() {
        trusted.start();
    }

    void close() {
        trusted.close();
    }

    /** How many times each JWKS issuer's key set was fetched, by issuer name. */
    List<KeySetStatus> keySets() {
        return trusted.keySets();
    }

    Map<String, Long> keyFetches() {
        return trusted.keyFetches();
    }

    Map<String, Long> keyFetchFailures() {
        return trusted.keyFetchFailures();
    }

    /** The verified-token cache's counts. */
    TokenMemory memory() {
        return memory;
    }

    /** Verifies {@code token}, wherever it came from (a cookie, a listener). */
    AuthenticationResult validate(String token) {
        return validate(token, false);
    }

    /**
     * Verifies the {@code Authorization} header's token, whose RFC 6750 b64token grammar is checked here: java-jwt's
     * decoding checks most of its characters, so only the rest are checked before it (a 400, before any key is
     * looked up); a token java-jwt cannot decode is checked whole, so that a bad character is still the header's
     * fault, named with its position.
     */
    AuthenticationResult validateFromHeader(String token) {
        return validate(token, true);
    }

    private AuthenticationResult validate(String token, boolean headerGrammar) {
        AuthenticationResult known = memory.get(token);
        if (known != null) {
            return known;
        }
        memory.missed();
        TokenMemory.KeysUsed used = new TokenMemory.KeysUsed();
        AuthenticationResult result = verify(token, used, headerGrammar);
        memory.refused(token, result, used);
        return result;
    }

    /** Whether a cache is there to ask ({@code jwtguard.token.cache.size} above 0). */
    boolean remembers() {
        return memory.on();
    }

    /**
     * The decision for a token decided before and still standing (verified, or refused for a reason that cannot
     * have changed), or {@code null}: what a cache hit costs, whatever the token's length. A token the cache holds
     * passed the header's grammar then, too.
     */
    AuthenticationResult remembered(String token) {
        return memory.get(token);
    }

    /** The same for a whole header {@code Bearer <token>} in that exact form: compared whole, not copied. */
    AuthenticationResult rememberedHeader(String header) {
        return memory.getForHeader(header);
    }

    /**
     * The checks one after the other. This is the one place where java-jwt's exceptions, and any other runtime
     * exception a hostile token might provoke, are caught and turned into reasons.
     */
    private AuthenticationResult verify(String token, TokenMemory.KeysUsed used, boolean headerGrammar) {
        Progress progress = new Progress(token);
        DecodedJWT jwt = null;
        TrustedIssuer issuer = null;
        SignatureAlgorithm algorithm = null;
        try {
            if (token.length() > maxTokenLength) {
                return progress.refuse(TokenRefusals.tooLong(token.length(), maxTokenLength), Check.TOKEN);
            }
            // Before decoding, so that junk after a token costs no decode; what this leaves, decoding checks.
            if (headerGrammar && !BearerGrammar.isB64tokenOnceDecoded(token)) {
                return headerGrammarRefused(BearerGrammar.grammarFailure(token), used);
            }
            jwt = JWT.decode(token);
            progress.decoded(jwt);
            progress.start(Check.ALGORITHM);
            algorithm = trusted.allowedAlgorithm(jwt.getAlgorithm());
            if (algorithm == null) {
                return progress.refuse(refusals.algorithmNotAccepted(jwt.getAlgorithm()), Check.ALGORITHM);
            }
            progress.start(Check.TOKEN_TYPE);
            Failure refused = headerChecks.check(jwt);
            if (refused != null) {
                return progress.refuse(refused, Check.TOKEN_TYPE);
            }
            progress.pass(Check.TOKEN_TYPE);
            progress.start(Check.ISSUER);
            issuer = trusted.named(jwt.getIssuer());
            if (issuer == null) {
                return progress.refuse(refusals.issuerNotTrusted(jwt.getIssuer()), Check.ISSUER);
            }
            progress.pass(Check.ISSUER);
            progress.start(Check.ALGORITHM);
            if (!issuer.settings().algorithms().contains(algorithm)) {
                return progress.refuse(TokenRefusals.algorithmNotForIssuer(algorithm, issuer), Check.ALGORITHM);
            }
            progress.pass(Check.ALGORITHM);
            progress.start(Check.KEY);
            long keysGeneration = issuer.keys().generation();
            used.keys = issuer.keys();
            used.generation = keysGeneration;
            KeyResult key = issuer.keys().verifierFor(jwt.getKeyId(), algorithm);
            if (key.failure() != null) {
                return progress.refuse(key.failure(), Check.KEY);
            }
            progress.pass(Check.KEY);
            progress.start(Check.SIGNATURE);
            // java-jwt: the signature first, then the claims in Check.VERIFIER_ORDER; then what it lets through.
            key.verifier().verify(jwt);
            progress.passVerifier();
            progress.start(Check.LIFETIME);
            refused = timeChecks.check(jwt);
            if (refused != null) {
                Check at = refused.reason() == Reason.MISSING_REQUIRED_CLAIM ? Check.CLAIMS : Check.LIFETIME;
                return progress.refuse(refused, at);
            }
            // Only now: an ID token that another check refuses keeps that reason (with a note naming it).
            String idToken = JoseHeaderChecks.idTokenMarker(jwt);
            if (idToken != null) {
                return progress.refuse(TokenRefusals.idToken(idToken), Check.TOKEN_TYPE);
            }
            progress.start(Check.CLAIMS);
            String subject = jwt.getSubject();
            if (subject == null || subject.isBlank()) {
                TokenRefusals.ClaimRefusal noSubject = refusals.missingClaim("sub", issuer);
                return progress.refuse(noSubject.failure(), noSubject.at());
            }
            JwtPrincipal principal = Principals.fromToken(jwt, subject, issuer, nameClaim);
            TokenIds ids = TokenIds.of(jwt);
            memory.verified(token, headerGrammar, jwt, principal, issuer, ids, keysGeneration);
            return AuthenticationResult.authenticated(principal, issuer.rolesClaimPaths(), ids);
        } catch (AlgorithmMismatchException e) {
            return progress.refuse(refusals.algorithmDoesNotMatchKey(), Check.ALGORITHM);
        } catch (SignatureVerificationException e) {
            String mixUp = jwt == null || issuer == null || algorithm == null ? ""
                    : KeyMixUps.explain(jwt, algorithm, issuer, trusted.all());
            return progress.refuse(refusals.badSignature(jwt == null ? null : jwt.getKeyId(), mixUp), Check.SIGNATURE);
        } catch (TokenExpiredException e) {
            return progress.refuseInVerifier(refusals.expired(e.getExpiredOn()), Check.LIFETIME);
        } catch (MissingClaimException e) {
            TokenRefusals.ClaimRefusal missing = refusals.missingClaim(e.getClaimName(), issuer);
            return progress.refuseInVerifier(missing.failure(), missing.at());
        } catch (IncorrectClaimException e) {
            TokenRefusals.ClaimRefusal incorrect = refusals.incorrectClaim(e.getClaimName(), jwt, issuer);
            return progress.refuseInVerifier(incorrect.failure(), incorrect.at());
        } catch (JWTDecodeException e) {
            Failure grammar = headerGrammar ? BearerGrammar.grammarFailure(token) : null;
            if (grammar != null) {
                return headerGrammarRefused(grammar, used);
            }
            return progress.refuse(TokenRefusals.notAJwt(), Check.TOKEN);
        } catch (RuntimeException e) {
            // A hostile token may trip anything inside a parser; it is still the client's bad token.
            used.forgotten = true;
            Failure grammar = headerGrammar && jwt == null ? BearerGrammar.grammarFailure(token) : null;
            if (grammar != null) {
                return headerGrammarRefused(grammar, used);
            }
            return progress.refuseHere(TokenRefusals.unreadable());
        }
    }

    /** The header's token outside RFC 6750's b64token: the header's fault, as if nothing after it had run. */
    private static AuthenticationResult headerGrammarRefused(Failure grammar, TokenMemory.KeysUsed used) {
        used.forgotten = true;
        return AuthenticationResult.failed(grammar, new Checks(0, Check.HEADER));
    }
}
