package io.jwtguard;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * java-jwt's verifier with its stock HMAC (a {@code Mac} looked up and keyed per token) and with JwtGuard's prepared
 * HMAC (a spare {@code Mac} in one slot, the others in a lock-free pool), each verifier shared by every thread as a
 * filter's is, so that with more than one thread the slot is contended and the pool is used. The thread count is
 * JMH's ({@code -t}, or {@code @threads=N} in {@link Rounds}); the score is the average time of one verification as
 * each thread sees it, so with more threads than the machine's cores it includes the wait for a core.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HmacThreadsBenchmark {

    @State(Scope.Benchmark)
    public static class Shared {
        @Param({"small", "keycloak", "entra"})
        public String shape;

        String token;
        JWTVerifier stock;
        JWTVerifier prepared;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            BenchSetup.Material material = BenchSetup.material("HS256", BenchSetup.Shape.named(shape));
            token = material.token();
            stock = JWT.require(material.verifier()).withIssuer(BenchSetup.ISSUER).withAudience(BenchSetup.AUDIENCE)
                    .withClaimPresence("exp").withClaimPresence("sub").build();
            prepared = JWT.require(io.jwtguard.internal.authn.BenchAlgorithms.preparedHmac("HS256", BenchSetup.SECRET))
                    .withIssuer(BenchSetup.ISSUER).withAudience(BenchSetup.AUDIENCE)
                    .withClaimPresence("exp").withClaimPresence("sub").build();
            stock.verify(token);
            prepared.verify(token);
        }
    }

    @Benchmark
    public Object stockHmac(Shared shared) {
        return shared.stock.verify(shared.token);
    }

    @Benchmark
    public Object preparedHmac(Shared shared) {
        return shared.prepared.verify(shared.token);
    }
}
