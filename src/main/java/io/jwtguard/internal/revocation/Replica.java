package io.jwtguard.internal.revocation;

import io.jwtguard.RevocationStore.Entry;
import io.jwtguard.RevocationStore.Kind;
import io.jwtguard.internal.authn.TokenIds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's copy of every revocation in force, read on every authenticated request. Only ever grows
 * (a revocation is never taken back) until an entry's {@code expiresAt}, when no token it applies to can be
 * valid: expired entries are ignored at once and dropped by {@link #purge()}. Deliberately not a cache: nothing
 * is ever evicted for size, since a forgotten revocation would admit a signed-out token. Entries are found by
 * the claim's value alone (no key object to build on the request path), the issuer compared after. Thread-safe.
 */
final class Replica {

    private final ConcurrentHashMap<String, List<Entry>> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, List<Entry>> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, List<Entry>> subjects = new ConcurrentHashMap<>();
    private final Map<Kind, ConcurrentHashMap<String, List<Entry>>> byKind;
    private final Clock clock;

    Replica(Clock clock) {
        this.clock = clock;
        this.byKind = new EnumMap<>(Map.of(Kind.TOKEN, tokens, Kind.SESSION, sessions, Kind.SUBJECT, subjects));
    }

    /** Adds {@code entry}; for a subject, the latest {@code notBefore} wins. */
    void apply(Entry entry) {
        byKind.get(entry.kind()).compute(entry.id(), (id, entries) -> {
            List<Entry> kept = new ArrayList<>(entries == null ? 1 : entries.size() + 1);
            boolean merged = false;
            if (entries != null) {
                for (Entry old : entries) {
                    if (old.issuer().equals(entry.issuer())) {
                        kept.add(later(old, entry));
                        merged = true;
                    } else {
                        kept.add(old);
                    }
                }
            }
            if (!merged) {
                kept.add(entry);
            }
            return List.copyOf(kept);
        });
    }

    private static Entry later(Entry a, Entry b) {
        return new Entry(a.kind(), a.issuer(), a.id(), a.notBefore().isAfter(b.notBefore()) ? a.notBefore() : b.notBefore(),
                a.expiresAt().isAfter(b.expiresAt()) ? a.expiresAt() : b.expiresAt());
    }

    /**
     * The revocation that applies to the token with these ids, or {@code null}. An empty kind costs one size read,
     * and the clock is read only when an entry matches.
     */
    Entry revoking(TokenIds ids) {
        Entry found = find(tokens, ids.jti(), ids.issuer());
        if (found == null) {
            found = find(sessions, ids.sid(), ids.issuer());
        }
        if (found == null) {
            Entry subject = find(subjects, ids.subject(), ids.issuer());
            // A token without iat cannot show it was issued after the sign-out: revoked too.
            if (subject != null && (ids.issuedAtMillis() == TokenIds.NO_IAT
                    || ids.issuedAtMillis() < subject.notBefore().toEpochMilli())) {
                found = subject;
            }
        }
        return found;
    }

    /** The revocation of this session or of its subject since {@code issuedAtMillis}, or {@code null}. */
    Entry revokingGrant(String issuer, String family, String subject, long issuedAtMillis) {
        Entry session = find(sessions, family, issuer);
        if (session != null) {
            return session;
        }
        Entry signedOut = find(subjects, subject, issuer);
        return signedOut != null && issuedAtMillis < signedOut.notBefore().toEpochMilli() ? signedOut : null;
    }

    /** This session's revocation as held, or {@code null}. */
    Entry sessionEntry(String issuer, String family) {
        List<Entry> candidates = sessions.get(family);
        if (candidates != null) {
            for (Entry entry : candidates) {
                if (entry.issuer().equals(issuer)) {
                    return entry;
                }
            }
        }
        return null;
    }

    /**
     * Drops {@code entry}'s revocation: only for one that a subject's not-before, already applied, now answers for
     * (a cap on revocations per subject), never to take a revocation back.
     */
    void forget(Entry entry) {
        byKind.get(entry.kind()).computeIfPresent(entry.id(), (id, entries) -> {
            List<Entry> left = entries.stream().filter(old -> !old.issuer().equals(entry.issuer())).toList();
            return left.isEmpty() ? null : left;
        });
    }

    /** The subject's sign-out everywhere in force, in epoch milliseconds, or {@link Long#MIN_VALUE}. */
    long signedOutAt(String issuer, String subject) {
        Entry signedOut = find(subjects, subject, issuer);
        return signedOut == null ? Long.MIN_VALUE : signedOut.notBefore().toEpochMilli();
    }

    private Entry find(ConcurrentHashMap<String, List<Entry>> entries, String id, String issuer) {
        if (id == null || entries.isEmpty()) {
            return null;
        }
        List<Entry> candidates = entries.get(id);
        return candidates == null ? null : matching(candidates, issuer, clock.millis());
    }

    private static Entry matching(List<Entry> candidates, String issuer, long now) {
        for (Entry entry : candidates) {
            if (entry.issuer().equals(issuer) && now < entry.expiresAt().toEpochMilli()) {
                return entry;
            }
        }
        return null;
    }

    /** Every entry still in force. */
    List<Entry> all() {
        long now = clock.millis();
        List<Entry> all = new ArrayList<>();
        for (ConcurrentHashMap<String, List<Entry>> entries : byKind.values()) {
            entries.values().forEach(list -> list.stream().filter(e -> now < e.expiresAt().toEpochMilli()).forEach(all::add));
        }
        return all;
    }

    /** Drops the entries that expired: no token they applied to can be valid any more. */
    void purge() {
        long now = clock.millis();
        for (ConcurrentHashMap<String, List<Entry>> entries : byKind.values()) {
            for (String id : entries.keySet()) {
                entries.computeIfPresent(id, (key, list) -> {
                    List<Entry> left = list.stream().filter(e -> now < e.expiresAt().toEpochMilli()).toList();
                    return left.isEmpty() ? null : left;
                });
            }
        }
    }

    /** Entries held, expired ones not yet purged included. */
    int size() {
        return byKind.values().stream().mapToInt(entries -> entries.values().stream().mapToInt(List::size).sum()).sum();
    }
}
