package io.jwtguard.it.app;

/** The body protected servlets answer with: it must never reach a caller without the right token. */
public final class Canary {

    public static final String BODY = "CANARY-7f3a-protected-body";

    private Canary() {
    }
}
