package io.jwtguard.internal.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.JwtPrincipal;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import com.auth0.jwt.JWTCreator;
import org.junit.jupiter.api.Test;

/** The scopes a token grants ({@code scope} string, {@code scp} list or string) and those a rule may name. */
class ScopesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private final Authenticator authenticator = new Authenticator(TestSettings.hmac(), Clock.fixed(NOW, ZoneOffset.UTC));

    private JwtPrincipal caller(UnaryOperator<JWTCreator.Builder> claims) {
        AuthenticationResult result = authenticator.authenticate(
                List.of("Bearer " + claims.apply(Tokens.valid(NOW)).sign(Tokens.hs256())), null);
        assertThat(result.kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        return result.principal();
    }

    @Test
    void theScopeClaimIsOneSpaceSeparatedString() {
        assertThat(Scopes.granted(caller(b -> b.withClaim("scope", "mcp:tools  mcp:resources"))))
                .containsExactly("mcp:tools", "mcp:resources");
    }

    @Test
    void theScpClaimIsAListOrAString() {
        assertThat(Scopes.granted(caller(b -> b.withClaim("scp", List.of("orders.read", "orders.write")))))
                .containsExactly("orders.read", "orders.write");
        assertThat(Scopes.granted(caller(b -> b.withClaim("scp", "orders.read orders.write"))))
                .containsExactly("orders.read", "orders.write");
    }

    @Test
    void bothClaimsCountTogether() {
        assertThat(Scopes.granted(caller(b -> b.withClaim("scope", "a b").withClaim("scp", List.of("b", "c")))))
                .containsExactly("a", "b", "c");
    }

    @Test
    void noScopeClaimGrantsNothing() {
        JwtPrincipal caller = caller(b -> b);

        assertThat(Scopes.granted(caller)).isEmpty();
        assertThat(Scopes.claimed(caller)).isFalse();
    }

    @Test
    void aScopeClaimOfAnotherTypeGrantsNothing() {
        assertThat(Scopes.granted(caller(b -> b.withClaim("scope", 42).withClaim("scp", List.of(1, 2))))).isEmpty();
    }

    @Test
    void declaredScopesMustBeScopeTokens() {
        List<String> problems = new ArrayList<>();

        List<String> declared = Scopes.declared(new String[] {"mcp:tools", "mcp:tools", "two words", "", "say\"hi\""},
                "S: @Authorize on S", problems);

        assertThat(declared).containsExactly("mcp:tools");
        assertThat(problems).hasSize(3).allSatisfy(problem -> assertThat(problem)
                .startsWith("S: @Authorize on S names the scope").contains("RFC 6749"));
    }
}
