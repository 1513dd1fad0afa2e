package io.jwtguard.internal.revocation;

import io.jwtguard.RevocationStore.Entry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this instance has issued and revoked per subject, so that no caller can grow it without bound: at most
 * {@link #MAX_SESSIONS} live refresh-token families and {@link #MAX_REVOCATIONS} token and session revocations
 * per subject. Past a cap the oldest are not forgotten but answered for in a way that fails closed: a family
 * beyond the cap is revoked; revocations beyond the cap are replaced by the subject's not-before, which refuses
 * everything they refused and more (every token of the subject issued up to then). The service acts on the
 * answers; this class only keeps the books. Thread-safe: each subject's books are guarded by themselves.
 */
final class Subjects {

    /** Live sessions (refresh-token families) per subject: more than a person keeps on their devices. */
    static final int MAX_SESSIONS = 32;
    /** Token and session revocations per subject kept one by one; older ones become the subject's not-before. */
    static final int MAX_REVOCATIONS = 64;

    /** Where a family's refresh grant and its reuse marker are kept in the store. */
    record Family(String family, String grantKey, String markerKey, long expiresAtMillis) {
    }

    /** What the caps ask for: families to revoke (and remove from the store), revocations a not-before replaces. */
    record Overflow(List<Family> families, List<Entry> revocations) {
        static final Overflow NONE = new Overflow(List.of(), List.of());

        boolean none() {
            return families.isEmpty() && revocations.isEmpty();
        }
    }

    private static final class Books {
        /** Guarded by this. Insertion order: oldest first. */
        final LinkedHashMap<String, Family> families = new LinkedHashMap<>();
        /** Guarded by this. Oldest first. */
        final ArrayDeque<Entry> revocations = new ArrayDeque<>();

        /** Guarded by this. */
        void expire(long now) {
            families.values().removeIf(family -> family.expiresAtMillis() <= now);
            revocations.removeIf(entry -> entry.expiresAt().toEpochMilli() <= now);
        }

        boolean empty() {
            return families.isEmpty() && revocations.isEmpty();
        }
    }

    private final ConcurrentHashMap<String, Books> books = new ConcurrentHashMap<>();
    private final Clock clock;

    Subjects(Clock clock) {
        this.clock = clock;
    }

    private static String key(String issuer, String subject) {
        return issuer + '\u0000' + subject;
    }

    /** A family issued (or rotated) its refresh token: the families past the cap, oldest first, to revoke. */
    Overflow issued(String issuer, String subject, Family family) {
        List<Family> over = new ArrayList<>();
        books.compute(key(issuer, subject), (key, existing) -> {
            Books subjectBooks = existing == null ? new Books() : existing;
            synchronized (subjectBooks) {
                subjectBooks.expire(clock.millis());
                subjectBooks.families.remove(family.family());
                subjectBooks.families.put(family.family(), family);
                Iterator<Family> oldest = subjectBooks.families.values().iterator();
                while (subjectBooks.families.size() - over.size() > MAX_SESSIONS) {
                    over.add(oldest.next());
                }
                over.forEach(dropped -> subjectBooks.families.remove(dropped.family()));
            }
            return subjectBooks;
        });
        return over.isEmpty() ? Overflow.NONE : new Overflow(over, List.of());
    }

    /** The family's keys in the store, forgotten here: its session was revoked. Null when unknown here. */
    Family ended(String issuer, String subject, String family) {
        Books subjectBooks = books.get(key(issuer, subject));
        if (subjectBooks == null) {
            return null;
        }
        synchronized (subjectBooks) {
            return subjectBooks.families.remove(family);
        }
    }

    /**
     * Revocations recorded for the subject: past the cap, the oldest half of them, for the service to replace by a
     * not-before (when it is recorded, they can go from the replica).
     */
    Overflow revoked(String issuer, String subject, List<Entry> entries) {
        List<Entry> over = new ArrayList<>();
        books.compute(key(issuer, subject), (key, existing) -> {
            Books subjectBooks = existing == null ? new Books() : existing;
            synchronized (subjectBooks) {
                subjectBooks.expire(clock.millis());
                subjectBooks.revocations.addAll(entries);
                if (subjectBooks.revocations.size() > MAX_REVOCATIONS) {
                    // Half at once, so one not-before answers for many logouts rather than one each.
                    while (subjectBooks.revocations.size() > MAX_REVOCATIONS / 2) {
                        over.add(subjectBooks.revocations.removeFirst());
                    }
                }
            }
            return subjectBooks;
        });
        return over.isEmpty() ? Overflow.NONE : new Overflow(List.of(), over);
    }

    /** Drops what expired, and the subjects left with nothing. */
    void purge() {
        long now = clock.millis();
        for (Map.Entry<String, Books> entry : books.entrySet()) {
            books.computeIfPresent(entry.getKey(), (key, subjectBooks) -> {
                synchronized (subjectBooks) {
                    subjectBooks.expire(now);
                    return subjectBooks.empty() ? null : subjectBooks;
                }
            });
        }
    }

    /** Families and revocations held, for tests: what a caller could make grow. */
    int size() {
        int size = 0;
        for (Books subjectBooks : books.values()) {
            synchronized (subjectBooks) {
                size += subjectBooks.families.size() + subjectBooks.revocations.size();
            }
        }
        return size;
    }
}
