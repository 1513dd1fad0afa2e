package io.jwtguard.internal.authn;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A verified token's roles, read from its roles claims only when first asked for: a rule that needs only an
 * authenticated caller never reads them, and reading a claim out of the decoded token is most of what building
 * the principal costs. Reading is idempotent, so a race only reads twice. Read-only and thread-safe.
 */
final class LazyRoles extends AbstractSet<String> {

    private final FirstUse<Set<String>> roles;

    LazyRoles(Supplier<Set<String>> source) {
        this.roles = new FirstUse<>(() -> readOrNone(source));
    }

    /**
     * Read after verification, outside its one catch, so a roles claim that cannot be read must not become an
     * exception in the authorizer or the application (a 500 for a client's token): it gives no roles, like a claim
     * of the wrong type, and a rule that needs a role refuses. The same with the cache on, where the read happens at once.
     */
    private static Set<String> readOrNone(Supplier<Set<String>> source) {
        try {
            return Set.copyOf(source.get());
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    @Override
    public boolean contains(Object role) {
        return roles.get().contains(role);
    }

    @Override
    public boolean isEmpty() {
        return roles.get().isEmpty();
    }

    @Override
    public Iterator<String> iterator() {
        return roles.get().iterator();
    }

    @Override
    public int size() {
        return roles.get().size();
    }
}
