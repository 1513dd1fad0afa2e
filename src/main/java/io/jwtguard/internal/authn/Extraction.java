package io.jwtguard.internal.authn;

import io.jwtguard.internal.diagnostics.Failure;

/**
 * How a request carries its credentials, classified before anything is verified (RFC 6750 §2.1):
 * none, unusable (with the failure to answer), or a token that is well-formed on the wire. Immutable.
 */
record Extraction(Kind kind, String token, Failure failure) {

    enum Kind { ABSENT, MALFORMED, PRESENT }

    static final Extraction ABSENT = new Extraction(Kind.ABSENT, null, null);

    static Extraction present(String token) {
        return new Extraction(Kind.PRESENT, token, null);
    }

    static Extraction malformed(Failure failure) {
        return new Extraction(Kind.MALFORMED, null, failure);
    }
}
