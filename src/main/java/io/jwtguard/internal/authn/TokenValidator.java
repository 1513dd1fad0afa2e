package io.jwtguard.internal.authn;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jwtguard.JwtPrincipal;
import io.jwtguard.Reason;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.config.SignatureAlgorithm;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.diagnostics.Text;
import io.jwtguard.internal.diagnostics.TokenFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies one compact JWS with java-jwt and answers with an {@link AuthenticationResult}, never an
 * exception: RFC 7515 signature with a configured algorithm and key, RFC 7519 §4.1 claims ({@code exp}
 * required and numeric, {@code nbf}/{@code iat} with the skew, {@code iss}, {@code aud}, {@code sub}), and
 * when configured the {@code typ} header (RFC 8725 §3.11) and a maximum age from {@code iat}.
 * Every failure carries a reason code and a description built from the token's own values and the
 * server clock, never from exception text. Immutable and thread-safe: verifiers are built once.
 */
public final class TokenValidator {

    /** RFC 7519 NumericDate bound used here: 9999-12-31T23:59:59Z, far beyond any honest token. */
    private static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    private final List<TrustedIssuer> trusted;
    private final Settings settings;
    private final Clock clock;
    private final String allowedAlgorithms;
    /** Null when {@code jwtguard.token.cache.size} is 0. */
    private final TokenCache cache;
    private final Set<String> tokenTypes;
    private final Optional<Duration> maxTokenAge;

    public TokenValidator(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.trusted = settings.trusted().stream()
                .map(issuer -> TrustedIssuer.of(issuer, settings.clockSkew(), clock)).toList();
        this.allowedAlgorithms = settings.trusted().stream().flatMap(i -> i.algorithms().stream()).distinct()
                .toList().toString();
        this.cache = settings.tokenCacheSize() > 0
                ? new TokenCache(settings.tokenCacheSize(), settings.clockSkew(), clock) : null;
        this.tokenTypes = Set.copyOf(settings.tokenTypes());
        this.maxTokenAge = settings.maxTokenAge();
    }

    /** Starts background key fetching (JWKS), so keys are there before the first request needs them. */
    public void start() {
        trusted.forEach(issuer -> issuer.keys().start());
    }

    public void close() {
        trusted.forEach(issuer -> issuer.keys().close());
    }

    /** How many times each JWKS issuer's key set was fetched, by issuer name. */
    public java.util.Map<String, Long> keyFetches() {
        java.util.Map<String, Long> fetches = new java.util.LinkedHashMap<>();
        for (TrustedIssuer issuer : trusted) {
            if (issuer.keys() instanceof JwksKeySource jwks) {
                fetches.put(issuer.settings().name(), jwks.fetchCount());
            }
        }
        return fetches;
    }

    /**
     * Verifies {@code token}. This is the one place where java-jwt's exceptions, and any other runtime
     * exception a hostile token might provoke, are caught and turned into reasons (STYLE 5).
     */
    public AuthenticationResult validate(String token) {
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
        if (cache == null) {
            return verify(token, new KeysUsed(), headerGrammar);
        }
        AuthenticationResult known = cache.get(token);
        if (known != null) {
            return known;
        }
        KeysUsed used = new KeysUsed();
        AuthenticationResult result = verify(token, used, headerGrammar);
        if (result.kind() == AuthenticationResult.Kind.FAILED && !used.forgotten
                && token.length() <= settings.maxTokenLength()) {
            cache.putRefusal(token, result, used.keys, used.generation);
        }
        return result;
    }

    /**
     * For the cache: which issuer's keys a verification used, their generation before it looked a key up, and
     * whether its refusal is never remembered: an unexpected exception (it may have been the server's, not the
     * token's), or the header's grammar (a listener may hand over the same string, whose grammar is not checked).
     */
    private static final class KeysUsed {
        KeySource keys;
        long generation;
        boolean forgotten;
    }

    /** Whether a cache is there to ask ({@code jwtguard.token.cache.size} above 0). */
    boolean remembers() {
        return cache != null;
    }

    /**
     * The decision for a token decided before and still standing (verified, or refused for a reason that cannot
     * have changed), or {@code null}: what a cache hit costs, whatever the token's length. A token the cache holds
     * passed the header's grammar then, too.
     */
    AuthenticationResult remembered(String token) {
        return cache == null ? null : cache.get(token);
    }

    /** The same for a whole header {@code Bearer <token>} in that exact form: compared whole, not copied. */
    AuthenticationResult rememberedHeader(String header) {
        return cache == null ? null : cache.getForHeader(header);
    }

