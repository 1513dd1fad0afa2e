package io.jwtguard.internal.authn;

import io.jwtguard.Reason;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.diagnostics.Text;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The authentication stage: finds the request's bearer token and verifies it. Returns a decision and
 * writes nothing. Thread-safe; between {@link #start()} and {@link #close()} its JWKS key sources fetch keys in
 * the background, and its verified-token cache fills as requests come.
 */
public final class Authenticator {

    private static final Failure MISSING = Failure.of(Reason.MISSING_TOKEN,
            "the request has no bearer token; send 'Authorization: Bearer <token>'");

    private final BearerTokenExtractor extractor;
    private final TokenValidator validator;
    private final String cookieName;
    private final TokenCookie tokenCookie;
    private final boolean dpop;

    public Authenticator(Settings settings, Clock clock) {
        this.dpop = settings.dpop().on();
        this.extractor = new BearerTokenExtractor(settings.maxTokenLength(), dpop);
        this.validator = new TokenValidator(settings, clock);
        this.cookieName = settings.tokenCookie();
        this.tokenCookie = new TokenCookie(cookieName);
    }

    /** Starts background work of the key sources (a first JWKS fetch). */
    public void start() {
        validator.start();
    }

    public void close() {
        validator.close();
    }

    /** What each trusted issuer's key source holds now (the development console shows it). */
    public java.util.List<KeySetStatus> keySets() {
        return validator.keySets();
    }

    /** JWKS fetches per issuer name, for counters and tests. */
    public java.util.Map<String, Long> keyFetches() {
        return validator.keyFetches();
    }

    /** Failed JWKS fetches per issuer name, for counters. */
    public java.util.Map<String, Long> keyFetchFailures() {
        return validator.keyFetchFailures();
    }

    /** Whether the verified-token cache is on ({@code jwtguard.token.cache.size} above 0). */
    public boolean caches() {
        return validator.remembers();
    }

    /** Requests the verified-token cache answered. */
    public long cacheHits() {
        return validator.memory().hits();
    }

    /** Tokens verified in full while the cache is on. */
    public long cacheMisses() {
        return validator.memory().misses();
    }

    /** Verified tokens the cache holds now. */
    public long cacheSize() {
        return validator.memory().size();
    }

    public AuthenticationResult authenticate(HttpServletRequest request) {
        List<String> headers = authorizationHeaders(request.getHeaders("Authorization"));
        if (!headers.isEmpty() || cookieName.isEmpty()) {
            return authenticate(headers, null);
        }
        List<String> cookies = tokenCookie.values(request.getHeaders("Cookie"));
        if (cookies.size() > 1) {
            // Which one is the caller's? A cookie a sibling subdomain or a parent path sets can shadow it.
            return AuthenticationResult.failed(Failure.of(Reason.MALFORMED_AUTHORIZATION_HEADER, "the token cookie '"
                    + Text.shortValue(cookieName) + "' is sent " + cookies.size() + " times; send it once (name it"
                    + " with the __Host- prefix so that no other site or path can set one beside it)"),
                    new Checks(0, Check.HEADER));
        }
        return authenticate(headers, cookies.isEmpty() ? null : cookies.get(0));
    }

    /** The header's values: the usual one without a list grown for it. */
    private static List<String> authorizationHeaders(Enumeration<String> values) {
        // A container may answer null when it does not let the application read a header (Servlet 6.0).
        if (values == null || !values.hasMoreElements()) {
            return List.of();
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first == null ? List.of() : List.of(first);
        }
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(Collections.list(values));
        return all;
    }

    /** Verifies a token that came from elsewhere than the request (a listener's). */
    public AuthenticationResult validate(String token) {
        return validator.validate(token);
    }

    /** The same decision from the raw header values and cookie value, for callers without a request. */
    public AuthenticationResult authenticate(List<String> authorizationHeaders, String cookieToken) {
        if (authorizationHeaders.size() == 1 && validator.remembers()) {
            AuthenticationResult remembered = remembered(authorizationHeaders.get(0));
            if (remembered != null) {
                return remembered;
            }
        }
        Extraction extraction = extractor.extract(authorizationHeaders, cookieToken);
        return switch (extraction.kind()) {
            case ABSENT -> AuthenticationResult.noToken(MISSING);
            case MALFORMED -> AuthenticationResult.failed(extraction.failure(), new Checks(0, Check.HEADER));
            case PRESENT -> extraction.grammarLeft() ? validator.validateFromHeader(extraction.token())
                    : validator.validate(extraction.token());
        };
    }

    /**
     * The cache's answer for a header {@code Bearer <token>} whose token was decided before: exactly that
     * token, so the header's grammar was passed then, and the token was verified or refused for a reason that
     * cannot have changed. Anything but {@code Bearer 1*SP token} with no white space around it takes the full path.
     */
    private AuthenticationResult remembered(String header) {
        AuthenticationResult usual = validator.rememberedHeader(header);
        if (usual != null) {
            return usual;
        }
        int start = BearerGrammar.tokenStart(header);
        if (start < 0 && dpop) {
            start = BearerGrammar.tokenStart(header, BearerGrammar.DPOP_SCHEME);
        }
        if (start < 0) {
            return null;
        }
        return validator.remembered(header.substring(start));
    }
}
