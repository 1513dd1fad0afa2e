package io.jwtguard.internal.authn;

import io.jwtguard.Reason;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.diagnostics.Text;
import io.jwtguard.internal.diagnostics.TokenFacts;
import java.util.List;

/**
 * Finds the bearer token of a request: the {@code Authorization} header as RFC 6750 §2.1 writes it
 * ({@link BearerGrammar}), else the configured cookie. The query string and the body are never read
 * (RFC 6750 §2.2-2.3 are opt-in and leak tokens into logs). Immutable and thread-safe.
 */
final class BearerTokenExtractor {

    private final int maxTokenLength;
    private final boolean dpop;

    BearerTokenExtractor(int maxTokenLength) {
        this(maxTokenLength, false);
    }

    /** @param dpop whether the {@code DPoP} scheme carries a token too (its proof is checked after the token) */
    BearerTokenExtractor(int maxTokenLength, boolean dpop) {
        this.maxTokenLength = maxTokenLength;
        this.dpop = dpop;
    }

    /**
     * @param authorizationHeaders every {@code Authorization} header value of the request
     * @param cookieToken the configured cookie's value, or {@code null}
     */
    Extraction extract(List<String> authorizationHeaders, String cookieToken) {
        if (authorizationHeaders.size() > 1) {
            return malformedHeader("the request has " + authorizationHeaders.size()
                    + " Authorization headers; send exactly one");
        }
        if (authorizationHeaders.size() == 1) {
            return fromHeader(authorizationHeaders.get(0));
        }
        if (cookieToken != null) {
            return fromCookie(cookieToken);
        }
        return Extraction.ABSENT;
    }

    private Extraction fromHeader(String rawValue) {
        String value = rawValue.strip();
        if (value.isEmpty()) {
            return malformedHeader("the Authorization header is empty; send 'Bearer <token>'");
        }
        int space = value.indexOf(' ');
        int schemeEnd = space < 0 ? value.length() : space;
        boolean dpopScheme = dpop && BearerGrammar.isDpopScheme(value, schemeEnd);
        if (!dpopScheme && !BearerGrammar.isBearerScheme(value, schemeEnd)) {
            String scheme = value.substring(0, schemeEnd);
            if (!BearerGrammar.isAuthScheme(scheme)) {
                return malformedHeader("the Authorization header does not start with an auth scheme;"
                        + " send 'Bearer <token>'");
            }
            return Extraction.malformed(Failure.of(Reason.UNSUPPORTED_SCHEME, "the '" + Text.shortValue(scheme)
                    + "' scheme is not accepted here; send 'Bearer <token>'"));
        }
        // Stripped and of the scheme: only a missing token leaves the value outside the grammar's form.
        int start = BearerGrammar.tokenStart(value, dpopScheme ? BearerGrammar.DPOP_SCHEME : BearerGrammar.SCHEME);
        if (start < 0) {
            return malformedHeader(dpopScheme ? "the DPoP scheme has no token; send 'DPoP <token>' and its proof"
                    : "the Bearer scheme has no token; send 'Bearer <token>'");
        }
        String token = value.substring(start);
        if (token.length() > maxTokenLength) {
            return tooLong(token);
        }
        // Its characters are checked by the validator, once java-jwt's strict base64url decoding has checked most.
        return Extraction.fromHeader(token);
    }

    private Extraction fromCookie(String value) {
        if (value.length() > maxTokenLength) {
            return tooLong(value);
        }
        if (value.isEmpty() || BearerGrammar.firstInvalidCharacter(value) >= 0) {
            return Extraction.malformed(Failure.of(Reason.MALFORMED_TOKEN, "the token cookie does not hold a JWT"));
        }
        return Extraction.present(value);
    }

    private Extraction tooLong(String token) {
        return Extraction.malformed(TokenRefusals.tooLong(token.length(), maxTokenLength)
                .withToken(TokenFacts.of(token)));
    }

    private static Extraction malformedHeader(String description) {
        return Extraction.malformed(Failure.of(Reason.MALFORMED_AUTHORIZATION_HEADER, description));
    }
}
