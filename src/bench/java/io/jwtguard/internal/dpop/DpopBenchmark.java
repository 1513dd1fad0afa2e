package io.jwtguard.internal.dpop;

import io.jwtguard.Authorize;
import io.jwtguard.BenchRedis;
import io.jwtguard.JwtGuardFilter;
import io.jwtguard.internal.authn.PresentedToken;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.pipeline.JwtGuardInitializer;
import io.jwtguard.internal.revocation.RevocationService;
import io.jwtguard.testing.FakeContainer;
import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.FakeResponse;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.http.HttpServlet;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What DPoP costs. {@code jcaFloor}: the JDK verifying the proof's signature and nothing else (its key already
 * read), the least any verifier pays. {@code proofCheck}: every check of the proof but the replay (decode, type,
 * algorithm, the key read from its {@code jwk} and its thumbprint, the signature, method, URL, age, {@code ath},
 * {@code cnf.jkt}). {@code replay}: recording one used proof in the memory store and on a real Redis on loopback
 * ({@code /usr/bin/redis-server}, started here). {@code bearerHit}: a verified-token cache hit of a plain bearer
 * token through the whole filter, with DPoP off and with the default {@code allowed} (which reads the scheme and the
 * token's binding).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class DpopBenchmark {

    private static final String URL = "https://api.test/api/me";
    private static final FilterChain NOTHING = (request, response) -> { };

    @State(Scope.Thread)
    public static class Proof {
        @Param({"ES256", "EdDSA"})
        public String algorithm;

        ProofCheck check;
        PresentedToken presented;
        List<String> proofs;
        String boundKey;
        PublicKey key;
        byte[] signingInput;
        byte[] signature;
        String jca;
        String keyAlgorithm;
        KeySpec keySpec;

        @Setup(Level.Trial)
        public void setUp() {
            ProofMaker client = algorithm.equals("ES256") ? ProofMaker.es256() : ProofMaker.ed25519();
            Settings settings = TestSettings.hmacWith(Map.of("jwtguard.dpop.max-age", "10m"));
            check = new ProofCheck(settings, Clock.systemUTC(), new ProofStore() {
                @Override
                public boolean recordOnce(String k, Instant expiresAt) {
                    throw new IllegalStateException("not measured here");
                }

                @Override
                public String shared(String k, String proposed) {
                    throw new IllegalStateException("not measured here");
                }
            });
            boundKey = client.thumbprint();
            String token = Tokens.valid(Instant.now()).withClaim("cnf", Map.of("jkt", boundKey)).sign(Tokens.hs256());
            String proof = client.proof("GET", URL, token, Instant.now()).sign();
            presented = PresentedToken.of("DPoP " + token);
            proofs = List.of(proof);
            key = client.keys.getPublic();
            int lastDot = proof.lastIndexOf('.');
            signingInput = proof.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
            signature = Base64.getUrlDecoder().decode(proof.substring(lastDot + 1));
            jca = algorithm.equals("ES256") ? "SHA256withECDSAinP1363Format" : "EdDSA";
            if (key instanceof ECPublicKey ec) {
                keyAlgorithm = "EC";
                keySpec = new ECPublicKeySpec(ec.getW(), ec.getParams());
            } else {
                keyAlgorithm = "Ed25519";
                keySpec = new X509EncodedKeySpec(key.getEncoded());
            }
            if (check.diagnose(presented, boundKey, proofs, "GET", URL, ProofTrace.NONE) != null) {
                throw new IllegalStateException("the benchmark proof was refused");
            }
        }
    }

    @Benchmark
    public boolean jcaFloor(Proof proof) throws Exception {
        Signature verifier = Signature.getInstance(proof.jca);
        verifier.initVerify(proof.key);
        verifier.update(proof.signingInput);
        return verifier.verify(proof.signature);
    }

    /** The floor with the key read as any verifier must, from the numbers the proof carries. */
    @Benchmark
    public boolean jcaFloorWithKey(Proof proof) throws Exception {
        PublicKey key = KeyFactory.getInstance(proof.keyAlgorithm).generatePublic(proof.keySpec);
        Signature verifier = Signature.getInstance(proof.jca);
        verifier.initVerify(key);
        verifier.update(proof.signingInput);
        return verifier.verify(proof.signature);
    }

    @Benchmark
    public Object proofCheck(Proof proof) {
        return proof.check.diagnose(proof.presented, proof.boundKey, proof.proofs, "GET", URL, ProofTrace.NONE);
    }

    @State(Scope.Thread)
    public static class Replay {
        @Param({"memory", "redis"})
        public String store;

        RevocationService service;
        BenchRedis redis;
        long next;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Map<String, String> values = new HashMap<>();
            if (store.equals("redis")) {
                redis = BenchRedis.start();
                values.put("jwtguard.revocation.store", "redis");
                values.put("jwtguard.revocation.redis.url", redis.url());
            }
            service = RevocationService.forSettings(TestSettings.hmacWith(values), Clock.systemUTC(),
                    DpopBenchmark.class.getClassLoader(), new Problems());
            service.start();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            service.close();
            if (redis != null) {
                redis.close();
            }
        }
    }

    /**
     * One first use of a proof, as the check records it, its key hashed as the check does: the {@code jti}s cycle
     * through 100,000 values, each recorded for a millisecond, so every call finds its key expired (a first use)
     * and the memory store holds at most those 100,000 while millions are recorded.
     */
    @Benchmark
    public boolean replay(Replay replay) throws Exception {
        String key = ProofCheck.replayKey("thumbprint", Long.toString(replay.next++ % 100_000));
        return replay.service.recordOnce(key, Instant.now().plusMillis(1));
    }

    @Authorize
    static final class MeServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    @State(Scope.Thread)
    public static class Hit {
        @Param({"off", "allowed"})
        public String dpop;

        JwtGuardFilter filter;
        FakeRequest request;
        FakeResponse response;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Map<String, String> params = TestSettings.hmacValues();
            params.put("jwtguard.dpop", dpop);
            FakeContainer container = new FakeContainer().servlet("me", MeServlet.class, "/api/me");
            FilterConfig config = container.filter("JwtGuard", params);
            new JwtGuardInitializer().onStartup(Set.of(), container.context());
            filter = new JwtGuardFilter();
            filter.init(config);
            response = new FakeResponse();
            request = FakeRequest.get("/api/me").servlet("me").bearer(Tokens.valid(Instant.now()).sign(Tokens.hs256()));
            filter.doFilter(request.reset(), response, NOTHING);
            if (response.getStatus() != 200) {
                throw new IllegalStateException("the benchmark token was refused: " + response.getStatus());
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            filter.destroy();
        }
    }

    @Benchmark
    public int bearerHit(Hit hit) throws Exception {
        hit.filter.doFilter(hit.request.reset(), hit.response, NOTHING);
        return hit.response.getStatus();
    }
}