    /**
     * The checks run one after the other, each recorded in {@code passed} as it passes, so a failure says
     * exactly which ran ({@link Checks}); {@code current} is the check under way, for an unexpected exception.
     */
    private AuthenticationResult verify(String token, KeysUsed used, boolean headerGrammar) {
        DecodedJWT jwt = null;
        TrustedIssuer issuer = null;
        SignatureAlgorithm algorithm = null;
        int passed = Check.HEADER.bit();
        Check current = Check.TOKEN;
        try {
            if (token.length() > settings.maxTokenLength()) {
                return failed(Reason.MALFORMED_TOKEN, "the token is " + token.length() + " characters, over the "
                        + settings.maxTokenLength() + " accepted", "", facts(token, jwt), passed, Check.TOKEN);
            }
            // Before decoding, so that junk after a token costs no decode; what this leaves, decoding checks.
            if (headerGrammar && !BearerTokenExtractor.isB64tokenOnceDecoded(token)) {
                return headerGrammarRefused(BearerTokenExtractor.grammarFailure(token), used);
            }
            jwt = JWT.decode(token);
            passed |= Check.TOKEN.bit();
            current = Check.ALGORITHM;
            algorithm = allowedAlgorithm(jwt);
            if (algorithm == null) {
                return failed(algorithmRefused(jwt), facts(token, jwt), passed, Check.ALGORITHM);
            }
            Failure refused;
            current = Check.TOKEN_TYPE;
            refused = checkHeader(jwt);
            if (refused != null) {
                return failed(refused, facts(token, jwt), passed, Check.TOKEN_TYPE);
            }
            passed |= Check.TOKEN_TYPE.bit();
            current = Check.ISSUER;
            issuer = issuerOf(jwt);
            if (issuer == null) {
                return failed(Reason.ISSUER_MISMATCH, jwt.getIssuer() == null ? "the token has no 'iss' claim"
                        : "the token's issuer '" + Text.shortValue(jwt.getIssuer()) + "' is not trusted here",
                        expectedIssuers(), facts(token, jwt), passed, Check.ISSUER);
            }
            passed |= Check.ISSUER.bit();
            current = Check.ALGORITHM;
            if (!issuer.settings().algorithms().contains(algorithm)) {
                return failed(Reason.ALGORITHM_NOT_ALLOWED, "the token's alg '" + algorithm + "' is not accepted for"
                        + " its issuer", "allowed: " + issuer.settings().algorithms(), facts(token, jwt), passed,
                        Check.ALGORITHM);
            }
            passed |= Check.ALGORITHM.bit();
            current = Check.KEY;
            long keysGeneration = issuer.keys().generation();
            used.keys = issuer.keys();
            used.generation = keysGeneration;
            KeyResult key = issuer.keys().verifierFor(jwt.getKeyId(), algorithm);
            if (key.failure() != null) {
                return failed(key.failure(), facts(token, jwt), passed, Check.KEY);
            }
            passed |= Check.KEY.bit();
            current = Check.SIGNATURE;
            // java-jwt: the signature first, then the claims in Check.VERIFIER_ORDER; then what it lets through.
            key.verifier().verify(jwt);
            passed |= Check.VERIFIER_ORDER_BITS;
            current = Check.LIFETIME;
            refused = checkTimeClaimTypes(jwt);
            if (refused == null) {
                refused = checkTokenAge(jwt);
            }
            if (refused != null) {
                Check at = refused.reason() == Reason.MISSING_REQUIRED_CLAIM ? Check.CLAIMS : Check.LIFETIME;
                return failed(refused, facts(token, jwt), passed, at);
            }
            current = Check.CLAIMS;
            String subject = jwt.getSubject();
            if (subject == null || subject.isBlank()) {
                return failed(Reason.MISSING_REQUIRED_CLAIM, "the token has no 'sub' claim", "", facts(token, jwt),
                        passed, Check.CLAIMS);
            }
            JwtPrincipal principal = principal(jwt, subject, issuer);
            TokenIds ids = TokenIds.of(jwt);
            // A token checked without the header's grammar (a listener's) is remembered only if the header would
            // take it too: the cache answers for the header, and must decide as the header's full check would.
            if (cache != null && token.length() <= settings.maxTokenLength()
                    && (headerGrammar || BearerTokenExtractor.isB64tokenOnceDecoded(token))) {
                // Never past exp, nor past the maximum token age: a hit must decide as a full check would.
                Instant until = jwt.getExpiresAtAsInstant();
                if (maxTokenAge.isPresent() && jwt.getIssuedAtAsInstant() != null) {
                    Instant aged = jwt.getIssuedAtAsInstant().plus(maxTokenAge.get());
                    until = aged.isBefore(until) ? aged : until;
                }
                // Remembered with its claims as plain values, lists of strings packed, and the roles an index into
                // the packed roles claim: never the decoded token, and a large groups claim held once, compactly.
                Map<String, Object> claims = PackedStrings.compactClaims(claims(jwt));
                cache.put(token, AuthenticationResult.authenticated(new JwtPrincipal(principal.getName(),
                        PackedRoles.sharing(principal.getRoles(), claims, issuer.rolesClaimPaths()), claims),
                        issuer.rolesClaimPaths(), ids), until, issuer.keys(), keysGeneration);
            }
            return AuthenticationResult.authenticated(principal, issuer.rolesClaimPaths(), ids);
        } catch (AlgorithmMismatchException e) {
            return failed(Reason.ALGORITHM_NOT_ALLOWED, "the token's alg does not match the verifying key",
                    "allowed: " + allowedAlgorithms, facts(token, jwt), passed & ~Check.ALGORITHM.bit(),
                    Check.ALGORITHM);
        } catch (SignatureVerificationException e) {
            String kid = jwt == null || jwt.getKeyId() == null ? "" : " (token kid '" + Text.shortValue(jwt.getKeyId()) + "')";
            // A likely mix-up (the secret read another way, another issuer's key): shown where configuration may be.
            String mixUp = jwt == null || issuer == null || algorithm == null ? ""
                    : KeyMixUps.explain(jwt, algorithm, issuer, trusted);
            return failed(new Failure(Reason.INVALID_SIGNATURE, "the signature does not verify with the configured key"
                    + kid, settings.development() ? mixUp : "", facts(token, jwt),
                    settings.development() ? "" : mixUp), null, passed, Check.SIGNATURE);
        } catch (TokenExpiredException e) {
            return failedInVerifier(failed(Reason.TOKEN_EXPIRED, "the token expired at " + e.getExpiredOn()
                    + ", server time " + now() + ", allowed skew " + skew(), "", facts(token, jwt), passed,
                    Check.LIFETIME), passed);
        } catch (MissingClaimException e) {
            return failedInVerifier(missingClaim(e.getClaimName(), issuer, facts(token, jwt), passed), passed);
        } catch (IncorrectClaimException e) {
            return failedInVerifier(incorrectClaim(e.getClaimName(), jwt, issuer, facts(token, jwt), passed), passed);
        } catch (JWTDecodeException e) {
            Failure grammar = headerGrammar ? BearerTokenExtractor.grammarFailure(token) : null;
            if (grammar != null) {
                return headerGrammarRefused(grammar, used);
            }
            return failed(Reason.MALFORMED_TOKEN, "the token is not a JWT: it needs three base64url parts"
                    + " with a JSON header and a JSON payload", "", facts(token, jwt), passed, Check.TOKEN);
        } catch (RuntimeException e) {
            // A hostile token may trip anything inside a parser; it is still the client's bad token.
            used.forgotten = true;
            Failure grammar = headerGrammar && jwt == null ? BearerTokenExtractor.grammarFailure(token) : null;
            if (grammar != null) {
                return headerGrammarRefused(grammar, used);
            }
            return failed(Reason.MALFORMED_TOKEN, "the token could not be read as a signed JWT", "", facts(token, jwt),
                    passed & ~current.bit(), current);
        }
    }

