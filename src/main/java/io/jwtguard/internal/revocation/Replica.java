package io.jwtguard.internal.revocation;

import io.jwtguard.JwtPrincipal;
import io.jwtguard.RevocationStore.Entry;
import io.jwtguard.RevocationStore.Kind;
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

    private final Map<Kind, ConcurrentHashMap<String, List<Entry>>> byKind = new EnumMap<>(Kind.class);
    private final Clock clock;

    Replica(Clock clock) {
        this.clock = clock;
        for (Kind kind : Kind.values()) {
            byKind.put(kind, new ConcurrentHashMap<>());
        }
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

    /** The revocation that applies to {@code caller}'s token, or {@code null}. */
    Entry revoking(JwtPrincipal caller) {
        Map<String, Object> claims = caller.getClaims();
        long now = clock.millis();
        Entry found = find(Kind.TOKEN, claims.get("jti"), claims, now);
        if (found == null) {
            found = find(Kind.SESSION, claims.get("sid"), claims, now);
        }
        if (found == null) {
            Entry subject = find(Kind.SUBJECT, claims.get("sub"), claims, now);
            if (subject != null && issuedBefore(claims.get("iat"), subject)) {
                found = subject;
            }
        }
        return found;
    }

    /** The revocation of this session or of its subject since {@code issuedAtMillis}, or {@code null}. */
    Entry revokingGrant(String issuer, String family, String subject, long issuedAtMillis) {
        long now = clock.millis();
        Entry session = find(Kind.SESSION, family, issuer, now);
        if (session != null) {
            return session;
        }
        Entry signedOut = find(Kind.SUBJECT, subject, issuer, now);
        return signedOut != null && issuedAtMillis < signedOut.notBefore().toEpochMilli() ? signedOut : null;
    }

    /** A token without {@code iat} cannot show it was issued after the sign-out: revoked too. */
    private static boolean issuedBefore(Object iat, Entry signedOut) {
        return !(iat instanceof Number seconds) || seconds.longValue() * 1000 < signedOut.notBefore().toEpochMilli();
    }

    private Entry find(Kind kind, Object id, Map<String, Object> claims, long now) {
        if (!(id instanceof String key)) {
            return null;
        }
        ConcurrentHashMap<String, List<Entry>> entries = byKind.get(kind);
        if (entries.isEmpty()) {
            return null;
        }
        List<Entry> candidates = entries.get(key);
        if (candidates == null) {
            return null;
        }
        Object iss = claims.get("iss");
        return matching(candidates, iss instanceof String issuer ? issuer : "", now);
    }

    private Entry find(Kind kind, String id, String issuer, long now) {
        List<Entry> candidates = byKind.get(kind).get(id);
        return candidates == null ? null : matching(candidates, issuer, now);
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
