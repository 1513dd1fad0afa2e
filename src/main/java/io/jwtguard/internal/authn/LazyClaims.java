package io.jwtguard.internal.authn;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A verified token's claims as a read-only map whose values are converted from the decoded token only
 * when first read: most requests never look at claims beyond the name and roles, which are read eagerly.
 * The conversion is idempotent, so a race only computes it twice. Thread-safe.
 */
final class LazyClaims extends AbstractMap<String, Object> {

    private final FirstUse<Map<String, Object>> claims;

    LazyClaims(Supplier<Map<String, Object>> source) {
        this.claims = new FirstUse<>(() -> Map.copyOf(source.get()));
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return claims.get().entrySet();
    }

    @Override
    public Object get(Object key) {
        return claims.get().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return claims.get().containsKey(key);
    }

    @Override
    public int size() {
        return claims.get().size();
    }
}
