package io.jwtguard;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.FakeResponse;
import jakarta.servlet.FilterChain;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One token verified by: the raw JCA primitive (the floor), java-jwt alone, JwtGuard's whole
 * CORS -> authentication -> authorization path on an in-memory request (verified-token cache off and on),
 * and the validators people would otherwise use: nimbus-jose-jwt ({@code DefaultJWTProcessor}, as Spring
 * Security) and jose4j ({@code JwtConsumer}, as SmallRye JWT), all with the same checks (signature, iss,
 * aud, exp, sub). Run in one JVM session so the ratios compare (docs/performance.md). Every one of them warms up
 * for 10 one-second iterations: the whole filter path reaches its steady state only after about 6 here, and
 * both sides of a ratio get the same.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
public class ValidationBenchmark {

    private static final FilterChain NOTHING = (request, response) -> { };

    @State(Scope.Thread)
    public static class Keys {
        @Param({"HS256", "RS256", "ES256"})
        public String algorithm;

        BenchSetup.Material material;
        byte[] signingInput;
        byte[] signature;
        Mac mac;
        Signature jca;
        JWTVerifier javaJwt;
        /** The same java-jwt verifier with JwtGuard's prepared HMAC (HMAC algorithms only; else java-jwt's own). */
        JWTVerifier javaJwtPrepared;
        DefaultJWTProcessor<SecurityContext> nimbus;
        JwtConsumer jose4j;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            material = BenchSetup.material(algorithm);
            String token = material.token();
            signingInput = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
            signature = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
            javaJwt = JWT.require(material.verifier()).withIssuer(BenchSetup.ISSUER).withAudience(BenchSetup.AUDIENCE)
                    .withClaimPresence("exp").withClaimPresence("sub").build();
            javaJwtPrepared = JWT.require(algorithm.startsWith("HS")
                    ? io.jwtguard.internal.authn.BenchAlgorithms.preparedHmac(algorithm, BenchSetup.SECRET) : material.verifier())
                    .withIssuer(BenchSetup.ISSUER).withAudience(BenchSetup.AUDIENCE)
                    .withClaimPresence("exp").withClaimPresence("sub").build();
            nimbus = new DefaultJWTProcessor<>();
            nimbus.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(BenchSetup.AUDIENCE,
                    new JWTClaimsSet.Builder().issuer(BenchSetup.ISSUER).build(), Set.of("exp", "sub")));
            JwtConsumerBuilder consumer = new JwtConsumerBuilder().setRequireExpirationTime().setRequireSubject()
                    .setExpectedIssuer(BenchSetup.ISSUER).setExpectedAudience(BenchSetup.AUDIENCE)
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm);
            switch (algorithm) {
                case "HS256" -> {
                    mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(BenchSetup.SECRET, "HmacSHA256"));
                    // As Spring Security's NimbusJwtDecoder.withSecretKey sets it up: one key, no JWK set lookup.
                    nimbus.setJWSKeySelector(new SingleKeyJWSKeySelector<>(JWSAlgorithm.HS256,
                            new SecretKeySpec(BenchSetup.SECRET, "HmacSHA256")));
                    consumer.setVerificationKey(new HmacKey(BenchSetup.SECRET));
                }
                case "RS256" -> {
                    jca = Signature.getInstance("SHA256withRSA");
                    // As NimbusJwtDecoder.withPublicKey sets it up.
                    nimbus.setJWSKeySelector(new SingleKeyJWSKeySelector<>(JWSAlgorithm.RS256,
                            (PublicKey) material.publicKey()));
                    consumer.setVerificationKey((PublicKey) material.publicKey());
                }
                default -> {
                    jca = Signature.getInstance("SHA256withECDSAinP1363Format");
                    nimbus.setJWSKeySelector(new SingleKeyJWSKeySelector<>(JWSAlgorithm.ES256,
                            (PublicKey) material.publicKey()));
                    consumer.setVerificationKey((PublicKey) material.publicKey());
                }
            }
            jose4j = consumer.build();
        }
    }

    @State(Scope.Thread)
    public static class Guarded {
        @Param({"HS256", "RS256", "ES256"})
        public String algorithm;

        @Param({"off", "on"})
        public String cache;

        JwtGuardFilter filter;
        FakeRequest request;
        FakeResponse response;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            BenchSetup.Material material = BenchSetup.material(algorithm);
            filter = BenchSetup.filter(material, cache.equals("on"));
            request = FakeRequest.get("/api/me").servlet("me").bearer(material.token());
            response = new FakeResponse();
            filter.doFilter(request.reset(), response, NOTHING);
            if (response.getStatus() != 200) {
                throw new IllegalStateException("the benchmark token was refused: " + response.getStatus());
            }
        }
    }

    @Benchmark
    public Object jcaFloor(Keys keys) throws Exception {
        if (keys.mac != null) {
            return keys.mac.doFinal(keys.signingInput);
        }
        keys.jca.initVerify((PublicKey) keys.material.publicKey());
        keys.jca.update(keys.signingInput);
        return keys.jca.verify(keys.signature);
    }

    @Benchmark
    public Object javaJwtVerify(Keys keys) {
        return keys.javaJwt.verify(keys.material.token());
    }

    /** java-jwt's verifier with the HMAC JwtGuard prepares once per key instead of once per token. */
    @Benchmark
    public Object javaJwtPreparedHmac(Keys keys) {
        return keys.javaJwtPrepared.verify(keys.material.token());
    }

    @Benchmark
    public Object nimbus(Keys keys) throws Exception {
        return keys.nimbus.process(keys.material.token(), null);
    }

    @Benchmark
    public Object jose4j(Keys keys) throws Exception {
        return keys.jose4j.processToClaims(keys.material.token());
    }

    @Benchmark
    public int jwtGuardWholePath(Guarded guarded) throws Exception {
        guarded.filter.doFilter(guarded.request.reset(), guarded.response, NOTHING);
        return guarded.response.getStatus();
    }
}