    /** The header's token outside RFC 6750's b64token: the header's fault, as if nothing after it had run. */
    private static AuthenticationResult headerGrammarRefused(Failure grammar, KeysUsed used) {
        used.forgotten = true;
        return AuthenticationResult.failed(grammar, new Checks(0, Check.HEADER));
    }

    /** A failure inside java-jwt: the checks it runs before the failing one passed (Check.VERIFIER_ORDER). */
    private static AuthenticationResult failedInVerifier(AuthenticationResult result, int passedBefore) {
        return AuthenticationResult.failed(result.failure(),
                Checks.failedInVerifier(passedBefore, result.checks().failed()));
    }

    /**
     * What may be logged of a refused token. Computed only for refusals: a SHA-256 of every accepted
     * token would cost more than the rest of the path.
     */
    private static TokenFacts facts(String token, DecodedJWT jwt) {
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

    /** The trusted issuer the token's {@code iss} names; with one issuer that checks no iss, that one. */
    private TrustedIssuer issuerOf(DecodedJWT jwt) {
        String iss = jwt.getIssuer();
        for (TrustedIssuer issuer : trusted) {
            if (iss != null && issuer.settings().issuers().contains(iss)) {
                return issuer;
            }
        }
        return trusted.size() == 1 && trusted.get(0).settings().issuers().isEmpty() ? trusted.get(0) : null;
    }

    /**
     * The header's algorithm when some trusted issuer allows it ({@code null} when none does): from our allow-list,
     * never trusted from the token.
     */
    private SignatureAlgorithm allowedAlgorithm(DecodedJWT jwt) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.named(jwt.getAlgorithm()).orElse(null);
        return algorithm != null && allowedAnywhere(algorithm) ? algorithm : null;
    }

