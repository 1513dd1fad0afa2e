package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BearerGrammarTest {

    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln-_~+/==";

    @Test
    void theGrammarFailureNamesThePosition() {
        assertThat(BearerGrammar.grammarFailure("abc$def").description()).contains("position 4");
        assertThat(BearerGrammar.grammarFailure(TOKEN)).isNull();
    }

    /**
     * The shortcut answers exactly what the whole check does for a token java-jwt decodes, and never fails one the
     * whole check passes: every one of the first
     * 1,024 characters, and one beyond the Basic Multilingual Plane, put at either side of each dot and at both ends
     * of a real token, and a few at every place of it.
     */
    @Test
    void theCheckOnceDecodedAgreesWithTheWholeCheckOnEveryTokenJavaJwtDecodes() {
        String token = io.jwtguard.testing.Tokens.valid(java.time.Instant.now()).sign(io.jwtguard.testing.Tokens.hs256());
        int first = token.indexOf('.');
        int second = token.lastIndexOf('.');
        List<Integer> edges = List.of(0, 1, first - 1, first, first + 1, second - 1, second, second + 1,
                token.length() - 1, token.length());
        java.util.Map<String, List<Integer>> inserted = new java.util.LinkedHashMap<>();
        for (char c = 0; c < 1024; c++) {
            inserted.put(String.valueOf(c), edges);
        }
        List<Integer> everywhere = java.util.stream.IntStream.rangeClosed(0, token.length()).boxed().toList();
        for (String text : List.of("=", "==", "=a", ".", " ", "$", "~", "+", "/", "\u00e9", "\uD83D\uDE00")) {
            inserted.put(text, everywhere);
        }
        int decoded = 0;
        for (java.util.Map.Entry<String, List<Integer>> entry : inserted.entrySet()) {
            String text = entry.getKey();
            for (int at : entry.getValue()) {
                String changed = token.substring(0, at) + text + token.substring(at);
                if (!BearerGrammar.isB64tokenOnceDecoded(changed)) {
                    // It runs before decoding: when it fails, for any token, the whole check fails too.
                    assertThat(BearerGrammar.firstInvalidCharacter(changed)).as("%s at %d", text, at).isNotNegative();
                }
                try {
                    com.auth0.jwt.JWT.decode(changed);
                } catch (RuntimeException notDecoded) {
                    continue;
                }
                decoded++;
                assertThat(BearerGrammar.isB64tokenOnceDecoded(changed)).as("%s at %d", text, at)
                        .isEqualTo(BearerGrammar.firstInvalidCharacter(changed) < 0);
            }
        }
        // Padding before a dot, and any character in the signature, are what decoding leaves unchecked.
        assertThat(decoded).isGreaterThan(2000);
        // Padding that java-jwt's decoder takes, before either dot.
        String padded = java.util.Base64.getUrlEncoder().encodeToString("{\"alg\":\"HS256\",\"x\":12}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        String[] parts = token.split("\\.");
        for (String changed : List.of(padded + "." + parts[1] + "." + parts[2], parts[0] + "." + padded + "." + parts[2])) {
            com.auth0.jwt.JWT.decode(changed);
            assertThat(BearerGrammar.isB64tokenOnceDecoded(changed)).isFalse();
            assertThat(BearerGrammar.firstInvalidCharacter(changed)).isPositive();
        }
        assertThat(BearerGrammar.isB64tokenOnceDecoded(token)).isTrue();
    }

    @Test
    void b64tokenGrammarAllowsPaddingOnlyAtTheEnd() {
        assertThat(BearerGrammar.firstInvalidCharacter("abc==")).isEqualTo(-1);
        assertThat(BearerGrammar.firstInvalidCharacter("a=b")).isEqualTo(2);
        assertThat(BearerGrammar.firstInvalidCharacter("=")).isEqualTo(0);
    }

    /** Every character of the first 1,024, and one beyond the Basic Multilingual Plane, found where it is. */
    @Test
    void b64tokenGrammarFindsEveryOtherCharacterAtItsPosition() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";
        for (char c = 0; c < 1024; c++) {
            int expected = alphabet.indexOf(c) >= 0 ? -1 : c == '=' ? 3 : 2;
            assertThat(BearerGrammar.firstInvalidCharacter("ab" + c + "cd")).as("U+%04X", (int) c)
                    .isEqualTo(expected);
        }
        assertThat(BearerGrammar.firstInvalidCharacter("ab\uD83D\uDE00cd")).isEqualTo(2);
        assertThat(BearerGrammar.firstInvalidCharacter("abc=\u00E9")).isEqualTo(4);
    }
}
