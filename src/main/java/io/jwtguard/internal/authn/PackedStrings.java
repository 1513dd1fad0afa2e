package io.jwtguard.internal.authn;

import java.util.AbstractList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A list of strings as one string and a table of where each ends: how a remembered token keeps a large list
 * claim ({@code groups}: 190 names are 190 {@code String} objects of about 72 bytes each as Java objects, twice
 * their JSON; packed, their characters and four bytes each). Reading an element builds its string. Immutable
 * and thread-safe.
 */
final class PackedStrings extends AbstractList<String> implements RandomAccess {

    private final String packed;
    /** {@code ends[i]} is where element {@code i} ends in {@code packed}; it starts where the one before ends. */
    private final int[] ends;

    private PackedStrings(String packed, int[] ends) {
        this.packed = packed;
        this.ends = ends;
    }

    /** The strings, in their order, duplicates kept. */
    static PackedStrings of(List<String> values) {
        StringBuilder packed = new StringBuilder();
        int[] ends = new int[values.size()];
        for (int i = 0; i < ends.length; i++) {
            packed.append(values.get(i));
            ends[i] = packed.length();
        }
        return new PackedStrings(packed.toString(), ends);
    }

    /**
     * A verified token's claims for remembering: every list of strings packed, at any depth; other values as
     * they are. Read-only.
     */
    static Map<String, Object> compactClaims(Map<String, Object> claims) {
        Map<String, Object> compact = new LinkedHashMap<>();
        claims.forEach((name, value) -> compact.put(name, compact(value)));
        return Collections.unmodifiableMap(compact);
    }

    @SuppressWarnings("unchecked")
    private static Object compact(Object value) {
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(String.class::isInstance)) {
            return of((List<String>) list);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> compact = new LinkedHashMap<>();
            map.forEach((name, inner) -> compact.put(name, compact(inner)));
            return Collections.unmodifiableMap(compact);
        }
        return value;
    }

    int start(int index) {
        return index == 0 ? 0 : ends[index - 1];
    }

    /** Element {@code index} compared with {@code other}, as {@link String#compareTo} would, without a copy. */
    int compare(int index, String other) {
        int start = start(index);
        int length = ends[index] - start;
        int shorter = Math.min(length, other.length());
        for (int i = 0; i < shorter; i++) {
            int difference = packed.charAt(start + i) - other.charAt(i);
            if (difference != 0) {
                return difference;
            }
        }
        return length - other.length();
    }

    @Override
    public String get(int index) {
        if (index < 0 || index >= ends.length) {
            throw new IndexOutOfBoundsException(index);
        }
        return packed.substring(start(index), ends[index]);
    }

    @Override
    public int size() {
        return ends.length;
    }
}
