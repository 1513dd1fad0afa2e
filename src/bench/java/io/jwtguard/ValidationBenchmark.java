package io.jwtguard;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.jwtguard.testing.FakeRequest;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.jwtguard.testing.FakeResponse;
import jakarta.servlet.FilterChain;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
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
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * One token of one shape ({@link BenchSetup.Shape}: small, Keycloak's, Entra ID's) verified by: the raw JCA
 * primitive (the floor), java-jwt alone (stock, and with JwtGuard's prepared HMAC), JwtGuard's whole
 * CORS -> authentication -> authorization path on an in-memory request (verified-token cache off and on), the
 * bare libraries with the same checks (nimbus-jose-jwt's {@code DefaultJWTProcessor} and jose4j's
 * {@code JwtConsumer}: signature, iss, aud, exp, sub), and the frameworks as their users run them: Spring
 * Security's {@code NimbusJwtDecoder} with its default validators plus issuer and audience, its claim conversion,
 * then the {@code JwtAuthenticationConverter} a resource server runs on the decoded token; SmallRye JWT's
 * {@code DefaultJWTParser} (MicroProfile JWT) with issuer, audience and its groups path. Each ratio is taken within
 * rounds ({@link Rounds}, docs/performance.md).
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

        @Param({"small", "keycloak", "entra"})
        public String shape;

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
        NimbusJwtDecoder spring;
        JwtAuthenticationConverter springConverter;
        JWTParser smallRye;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            BenchSetup.Shape tokenShape = BenchSetup.Shape.named(shape);
            material = BenchSetup.material(algorithm, tokenShape);
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
            spring = switch (algorithm) {
                case "HS256" -> NimbusJwtDecoder.withSecretKey(new SecretKeySpec(BenchSetup.SECRET, "HmacSHA256"))
                        .macAlgorithm(MacAlgorithm.HS256).build();
                case "RS256" -> NimbusJwtDecoder.withPublicKey((RSAPublicKey) material.publicKey()).build();
                // withPublicKey takes RSA keys only: an EC key reaches Spring Security as a key set (jwk-set-uri),
                // here the set already fetched and cached, so no lookup is counted.
                default -> NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<SecurityContext>(new JWKSet(
                        new ECKey.Builder(Curve.P_256, (ECPublicKey) material.publicKey())
                                .keyID(JWT.decode(token).getKeyId()).build())))
                        .jwsAlgorithm(SignatureAlgorithm.ES256).build();
            };
            // What Spring Boot sets from issuer-uri and audiences: the default validators (timestamps, and the
            // X.509-bound token check), the issuer's and the audience's.
            spring.setJwtValidator(JwtValidators.createDefaultWithValidators(
                    new JwtIssuerValidator(BenchSetup.ISSUER), new JwtAudienceValidator(BenchSetup.AUDIENCE)));
            springConverter = new JwtAuthenticationConverter();
            if (tokenShape == BenchSetup.Shape.ENTRA || tokenShape == BenchSetup.Shape.SMALL) {
                // Entra ID's app roles as authorities, as its Spring guides set it up; Keycloak's nested roles need
                // code of one's own, so its token keeps the default (scope) authorities.
                JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
                authorities.setAuthoritiesClaimName("roles");
                authorities.setAuthorityPrefix("ROLE_");
                springConverter.setJwtGrantedAuthoritiesConverter(authorities);
            }
            JWTAuthContextInfo context = switch (algorithm) {
                case "HS256" -> new JWTAuthContextInfo(new SecretKeySpec(BenchSetup.SECRET, "HmacSHA256"),
                        BenchSetup.ISSUER);
                case "RS256", "ES256" -> new JWTAuthContextInfo((PublicKey) material.publicKey(), BenchSetup.ISSUER);
                default -> throw new IllegalArgumentException(algorithm);
            };
            context.setSignatureAlgorithm(Set.of(io.smallrye.jwt.algorithm.SignatureAlgorithm.fromAlgorithm(algorithm)));
            context.setExpectedAudience(Set.of(BenchSetup.AUDIENCE));
            context.setGroupsPath(tokenShape == BenchSetup.Shape.KEYCLOAK ? "realm_access/roles" : "roles");
            smallRye = new DefaultJWTParser(context);
            // Every verifier accepts the token, or the comparison says nothing.
            javaJwt.verify(token);
            javaJwtPrepared.verify(token);
            nimbus.process(token, null);
            jose4j.processToClaims(token);
            if (springConverter.convert(spring.decode(token)) == null) {
                throw new IllegalStateException("Spring Security converted nothing");
            }
            if (!smallRye.parse(token).getGroups().contains("User")) {
                throw new IllegalStateException("SmallRye JWT found no User group: " + smallRye.parse(token).getGroups());
            }
        }
    }

    @State(Scope.Thread)
    public static class Guarded {
        @Param({"HS256", "RS256", "ES256"})
        public String algorithm;

        @Param({"small", "keycloak", "entra"})
        public String shape;

        @Param({"off", "on"})
        public String cache;

        JwtGuardFilter filter;
        FakeRequest request;
        FakeResponse response;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            BenchSetup.Material material = BenchSetup.material(algorithm, BenchSetup.Shape.named(shape));
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

    /** Spring Security's resource server: the decoder (validators, claim conversion), then the authentication. */
    @Benchmark
    public Object springSecurity(Keys keys) {
        return keys.springConverter.convert(keys.spring.decode(keys.material.token()));
    }

    /** SmallRye JWT's parser, as its MicroProfile JWT mechanism calls it for each request. */
    @Benchmark
    public Object smallRyeJwt(Keys keys) throws Exception {
        return keys.smallRye.parse(keys.material.token());
    }

    @Benchmark
    public int jwtGuardWholePath(Guarded guarded) throws Exception {
        guarded.filter.doFilter(guarded.request.reset(), guarded.response, NOTHING);
        return guarded.response.getStatus();
    }
}
