package io.jwtguard.internal.authn;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A caller's roles as a sorted index into {@link PackedStrings}: what a remembered token keeps of its roles.
 * When the roles are the strings of one list claim, the index points into that claim's own packed list, so a
 * large {@code groups} claim is held once for the claims and the roles alike. {@code contains} is a binary
 * search over regions of the packed string; iterating builds the strings. Immutable and thread-safe.
 */
final class PackedRoles extends AbstractSet<String> {

    private final PackedStrings strings;
    /** Indices into {@code strings}, one per distinct role, in the order of the roles' values. */
    private final int[] sorted;

    private PackedRoles(PackedStrings strings, int[] sorted) {
        this.strings = strings;
        this.sorted = sorted;
    }

    /** The roles, packed on their own; duplicates dropped (a role set has no order). */
    static PackedRoles of(Collection<String> roles) {
        List<String> distinct = roles.stream().distinct().sorted().toList();
        return new PackedRoles(PackedStrings.of(distinct), IntStream.range(0, distinct.size()).toArray());
    }

    /** As {@link Set#copyOf}, but a set already packed, or read on first use from a token, is taken as it is. */
    static Set<String> copyOf(Set<String> roles) {
        return roles instanceof PackedRoles || roles instanceof LazyRoles ? roles : Set.copyOf(roles);
    }

    /**
     * {@code roles} for remembering: an index into the packed list at {@code rolesClaimPath} of the compacted
     * {@code claims} when every role is found there (the usual single roles claim), else packed on their own.
     */
    static PackedRoles sharing(Set<String> roles, Map<String, Object> claims, List<String> rolesClaimPaths) {
        if (rolesClaimPaths.size() == 1 && at(claims, rolesClaimPaths.get(0)) instanceof PackedStrings list) {
            int[] sorted = IntStream.range(0, list.size()).filter(i -> roles.contains(list.get(i))).boxed()
                    .sorted(Comparator.comparing(list::get)).mapToInt(Integer::intValue)
                    .filter(new DistinctByValue(list)).toArray();
            if (sorted.length == roles.size()) {
                return new PackedRoles(list, sorted);
            }
        }
        return of(roles);
    }

    private static Object at(Map<String, Object> claims, String dottedPath) {
        Object value = claims;
        for (String part : dottedPath.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        return value;
    }

    /** Keeps the first of each run of equal values in a sorted stream of indices. */
    private static final class DistinctByValue implements java.util.function.IntPredicate {
        private final PackedStrings list;
        private String previous;

        DistinctByValue(PackedStrings list) {
            this.list = list;
        }

        @Override
        public boolean test(int index) {
            String value = list.get(index);
            boolean first = !value.equals(previous);
            previous = value;
            return first;
        }
    }

    @Override
    public boolean contains(Object candidate) {
        if (!(candidate instanceof String role)) {
            return false;
        }
        int low = 0;
        int high = sorted.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = strings.compare(sorted[middle], role);
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

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < sorted.length;
            }

            @Override
            public String next() {
                if (next >= sorted.length) {
                    throw new NoSuchElementException();
                }
                return strings.get(sorted[next++]);
            }
        };
    }

    @Override
    public int size() {
        return sorted.length;
    }
}
