package io.jwtguard.internal.authn;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A caller's roles as one string and a table of where each role ends, sorted: what a remembered token keeps
 * of a large roles claim (190 group names are 190 {@code String} objects of about 72 bytes each, twice their
 * JSON; packed they are their characters and four bytes each). {@code contains} is a binary search over
 * regions of the one string; iterating builds the strings. Immutable and thread-safe.
 */
public final class PackedRoles extends AbstractSet<String> {

    private final String packed;
    /** {@code ends[i]} is where role {@code i} ends in {@code packed}; role {@code i} starts at {@code ends[i - 1]}. */
    private final int[] ends;

    private PackedRoles(String packed, int[] ends) {
        this.packed = packed;
        this.ends = ends;
    }

    /** The roles, packed; duplicates are dropped, order is not kept (a role set has none). */
    public static PackedRoles of(Collection<String> roles) {
        String[] sorted = roles.stream().distinct().sorted().toArray(String[]::new);
        StringBuilder packed = new StringBuilder();
        int[] ends = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            packed.append(sorted[i]);
            ends[i] = packed.length();
        }
        return new PackedRoles(packed.toString(), ends);
    }

    /** As {@link Set#copyOf}, but a set already packed is taken as it is. */
    public static Set<String> copyOf(Set<String> roles) {
        return roles instanceof PackedRoles packed ? packed : Set.copyOf(roles);
    }

    private int start(int index) {
        return index == 0 ? 0 : ends[index - 1];
    }

    private String role(int index) {
        return packed.substring(start(index), ends[index]);
    }

    @Override
    public boolean contains(Object candidate) {
        if (!(candidate instanceof String role)) {
            return false;
        }
        int low = 0;
        int high = ends.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = compare(middle, role);
            if (order == 0) {
                return true;
            }
            if (order < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return false;
    }

    /** Role {@code index} compared with {@code role}, as {@link String#compareTo} would, without a copy. */
    private int compare(int index, String role) {
        int start = start(index);
        int length = ends[index] - start;
        int shorter = Math.min(length, role.length());
        for (int i = 0; i < shorter; i++) {
            int difference = packed.charAt(start + i) - role.charAt(i);
            if (difference != 0) {
                return difference;
            }
        }
        return length - role.length();
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < ends.length;
            }

            @Override
            public String next() {
                if (next >= ends.length) {
                    throw new NoSuchElementException();
                }
                return role(next++);
            }
        };
    }

    @Override
    public int size() {
        return ends.length;
    }
}
