package io.jwtguard.internal.revocation;

import io.jwtguard.RevocationStore;
import java.io.IOException;

/**
 * The store the service opened at start, shared by the parts that read and write it. Before then (a deploy-time
 * check never starts one) every use fails as an outage does, so nothing is admitted for want of a store.
 * Thread-safe: set once, read through a volatile field.
 */
final class CurrentStore {

    private volatile RevocationStore store;

    void set(RevocationStore opened) {
        store = opened;
    }

    boolean opened() {
        return store != null;
    }

    /** @throws IOException when the service has not started */
    RevocationStore get() throws IOException {
        RevocationStore current = store;
        if (current == null) {
            throw new IOException("the revocation store is not started");
        }
        return current;
    }

    void close() {
        RevocationStore current = store;
        if (current != null) {
            current.close();
        }
    }
}
