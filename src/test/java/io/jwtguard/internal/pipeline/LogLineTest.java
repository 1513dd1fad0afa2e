package io.jwtguard.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a refusal's log line shows of the request URI: never a credential carried in a path parameter. */
class LogLineTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/me|/api/me",
        "/api/me;jsessionid=0123456789ABCDEF|/api/me;...",
        "/api/me;access_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln|/api/me;...",
        "/a;x=1/b;y=2;z=3/c|/a;.../b;.../c",
        "/dispatch/..;/canary|/dispatch/..;.../canary",
        ";/canary|;.../canary",
        "/canary;|/canary;...",
        "''|''"})
    void pathParameterValuesNeverReachTheLog(String uri, String logged) {
        assertThat(Refusals.withoutPathParameterValues(uri)).isEqualTo(logged);
    }

    @Test
    void aMissingUriIsLoggedAsNothing() {
        assertThat(Refusals.withoutPathParameterValues(null)).isEmpty();
    }
}
