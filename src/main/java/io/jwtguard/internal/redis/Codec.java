package io.jwtguard.internal.redis;

import io.jwtguard.RevocationStore.Entry;
import io.jwtguard.RevocationStore.Kind;
import io.jwtguard.RevocationStore.RefreshGrant;
import io.jwtguard.internal.revocation.Sha256;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Revocations and refresh grants as one line of text for a shared store: fields separated by {@code |}, free
 * text percent-encoded (so no issuer, subject or role can forge a field). A grant's line starts with its
 * used flag, {@code 0} or {@code 1}, which the store's atomic use flips. Stateless.
 */
final class Codec {

    private static final String VERSION = "1";

    private Codec() {
    }

    static String encode(Entry entry) {
        return String.join("|", VERSION, entry.kind().name(), Long.toString(entry.notBefore().toEpochMilli()),
                Long.toString(entry.expiresAt().toEpochMilli()), text(entry.issuer()), text(entry.id()));
    }

    /** @throws IllegalArgumentException when {@code line} is not an entry this version wrote */
    static Entry decodeEntry(String line) {
        String[] f = line.split("\\|", -1);
        if (f.length != 6 || !VERSION.equals(f[0])) {
            throw new IllegalArgumentException("not a JwtGuard revocation");
        }
        return new Entry(Kind.valueOf(f[1]), untext(f[4]), untext(f[5]), Instant.ofEpochMilli(Long.parseLong(f[2])),
                Instant.ofEpochMilli(Long.parseLong(f[3])));
    }

    static String encode(RefreshGrant grant) {
        List<String> roles = new ArrayList<>();
        grant.roles().forEach(role -> roles.add(text(role)));
        return String.join("|", grant.used() ? "1" : "0", VERSION, text(grant.family()), text(grant.subject()),
                String.join(",", roles), Long.toString(grant.issuedAt().toEpochMilli()),
                Long.toString(grant.expiresAt().toEpochMilli()));
    }

    /** @throws IllegalArgumentException when {@code line} is not a grant this version wrote */
    static RefreshGrant decodeGrant(String line) {
        String[] f = line.split("\\|", -1);
        if (f.length != 7 || !VERSION.equals(f[1])) {
            throw new IllegalArgumentException("not a JwtGuard refresh grant");
        }
        List<String> roles = new ArrayList<>();
        if (!f[4].isEmpty()) {
            for (String role : f[4].split(",")) {
                roles.add(untext(role));
            }
        }
        return new RefreshGrant(untext(f[2]), untext(f[3]), roles, Instant.ofEpochMilli(Long.parseLong(f[5])),
                Instant.ofEpochMilli(Long.parseLong(f[6])), "1".equals(f[0]));
    }

    /** A short, fixed-length name for what an entry revokes, whatever its issuer and id. */
    static String entryName(Entry entry) {
        return Sha256.base64Url(entry.kind().name() + "|" + text(entry.issuer()) + "|" + text(entry.id()));
    }

    private static String text(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String untext(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
