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
public final class LazyRoles extends AbstractSet<String> {

    private final Supplier<Set<String>> source;
    private volatile Set<String> roles;

    public LazyRoles(Supplier<Set<String>> source) {
        this.source = source;
    }

    private Set<String> roles() {
        Set<String> known = roles;
        if (known == null) {
            known = Set.copyOf(source.get());
            roles = known;
        }
        return known;
    }

    @Override
    public boolean contains(Object role) {
        return roles().contains(role);
    }

    @Override
    public boolean isEmpty() {
        return roles().isEmpty();
    }

    @Override
    public Iterator<String> iterator() {
        return roles().iterator();
    }

    @Override
    public int size() {
        return roles().size();
    }
}
