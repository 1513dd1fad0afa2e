package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded, repeatable fuzzing of the bearer extractor and the token validator: random and mutated
 * {@code Authorization} headers, cookies and tokens (bit flips, truncation, part shuffles, base64 alphabet
 * swaps, JSON mutations re-encoded and re-signed, huge, Unicode and control characters). Whatever comes in,
 * no exception escapes, every refusal is a 400 or 401 reason (the key is a static HMAC secret, so nothing
 * is a server fault), descriptions stay printable, nothing is accepted that the key did not sign, and the
 * valid tokens keep authenticating.
 *
 * <p>Bounded by input count and by wall time; both, and the seed, are system properties:
 * {@code -Djwtguard.fuzz.seed=...} (default fixed, so every run tries the same inputs in the same order),
 * {@code -Djwtguard.fuzz.inputs=...}, {@code -Djwtguard.fuzz.seconds=...} (at most 60).
 */
class FuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final long SEED = Long.getLong("jwtguard.fuzz.seed", 0x5EC_2026_0009L);
    private static final int MAX_INPUTS = Integer.getInteger("jwtguard.fuzz.inputs", 250_000);
    private static final Duration MAX_TIME = Duration.ofSeconds(Math.min(60, Math.max(1,
            Long.getLong("jwtguard.fuzz.seconds", 4))));
    /** Always tried, however slow the machine: the time budget only adds inputs beyond these. */
    private static final int MIN_INPUTS = Math.min(MAX_INPUTS, 2_000);
    /** One input taking longer than this is a finding (a hang or an algorithmic blow-up), not noise. */
    private static final Duration SLOW = Duration.ofSeconds(2);

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Algorithm KEY = Tokens.hs256();

    private static final String B64TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";
    private static final String[] HOSTILE_CHARS = {"\u0000", "\t", "\r", "\n", " ", "\u00a0", "\"", "\\", "'", ",",
        ";", "=", ".", "%", "\u00e9", "\u0430", "\u200b", "\ufeff", "\uffff", "\ud800", "\udc00", "\ud83d\ude00", "\u007f",
        "\u0085", "\u2028", "{", "}", "[", "]", ":", "<", ">"};
    private static final String[] SCHEMES = {"Bearer ", "bearer ", "BEARER ", "Bearer  ", "Bearer\t", "Bearer",
        "Basic ", "Token ", "", " Bearer ", "Bearer:", "Bearer ,", "DPoP ", "Bearer \"", "B\u00e9arer "};
    private static final String[] SUFFIXES = {"", "", "", " ", "  ", ",", " x", "\"", "\r\n", "\t", "=", "==", ", Bearer a"};
    private static final String[] HEADER_KEYS = {"alg", "typ", "kid", "crit", "jku", "jwk", "x5u", "x5c", "b64", "zip",
        "enc", "cty", ""};
    private static final String[] PAYLOAD_KEYS = {"exp", "nbf", "iat", "iss", "aud", "sub", "roles", "jti", "scope",
        "realm_access", "azp", "nonce", ""};

    private final Settings plainSettings = TestSettings.hmac();
    private final Settings strictSettings = TestSettings.hmacWith(Map.of("jwtguard.token.type", "at+jwt",
            "jwtguard.max-token-age", "1h"));
    private final Target plain = new Target("plain", new Authenticator(plainSettings, CLOCK),
            new TokenValidator(plainSettings, CLOCK), validTokens(false));
    private final Target strict = new Target("strict", new Authenticator(strictSettings, CLOCK),
            new TokenValidator(strictSettings, CLOCK), validTokens(true));

    /** An authenticator and validator under test, with the tokens it must accept. */
    private record Target(String name, Authenticator authenticator, TokenValidator validator, List<String> valid) {
    }

    /** One fuzz input: the headers and cookie, and whether the right key signed exactly what is sent. */
    private record Input(String kind, List<String> headers, String cookie, String token, boolean direct,
            boolean keySigned) {
    }

    @Test
    void hostileHeadersAndTokensNeverEscapeAndAreAlwaysRefusedWith400Or401() {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        long deadline = started + MAX_TIME.toNanos();
        int tried = 0;
        int accepted = 0;
        while (tried < MAX_INPUTS && (tried < MIN_INPUTS || System.nanoTime() < deadline) && failures.size() < 20) {
            Target target = random.nextInt(3) == 0 ? strict : plain;
            Input input = input(random, target);
            long before = System.nanoTime();
            try {
                AuthenticationResult result = input.direct() ? target.validator().validate(input.token())
                        : target.authenticator().authenticate(input.headers(), input.cookie());
                String problem = check(result, input);
                if (problem != null) {
                    failures.add(describe(tried, target, input, problem));
                } else if (result.kind() == AuthenticationResult.Kind.AUTHENTICATED) {
                    accepted++;
                }
            } catch (Throwable escaped) {
                failures.add(describe(tried, target, input, "escaped " + escaped));
            }
            long took = System.nanoTime() - before;
            if (took > SLOW.toNanos()) {
                failures.add(describe(tried, target, input, "took " + took / 1_000_000 + " ms"));
            }
            tried++;
            if (tried % 1000 == 0) {
                failures.addAll(validTokensStillAuthenticate());
            }
        }
        failures.addAll(validTokensStillAuthenticate());
        long millis = (System.nanoTime() - started) / 1_000_000;

        System.out.println("FuzzTest: " + tried + " inputs in " + millis + " ms (" + accepted + " accepted, all signed"
                + " with the key), seed " + SEED + ", " + failures.size() + " failures"
                + " (rerun with -Djwtguard.fuzz.seed=" + SEED + ")");
        assertThat(failures).as("fuzz failures with seed " + SEED).isEmpty();
        assertThat(tried).as("inputs tried").isGreaterThanOrEqualTo(Math.min(MAX_INPUTS, 1000));
    }

    /** Null when the result is acceptable for this input, else what is wrong with it. */
    private static String check(AuthenticationResult result, Input input) {
        if (result == null) {
            return "null result";
        }
        if (result.kind() == AuthenticationResult.Kind.AUTHENTICATED) {
            return input.keySigned() ? null : "accepted a token the key did not sign (forgery)";
        }
        Failure failure = result.failure();
        int status = failure.reason().status();
        if (status != 400 && status != 401) {
            return "reason " + failure.reason().code() + " has status " + status;
        }
        // Log facts quote the token's values; inside the quotes there must be no quote or backslash of its own.
        String facts = failure.token().forLog().replaceAll(" (kid|iss|jti)=\"([^\"\\\\]*)\"", " $1=$2");
        if (!printableAscii(failure.description()) || !printableAscii(facts)) {
            return "description or log facts not printable: " + failure.description();
        }
        String token = input.token();
        if (token != null && token.length() > 64
                && (failure.describe(true).contains(token) || failure.token().forLog().contains(token))) {
            return "the whole token is echoed";
        }
        return null;
    }

    private static boolean printableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private List<String> validTokensStillAuthenticate() {
        List<String> failures = new ArrayList<>();
        for (Target target : List.of(plain, strict)) {
            for (String token : target.valid()) {
                AuthenticationResult direct = target.validator().validate(token);
                AuthenticationResult header = target.authenticator().authenticate(List.of("Bearer " + token), null);
                if (direct.kind() != AuthenticationResult.Kind.AUTHENTICATED
                        || header.kind() != AuthenticationResult.Kind.AUTHENTICATED) {
                    failures.add(target.name() + ": a valid token no longer authenticates: " + direct + " / " + header);
                }
            }
        }
        return failures;
    }

    private static String describe(int index, Target target, Input input, String problem) {
        String shown = input.direct() ? input.token() : input.headers() + " cookie=" + input.cookie();
        shown = shown == null ? "null" : shown.length() > 300 ? shown.substring(0, 300) + "...(" + shown.length() + ")" : shown;
        StringBuilder escaped = new StringBuilder();
        for (char c : shown.toCharArray()) {
            escaped.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return "#" + index + " " + target.name() + " " + input.kind() + ": " + problem + " <- " + escaped;
    }

    // --- inputs ---

    private Input input(Random random, Target target) {
        int choice = random.nextInt(100);
        String kind;
        String token;
        boolean keySigned = false;
        if (choice < 60) {
            String valid = target.valid().get(random.nextInt(target.valid().size()));
            // What the key last signed: the valid token's header.payload, or a re-signed mutation's.
            String signed = signingInput(valid);
            Mutated mutated = new Mutated(valid, "", false);
            StringBuilder how = new StringBuilder();
            for (int rounds = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1; rounds > 0; rounds--) {
                mutated = mutate(random, mutated.token(), target == strict);
                how.append(how.length() == 0 ? "" : " + ").append(mutated.how());
                signed = mutated.keySigned() ? signingInput(mutated.token()) : signed;
            }
            kind = "mutated " + how;
            token = mutated.token();
            keySigned = signingInput(token).equals(signed) && token.chars().filter(c -> c == '.').count() == 2;
        } else if (choice < 75) {
            kind = "random";
            token = randomText(random);
        } else if (choice < 90) {
            kind = "spliced";
            token = splice(random, target);
            keySigned = target.valid().contains(token);
        } else {
            kind = "valid";
            token = target.valid().get(random.nextInt(target.valid().size()));
            keySigned = true;
        }
        int form = random.nextInt(10);
        if (form < 3) {
            return new Input(kind, List.of(), null, token, true, keySigned);
        }
        if (form < 8) {
            String scheme = SCHEMES[random.nextInt(SCHEMES.length)];
            String suffix = SUFFIXES[random.nextInt(SUFFIXES.length)];
            String value = (random.nextInt(10) == 0 ? " " : "") + scheme + token + suffix;
            List<String> headers = new ArrayList<>(List.of(value));
            for (int extra = random.nextInt(8); extra > 5; extra--) {
                headers.add(random.nextBoolean() ? value : "Bearer " + randomText(random));
            }
            return new Input(kind + " in header", headers, random.nextInt(5) == 0 ? randomText(random) : null, token,
                    false, keySigned);
        }
        if (form < 9) {
            return new Input(kind + " in cookie", List.of(), token, token, false, keySigned);
        }
        List<String> headers = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            headers.add(randomText(random));
        }
        return new Input("random headers", headers, random.nextBoolean() ? null : randomText(random), null, false,
                false);
    }

    private static String signingInput(String token) {
        int last = token.lastIndexOf('.');
        return last < 0 ? token : token.substring(0, last);
    }

    /** A mutated token, how it was mutated, and whether the key signed the result (a re-signed JSON change). */
    private record Mutated(String token, String how, boolean keySigned) {
    }

    private static Mutated mutate(Random random, String token, boolean typed) {
        switch (random.nextInt(10)) {
            case 0 -> {
                if (token.isEmpty()) {
                    return new Mutated(token, "bit flip of nothing", false);
                }
                int at = random.nextInt(token.length());
                char flipped = (char) (token.charAt(at) ^ (1 << random.nextInt(random.nextInt(4) == 0 ? 16 : 8)));
                return new Mutated(token.substring(0, at) + flipped + token.substring(at + 1), "bit flip", false);
            }
            case 1 -> {
                return new Mutated(token.substring(0, random.nextInt(token.length() + 1)), "truncation", false);
            }
            case 2 -> {
                List<String> parts = new ArrayList<>(List.of(token.split("\\.", -1)));
                switch (random.nextInt(4)) {
                    case 0 -> Collections.shuffle(parts, random);
                    case 1 -> parts.add(random.nextInt(parts.size() + 1), parts.get(random.nextInt(parts.size())));
                    case 2 -> parts.remove(random.nextInt(parts.size()));
                    default -> parts.set(random.nextInt(parts.size()), "");
                }
                return new Mutated(String.join(".", parts), "part shuffle", false);
            }
            case 3 -> {
                String swapped = switch (random.nextInt(5)) {
                    case 0 -> token.replace('-', '+').replace('_', '/');
                    case 1 -> token + "=".repeat(1 + random.nextInt(2));
                    case 2 -> token.replace(".", "=.");
                    case 3 -> standardBase64(token);
                    default -> token.replace('A', '+');
                };
                return new Mutated(swapped, "base64 alphabet", false);
            }
            case 4, 5 -> {
                return jsonMutation(random, token, typed);
            }
            case 6 -> {
                int at = random.nextInt(token.length() + 1);
                String inserted = HOSTILE_CHARS[random.nextInt(HOSTILE_CHARS.length)];
                return new Mutated(token.substring(0, at) + inserted + token.substring(at), "hostile character", false);
            }
            case 7 -> {
                String[] parts = token.split("\\.", -1);
                String part = parts[random.nextInt(parts.length)];
                if (part.isEmpty()) {
                    return new Mutated(token + "." + token, "repetition of the whole", false);
                }
                int times = Math.min(1 + random.nextInt(random.nextInt(4) == 0 ? 400 : 4), 100_000 / part.length() + 1);
                return new Mutated(token.replace(part, part.repeat(times)), "repetition", false);
            }
            case 8 -> {
                return byteMutation(random, token);
            }
            default -> {
                String[] parts = token.split("\\.", -1);
                String signature = parts[parts.length - 1];
                String replaced = switch (random.nextInt(4)) {
                    case 0 -> "";
                    case 1 -> B64.encodeToString(new byte[32]);
                    case 2 -> signature.substring(0, signature.length() / 2);
                    default -> B64.encodeToString(new byte[random.nextInt(600)]);
                };
                parts[parts.length - 1] = replaced;
                return new Mutated(String.join(".", parts), "signature replaced", false);
            }
        }
    }

    /** The same bytes in the standard base64 alphabet, with padding: what a careless encoder produces. */
    private static String standardBase64(String token) {
        List<String> parts = new ArrayList<>();
        for (String part : token.split("\\.", -1)) {
            try {
                parts.add(Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(part)));
            } catch (IllegalArgumentException e) {
                parts.add(part);
            }
        }
        return String.join(".", parts);
    }

    /** Decodes one part, changes bytes, encodes it again; the signature no longer matches. */
    private static Mutated byteMutation(Random random, String token) {
        String[] parts = token.split("\\.", -1);
        int which = random.nextInt(parts.length);
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(parts[which]);
        } catch (IllegalArgumentException e) {
            return new Mutated(token, "byte mutation of undecodable part", false);
        }
        byte[] changed = bytes.length == 0 ? new byte[] {(byte) random.nextInt()} : bytes.clone();
        int at = random.nextInt(changed.length);
        switch (random.nextInt(3)) {
            case 0 -> changed[at] = (byte) (changed[at] ^ (1 << random.nextInt(8)));
            case 1 -> changed[at] = (byte) (0x80 + random.nextInt(0x80));
            default -> changed = java.util.Arrays.copyOf(changed, random.nextInt(changed.length + 2));
        }
        parts[which] = B64.encodeToString(changed);
        return new Mutated(String.join(".", parts), "byte mutation", false);
    }

    /** Changes the header's or payload's JSON, encodes it again, and half the time signs it with the key. */
    private static Mutated jsonMutation(Random random, String token, boolean typed) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return new Mutated(token, "json mutation of a non-JWS", false);
        }
        boolean header = random.nextBoolean();
        String json;
        try {
            json = new String(Base64.getUrlDecoder().decode(parts[header ? 0 : 1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Mutated(token, "json mutation of undecodable part", false);
        }
        String mutated = mutateJson(random, json, header ? HEADER_KEYS : PAYLOAD_KEYS, typed);
        String encoded = B64.encodeToString(mutated.getBytes(StandardCharsets.UTF_8));
        String first = header ? encoded : parts[0];
        String second = header ? parts[1] : encoded;
        boolean sign = random.nextBoolean();
        String signature = sign ? B64.encodeToString(KEY.sign(first.getBytes(StandardCharsets.US_ASCII),
                second.getBytes(StandardCharsets.US_ASCII))) : parts[2];
        return new Mutated(first + "." + second + "." + signature, (header ? "header" : "payload") + " json"
                + (sign ? " re-signed" : ""), sign);
    }

    private static String mutateJson(Random random, String json, String[] keys, boolean typed) {
        List<Map.Entry<String, String>> members = new ArrayList<>();
        try {
            JsonNode tree = JSON.readTree(json);
            if (tree == null || !tree.isObject()) {
                return randomJson(random, 0);
            }
            for (Map.Entry<String, JsonNode> field : tree.properties()) {
                members.add(new AbstractMap.SimpleEntry<>(field.getKey(), field.getValue().toString()));
            }
        } catch (Exception notJson) {
            return json + randomJson(random, 0);
        }
        String key = random.nextInt(8) == 0 ? randomText(random) : keys[random.nextInt(keys.length)];
        switch (random.nextInt(7)) {
            case 0, 1, 2 -> {
                members.removeIf(member -> member.getKey().equals(key));
                members.add(new AbstractMap.SimpleEntry<>(key, randomJson(random, 0)));
            }
            case 3 -> members.removeIf(member -> member.getKey().equals(key));
            case 4 -> members.add(new AbstractMap.SimpleEntry<>(key, randomJson(random, 0)));
            case 5 -> {
                return randomJson(random, 0);
            }
            default -> {
                StringBuilder raw = new StringBuilder(object(members));
                int at = random.nextInt(raw.length() + 1);
                raw.insert(at, HOSTILE_CHARS[random.nextInt(HOSTILE_CHARS.length)]);
                return raw.toString();
            }
        }
        if (typed && random.nextInt(4) == 0) {
            members.add(new AbstractMap.SimpleEntry<>("typ", "\"at+jwt\""));
        }
        return object(members);
    }

    private static String object(List<Map.Entry<String, String>> members) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> member : members) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(JSON.valueToTree(member.getKey()).toString()).append(':').append(member.getValue());
        }
        return json.append('}').toString();
    }

    /** Any JSON value, and a few texts that only look like one. */
    private static String randomJson(Random random, int depth) {
        long now = NOW.getEpochSecond();
        return switch (random.nextInt(depth > 2 ? 14 : 18)) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(now + random.nextInt(7200) - 3600);
            case 3 -> Long.toString(random.nextLong());
            case 4 -> new String[] {"1e400", "-1e400", "1e308", "123456789012345678901234567890", "0.5", "-0", "1E+2",
                "253402300800", "-253402300800", "9".repeat(2000)}[random.nextInt(10)];
            case 5 -> "\"" + now + "\"";
            case 6 -> JSON.valueToTree(randomText(random)).toString();
            case 7 -> new String[] {"\"none\"", "\"HS256\"", "\"HS384\"", "\"RS256\"", "\"at+jwt\"", "\"JWT\"",
                "\"" + Tokens.ISSUER + "\"", "\"" + Tokens.AUDIENCE + "\"", "\"Admin\"", "\"\""}[random.nextInt(10)];
            case 8 -> "NaN";
            case 9 -> "[".repeat(random.nextInt(3000)) + "]".repeat(random.nextInt(3000));
            case 10 -> "{\"a\":".repeat(random.nextInt(1500)) + "1" + "}".repeat(random.nextInt(1500));
            case 11 -> "\"\\ud800\"";
            case 12 -> "\"" + "\\u0000".repeat(1 + random.nextInt(3)) + "\"";
            case 13 -> "'single'";
            default -> {
                StringBuilder array = new StringBuilder(random.nextBoolean() ? "[" : "{");
                boolean isArray = array.charAt(0) == '[';
                for (int i = random.nextInt(4); i > 0; i--) {
                    if (array.length() > 1) {
                        array.append(',');
                    }
                    if (!isArray) {
                        array.append("\"k").append(i).append("\":");
                    }
                    array.append(randomJson(random, depth + 1));
                }
                yield array.append(isArray ? ']' : '}').toString();
            }
        };
    }

    private static String randomText(Random random) {
        int length = switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 8000 + random.nextInt(400);
            case 2 -> random.nextInt(70_000);
            default -> random.nextInt(300);
        };
        StringBuilder text = new StringBuilder(length);
        int alphabet = random.nextInt(4);
        for (int i = 0; i < length; i++) {
            text.append(switch (alphabet) {
                case 0 -> B64TOKEN_CHARS.charAt(random.nextInt(B64TOKEN_CHARS.length()));
                case 1 -> (char) (0x20 + random.nextInt(0x5f));
                case 2 -> random.nextInt(8) == 0 ? '.' : B64TOKEN_CHARS.charAt(random.nextInt(64));
                default -> (char) random.nextInt(0x10000);
            });
        }
        return text.toString();
    }

    /** Header, payload and signature taken from different valid tokens. */
    private static String splice(Random random, Target target) {
        List<String> valid = target.valid();
        String[] a = valid.get(random.nextInt(valid.size())).split("\\.");
        String[] b = valid.get(random.nextInt(valid.size())).split("\\.");
        String[] c = valid.get(random.nextInt(valid.size())).split("\\.");
        return a[0] + "." + b[1] + "." + c[2];
    }

    /** Tokens the target must accept: different claims and headers, so mutations start from several shapes. */
    private static List<String> validTokens(boolean typed) {
        Map<String, Object> header = typed ? Map.of("typ", "at+jwt") : Map.of();
        Map<String, Object> keyed = typed ? Map.of("typ", "application/at+jwt", "kid", "k1") : Map.of("kid", "k1");
        return List.of(
                Tokens.valid(NOW).withHeader(header).sign(KEY),
                Tokens.valid(NOW).withHeader(keyed).withClaim("roles", List.of("Admin", "User")).withJWTId("j-1")
                        .sign(KEY),
                Tokens.valid(NOW).withHeader(header).withNotBefore(NOW.minusSeconds(10))
                        .withClaim("realm_access", Map.of("roles", List.of("Admin")))
                        .withClaim("scope", "read write").withAudience(Tokens.AUDIENCE, "other").sign(KEY),
                Tokens.valid(NOW).withHeader(header).withIssuedAt(NOW.minusSeconds(1800)).withClaim("roles", "Admin")
                        .sign(KEY));
    }
}
