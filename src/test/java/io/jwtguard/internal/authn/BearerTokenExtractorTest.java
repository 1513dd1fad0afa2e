package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenExtractorTest {

    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln-_~+/==";

    private final BearerTokenExtractor extractor = new BearerTokenExtractor(8192);

    private Extraction header(String value) {
        return extractor.extract(List.of(value), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER ", "bEaReR ", "Bearer    "})
    void schemeIsCaseInsensitiveAndSpacesMayRepeat(String prefix) {
        Extraction extraction = header(prefix + TOKEN);

        assertThat(extraction.kind()).isEqualTo(Extraction.Kind.PRESENT);
        assertThat(extraction.token()).isEqualTo(TOKEN);
    }

    @Test
    void noHeaderAndNoCookieIsAbsent() {
        assertThat(extractor.extract(List.of(), null).kind()).isEqualTo(Extraction.Kind.ABSENT);
    }

    @Test
    void twoAuthorizationHeadersAreA400() {
        Extraction extraction = extractor.extract(List.of("Bearer " + TOKEN, "Bearer " + TOKEN), null);

        assertThat(extraction.failure().reason()).isEqualTo(Reason.MALFORMED_AUTHORIZATION_HEADER);
        assertThat(extraction.failure().reason().status()).isEqualTo(400);
        assertThat(extraction.failure().description()).contains("2 Authorization headers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic YWxpY2U6cHc=", "Digest username=x", "Token abc", "JWT " + TOKEN})
    void otherSchemesAreUnsupportedWithoutAnErrorCode(String value) {
        Extraction extraction = header(value);

        assertThat(extraction.failure().reason()).isEqualTo(Reason.UNSUPPORTED_SCHEME);
        assertThat(extraction.failure().reason().bearerError()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Bearer", "Bearer ", "(Bearer) x", "Bearer:" + TOKEN})
    void malformedHeadersAreA400InvalidRequest(String value) {
        Extraction extraction = header(value);

        assertThat(extraction.kind()).isEqualTo(Extraction.Kind.MALFORMED);
        assertThat(extraction.failure().reason()).isEqualTo(Reason.MALFORMED_AUTHORIZATION_HEADER);
        assertThat(extraction.failure().reason().bearerError()).isEqualTo("invalid_request");
    }

    /** The token's characters are the validator's to check (AuthenticatorTest): the header hands it over as sent. */
    @Test
    void theHeadersTokenIsHandedOverWithItsGrammarLeftToCheck() {
        Extraction extraction = header("Bearer abc$def");

        assertThat(extraction.kind()).isEqualTo(Extraction.Kind.PRESENT);
        assertThat(extraction.token()).isEqualTo("abc$def");
        assertThat(extraction.grammarLeft()).isTrue();
        assertThat(extractor.extract(List.of(), TOKEN).grammarLeft()).isFalse();
    }

    @Test
    void aMegabyteHeaderIsRefusedAsTooLongWithoutScanningIt() {
        Extraction extraction = header("Bearer " + "A".repeat(1 << 20));

        assertThat(extraction.failure().reason()).isEqualTo(Reason.MALFORMED_TOKEN);
        assertThat(extraction.failure().description()).contains("over the 8192");
    }

    @Test
    void cookieIsReadOnlyWithoutAnAuthorizationHeader() {
        assertThat(extractor.extract(List.of(), TOKEN).token()).isEqualTo(TOKEN);
        assertThat(extractor.extract(List.of("Bearer abc"), TOKEN).token()).isEqualTo("abc");
    }

    @Test
    void cookieWithoutAJwtIsAMalformedToken() {
        assertThat(extractor.extract(List.of(), "not a token").failure().reason()).isEqualTo(Reason.MALFORMED_TOKEN);
    }
}