    private Failure algorithmRefused(DecodedJWT jwt) {
        String alg = jwt.getAlgorithm();
        String shown = alg == null ? "no alg" : "alg '" + Text.shortValue(alg) + "'";
        return new Failure(Reason.ALGORITHM_NOT_ALLOWED, "the token's " + shown + " is not accepted here",
                "allowed: " + allowedAlgorithms, null);
    }

    /** The header's {@code crit} and {@code typ}. */
    private Failure checkHeader(DecodedJWT jwt) {
        if (!jwt.getHeaderClaim("crit").isMissing()) {
            // RFC 7515 §4.1.11: a recipient that does not understand every listed extension must reject.
            return Failure.of(Reason.MALFORMED_TOKEN, "the token's header has 'crit' extensions, which are not supported");
        }
        return tokenTypes.isEmpty() ? null : checkType(jwt.getHeaderClaim("typ"));
    }

    /**
     * {@code jwtguard.token.type}: RFC 8725 §3.11 explicit typing, e.g. RFC 9068 §4 "at+jwt", so that an ID
     * token or another JWT the same issuer signed for another purpose is not taken for an access token.
     * A token of the wrong type is not the token this API reads: {@code malformed_token}, like {@code crit}.
     */
    private Failure checkType(Claim typ) {
        String accepted = "accepted typ " + tokenTypes.stream().sorted().toList();
        if (typ.isMissing() || typ.isNull()) {
            return new Failure(Reason.MALFORMED_TOKEN, "the token has no 'typ' header, so it is not shown to be an"
                    + " access token of the accepted type", accepted, null);
        }
        String value = typ.asString();
        if (value == null) {
            return new Failure(Reason.MALFORMED_TOKEN, "the token's 'typ' header is not a string", accepted, null);
        }
        if (!tokenTypes.contains(Settings.mediaType(value))) {
            return new Failure(Reason.MALFORMED_TOKEN, "the token's typ '" + Text.shortValue(value)
                    + "' is not accepted here", accepted, null);
        }
        return null;
    }

