package io.jwtguard.internal.authn;

/**
 * A key set or discovery document could not be had. The message is ours and safe to log: it never holds
 * the response body.
 */
final class KeyFetchException extends Exception {

    private static final long serialVersionUID = 1L;

    KeyFetchException(String message) {
        super(message, null, false, false);
    }
}
