package io.jwtguard.internal.authn;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made from its source on first use, then kept: what {@link LazyClaims} and {@link LazyRoles} read
 * from a decoded token. The source must give equal values each time, so that a race only makes the value
 * twice. Thread-safe.
 */
final class FirstUse<T> {

    private final Supplier<T> source;
    private volatile T value;

    FirstUse(Supplier<T> source) {
        this.source = source;
    }

    T get() {
        T known = value;
        if (known == null) {
            known = Objects.requireNonNull(source.get());
            value = known;
        }
        return known;
    }
}