    /**
     * What java-jwt lets through of the time claims. Decoding, it refuses a value that is not a JSON number in the
     * long range (RFC 7519 §2 NumericDate), so only this is left: a missing or JSON null {@code exp}, which it takes
     * for no expiry at all (tokens must expire here), a JSON null {@code nbf} or {@code iat}, which it takes for
     * absent, and dates past the year 9999. Read from the instants java-jwt decoded, not from the claims again.
     */
    private static Failure checkTimeClaimTypes(DecodedJWT jwt) {
        Instant exp = jwt.getExpiresAtAsInstant();
        if (exp == null) {
            return Failure.of(Reason.MISSING_REQUIRED_CLAIM, "the token has no 'exp' claim; tokens must expire");
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
        return sane ? null : Failure.of(Reason.MALFORMED_TOKEN, "the token's '" + name
                + "' is not a NumericDate (seconds since 1970 as a JSON number)");
    }

    /**
     * {@code jwtguard.max-token-age}: the token was issued (RFC 7519 §4.1.6 {@code iat}) no longer ago than
     * the age plus the skew. Without {@code iat} its age cannot be shown, so it counts as too old. Runs after
     * {@link #checkTimeClaimTypes}, so a present {@code iat} is a sane number.
     */
    private Failure checkTokenAge(DecodedJWT jwt) {
        if (maxTokenAge.isEmpty()) {
            return null;
        }
        String limit = "the maximum token age of " + maxTokenAge.get().toSeconds() + "s";
        Instant issued = jwt.getIssuedAtAsInstant();
        if (issued == null) {
            return Failure.of(Reason.TOKEN_EXPIRED, "the token has no 'iat' claim, so it is not shown to be within "
                    + limit);
        }
        if (Duration.between(issued, clock.instant()).minus(settings.clockSkew()).compareTo(maxTokenAge.get()) > 0) {
            return Failure.of(Reason.TOKEN_EXPIRED, "the token was issued at " + issued + " (iat), longer ago than "
                    + limit + ", server time " + now() + ", allowed skew " + skew());
        }
        return null;
    }

    private AuthenticationResult missingClaim(String claim, TrustedIssuer issuer, TokenFacts facts, int passed) {
        return switch (claim) {
            case "iss" -> failed(Reason.ISSUER_MISMATCH, "the token has no 'iss' claim", expectedIssuers(), facts,
                    passed, Check.ISSUER);
            case "aud" -> failed(Reason.AUDIENCE_MISMATCH, "the token has no 'aud' claim", expectedAudiences(issuer), facts,
                    passed, Check.AUDIENCE);
            default -> failed(Reason.MISSING_REQUIRED_CLAIM, "the token has no '" + Text.shortValue(claim)
                    + "' claim", "", facts, passed, Check.CLAIMS);
        };
    }

    private AuthenticationResult incorrectClaim(String claim, DecodedJWT jwt, TrustedIssuer issuer, TokenFacts facts,
            int passed) {
        return switch (claim) {
            case "iss" -> failed(Reason.ISSUER_MISMATCH, "the token's issuer '" + Text.shortValue(jwt.getIssuer())
                    + "' is not trusted here", expectedIssuers(), facts, passed, Check.ISSUER);
            case "aud" -> failed(Reason.AUDIENCE_MISMATCH, "the token's audience " + shortList(jwt.getAudience())
                    + " is not accepted here", expectedAudiences(issuer), facts, passed, Check.AUDIENCE);
            case "nbf" -> failed(Reason.TOKEN_NOT_YET_VALID, "the token is not valid before "
                    + jwt.getNotBeforeAsInstant() + " (nbf), server time " + now() + ", allowed skew " + skew(), "",
                    facts, passed, Check.LIFETIME);
            case "iat" -> failed(Reason.TOKEN_NOT_YET_VALID, "the token claims to be issued at "
                    + jwt.getIssuedAtAsInstant() + " (iat), after the server time " + now() + ", allowed skew "
                    + skew(), "", facts, passed, Check.LIFETIME);
            default -> failed(Reason.MALFORMED_TOKEN, "the token's '" + Text.shortValue(claim)
                    + "' claim has an unexpected value", "", facts, passed, Check.CLAIMS);
        };
    }

    private boolean allowedAnywhere(SignatureAlgorithm algorithm) {
        for (TrustedIssuer issuer : trusted) {
            if (issuer.settings().algorithms().contains(algorithm)) {
                return true;
            }
        }
        return false;
    }

    private JwtPrincipal principal(DecodedJWT jwt, String subject, TrustedIssuer issuer) {
        String name = jwt.getClaim(settings.nameClaim()).asString();
        // Converting every claim to Java values costs more than the signature check, and a rule without roles
        // never reads them: both done on first use.
        return new JwtPrincipal(name == null || name.isBlank() ? subject : name,
                new LazyRoles(() -> RolesClaim.union(issuer.rolesClaims(), jwt)), new LazyClaims(() -> claims(jwt)));
    }

    private static Map<String, Object> claims(DecodedJWT jwt) {
        Map<String, Object> claims = new HashMap<>();
        for (Map.Entry<String, Claim> entry : jwt.getClaims().entrySet()) {
            Object value = entry.getValue().as(Object.class);
            if (value != null) {
                claims.put(entry.getKey(), value);
            }
        }
        return claims;
    }

    private String expectedIssuers() {
        return "expected issuer " + trusted.stream().flatMap(i -> i.settings().issuers().stream()).toList();
    }

    /** The audiences of the token's own issuer, once it is known; of every issuer before that. */
    private String expectedAudiences(TrustedIssuer issuer) {
        List<String> audiences = issuer != null ? issuer.settings().audiences()
                : trusted.stream().flatMap(i -> i.settings().audiences().stream()).distinct().toList();
        return "expected audience " + audiences;
    }

    private static String shortList(List<String> values) {
        return values == null ? "[]" : values.stream().limit(5).map(Text::shortValue).toList().toString();
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private String skew() {
        return settings.clockSkew().toSeconds() + "s";
    }

    private static AuthenticationResult failed(Reason reason, String description, String expected, TokenFacts facts,
            int passed, Check at) {
        return failed(new Failure(reason, description, expected, facts), null, passed, at);
    }

    /** A refusal at check {@code at}, with the checks that passed before it; {@code facts} replace the failure's when given. */
    private static AuthenticationResult failed(Failure failure, TokenFacts facts, int passed, Check at) {
        return AuthenticationResult.failed(facts == null ? failure : failure.withToken(facts),
                new Checks(passed & ~at.bit(), at));
    }
}
