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
public final class LazyClaims extends AbstractMap<String, Object> {

    private final Supplier<Map<String, Object>> source;
    private volatile Map<String, Object> claims;

    public LazyClaims(Supplier<Map<String, Object>> source) {
        this.source = source;
    }

    private Map<String, Object> claims() {
        Map<String, Object> known = claims;
        if (known == null) {
            known = Map.copyOf(source.get());
            claims = known;
        }
        return known;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return claims().entrySet();
    }

    @Override
    public Object get(Object key) {
        return claims().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return claims().containsKey(key);
    }

    @Override
    public int size() {
        return claims().size();
    }
}
