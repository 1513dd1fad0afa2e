package io.jwtguard.internal.authn;

import io.jwtguard.internal.diagnostics.Failure;

/**
 * How a request carries its credentials, classified before anything is verified (RFC 6750 §2.1):
 * none, unusable (with the failure to answer), or a token. A token from the {@code Authorization} header
 * leaves the check of its characters to the validator ({@code grammarLeft}): most of them are checked by
 * java-jwt's decoding there anyway. Immutable.
 */
record Extraction(Kind kind, String token, Failure failure, boolean grammarLeft) {

    enum Kind { ABSENT, MALFORMED, PRESENT }

    static final Extraction ABSENT = new Extraction(Kind.ABSENT, null, null, false);

    /** A token whose characters were checked whole. */
    static Extraction present(String token) {
        return new Extraction(Kind.PRESENT, token, null, false);
    }

    /** The header's token, its characters still to check against RFC 6750's b64token. */
    static Extraction fromHeader(String token) {
        return new Extraction(Kind.PRESENT, token, null, true);
    }

    static Extraction malformed(Failure failure) {
        return new Extraction(Kind.MALFORMED, null, failure, false);
    }
}
