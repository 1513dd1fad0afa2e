package io.jwtguard.internal.authn;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The uncached HS256 path taken apart, to find where JwtGuard's own time goes: java-jwt's decode and verify
 * with the same prepared HMAC, the validator alone, and the authenticator (header read and grammar) alone.
 * The whole filter is {@code ValidationBenchmark.jwtGuardWholePath}, and these parts warm up as long as it does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
public class PathPartsBenchmark {

    @State(Scope.Thread)
    public static class Parts {
        String token;
        List<String> headers;
        JWTVerifier javaJwt;
        TokenValidator validator;
        Authenticator authenticator;
        com.auth0.jwt.interfaces.DecodedJWT decoded;

        @Setup(Level.Trial)
        public void setUp() {
            token = Tokens.valid(Instant.now()).withClaim("roles", List.of("User")).sign(Tokens.hs256());
            headers = List.of("Bearer " + token);
            var settings = TestSettings.hmacWith(Map.of("jwtguard.token.cache.size", "0"));
            javaJwt = JWT.require(Algorithms.hmac(io.jwtguard.internal.config.SignatureAlgorithm.HS256,
                    io.jwtguard.testing.TestKeys.HMAC_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .withIssuer(Tokens.ISSUER).withAudience(Tokens.AUDIENCE)
                    .withClaimPresence("exp").withClaimPresence("sub").build();
            decoded = JWT.decode(token);
            validator = new TokenValidator(settings, Clock.systemUTC());
            authenticator = new Authenticator(settings, Clock.systemUTC());
            if (validator.validate(token).kind() != AuthenticationResult.Kind.AUTHENTICATED) {
                throw new IllegalStateException(validator.validate(token).toString());
            }
        }
    }

    @Benchmark
    public Object javaJwtPrepared(Parts parts) {
        return parts.javaJwt.verify(parts.token);
    }

    @Benchmark
    public Object validator(Parts parts) {
        return parts.validator.validate(parts.token);
    }

    @Benchmark
    public Object authenticator(Parts parts) {
        return parts.authenticator.authenticate(parts.headers, null);
    }

    @Benchmark
    public Object decode(Parts parts) {
        return JWT.decode(parts.token);
    }

    @Benchmark
    public Object rolesAsTree(Parts parts) {
        return parts.decoded.getClaim("roles").as(com.fasterxml.jackson.databind.JsonNode.class);
    }

    @Benchmark
    public Object rolesAsList(Parts parts) {
        return parts.decoded.getClaim("roles").asList(String.class);
    }

    @Benchmark
    public Object rolesRead(Parts parts) {
        return RolesClaim.union(List.of(new RolesClaim(List.of("roles"))), parts.decoded);
    }

    /** RFC 6750's b64token over the whole token: what the header's token cost before java-jwt's decoding did most. */
    @Benchmark
    public int grammarWhole(Parts parts) {
        return BearerGrammar.firstInvalidCharacter(parts.token);
    }

    /** What is left of it once java-jwt's strict base64url decoding is counted on: padding before a dot, the signature. */
    @Benchmark
    public boolean grammarLeftByDecoding(Parts parts) {
        return BearerGrammar.isB64tokenOnceDecoded(parts.token);
    }

    @Benchmark
    public Object ids(Parts parts) {
        return TokenIds.of(parts.decoded);
    }
}
