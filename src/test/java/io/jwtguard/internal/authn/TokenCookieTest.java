package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCookieTest {

    private static final TokenCookie COOKIE = new TokenCookie("__Host-access_token");

    private static List<String> values(String... cookieHeaders) {
        return COOKIE.values(Collections.enumeration(List.of(cookieHeaders)));
    }

    @Test
    void noCookieHeaderOrHiddenHeadersIsNoValue() {
        assertThat(values()).isEmpty();
        assertThat(COOKIE.values(null)).isEmpty();
        assertThat(values("theme=dark; lang=en")).isEmpty();
    }

    @Test
    void theCookieAmongOthersIsFound() {
        assertThat(values("theme=dark; __Host-access_token=a.b.c; lang=en")).containsExactly("a.b.c");
        assertThat(values("__Host-access_token=a.b.c")).containsExactly("a.b.c");
    }

    @Test
    void aQuotedValueIsReadWithoutItsQuotes() {
        assertThat(values("__Host-access_token=\"a.b.c\"; lang=en")).containsExactly("a.b.c");
        assertThat(values("__Host-access_token=\"\"")).containsExactly("");
        // Only a pair of quotes around the whole value is the syntax's; one quote stays, for the token check to refuse.
        assertThat(values("__Host-access_token=\"a.b.c")).containsExactly("\"a.b.c");
    }

    @Test
    void whiteSpaceAroundNamesValuesAndSeparatorsIsIgnored() {
        assertThat(values("theme=dark;__Host-access_token=a.b.c")).containsExactly("a.b.c");
        assertThat(values("  __Host-access_token = a.b.c ; lang=en")).containsExactly("a.b.c");
        assertThat(values("lang=en;\t__Host-access_token\t=\ta.b.c\t")).containsExactly("a.b.c");
    }

    @Test
    void anEmptyValueIsAValueNotAnAbsentCookie() {
        assertThat(values("__Host-access_token=")).containsExactly("");
        assertThat(values("__Host-access_token=; lang=en")).containsExactly("");
    }

    @Test
    void aValueKeepsItsEqualsSigns() {
        assertThat(values("__Host-access_token=a.b.c==")).containsExactly("a.b.c==");
    }

    @Test
    void twiceInOneHeaderIsTwoValuesInOrder() {
        assertThat(values("__Host-access_token=planted; __Host-access_token=mine")).containsExactly("planted", "mine");
    }

    @Test
    void onceInEachOfSeveralHeadersIsTwoValues() {
        assertThat(values("theme=dark", "__Host-access_token=planted", "lang=en; __Host-access_token=mine"))
                .containsExactly("planted", "mine");
    }

    @Test
    void aCookieWhoseNameMerelyContainsTheNameIsAnother() {
        assertThat(values("my__Host-access_token=x; __Host-access_token_old=y; x__Host-access_token_x=z",
                "__host-access_token=upper; __Host-access_token2=w")).isEmpty();
        // The name as another cookie's value is not the cookie either.
        assertThat(values("previous=__Host-access_token=x")).isEmpty();
    }

    @Test
    void aPairWithoutEqualsSignIsNotTheCookie() {
        assertThat(values("__Host-access_token; lang=en")).isEmpty();
        assertThat(values(";;__Host-access_token;;")).isEmpty();
    }

    @Test
    void emptyPairsAndSeparatorsAreSkipped() {
        assertThat(values(";; __Host-access_token=a.b.c ;;", "", ";")).containsExactly("a.b.c");
    }

    @Test
    void manyPairsWithoutEqualsSignsBeforeTheCookieAreSkipped() {
        assertThat(values("x;".repeat(4000) + " __Host-access_token=a.b.c")).containsExactly("a.b.c");
    }
}
