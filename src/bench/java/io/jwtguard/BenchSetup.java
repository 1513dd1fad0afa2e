package io.jwtguard;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.jwtguard.testing.FakeContainer;
import jakarta.servlet.FilterConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Keys, tokens and a started JwtGuardFilter for the benchmarks, made once per trial. */
final class BenchSetup {

    static final String ISSUER = "https://bench.jwtguard.test";
    static final String AUDIENCE = "bench-api";
    static final byte[] SECRET = "bench-secret-0123456789-abcdefghijklmnop".getBytes(StandardCharsets.US_ASCII);

    /** One algorithm's keys and a token signed with them. */
    record Material(String algorithm, Algorithm signer, Algorithm verifier, Object publicKey, String token, Path pem) {

        /** Another token like {@link #token()}, as long, but for its own {@code jti}. */
        String another(int number) {
            com.auth0.jwt.interfaces.DecodedJWT like = JWT.decode(token);
            var builder = JWT.create().withIssuer(ISSUER).withAudience(AUDIENCE).withSubject("bench-user")
                    .withIssuedAt(like.getIssuedAtAsInstant()).withExpiresAt(like.getExpiresAtAsInstant())
                    .withClaim("roles", List.of("User")).withJWTId(String.format("jti-%010d", number));
            if (!like.getClaim("pad").isMissing()) {
                builder.withClaim("pad", like.getClaim("pad").asString());
            }
            return builder.sign(signer);
        }
    }

    private BenchSetup() {
    }

    static Material material(String algorithm) throws Exception {
        return material(algorithm, 0);
    }

    /** With a {@code pad} claim of {@code padding} characters, to make the token as long as a real one can be. */
    static Material material(String algorithm, int padding) throws Exception {
        Instant now = Instant.now();
        var builder = JWT.create().withIssuer(ISSUER).withAudience(AUDIENCE).withSubject("bench-user")
                .withIssuedAt(now).withExpiresAt(now.plus(Duration.ofDays(1))).withClaim("roles", List.of("User"))
                .withJWTId("jti-0123456789");
        if (padding > 0) {
            builder.withClaim("pad", "p".repeat(padding));
        }
        switch (algorithm) {
            case "HS256" -> {
                Algorithm hmac = Algorithm.HMAC256(SECRET);
                return new Material(algorithm, hmac, hmac, SECRET, builder.sign(hmac), null);
            }
            case "RS256" -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair keys = generator.generateKeyPair();
                Algorithm rsa = Algorithm.RSA256((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate());
                return new Material(algorithm, rsa, Algorithm.RSA256((RSAPublicKey) keys.getPublic(), null),
                        keys.getPublic(), builder.sign(rsa), pem(keys));
            }
            case "ES256" -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair keys = generator.generateKeyPair();
                Algorithm ec = Algorithm.ECDSA256((ECPublicKey) keys.getPublic(), (ECPrivateKey) keys.getPrivate());
                return new Material(algorithm, ec, Algorithm.ECDSA256((ECPublicKey) keys.getPublic(), null),
                        keys.getPublic(), builder.sign(ec), pem(keys));
            }
            default -> throw new IllegalArgumentException(algorithm);
        }
    }

    private static Path pem(KeyPair keys) throws Exception {
        Path file = Files.createTempFile("jwtguard-bench", ".pem");
        file.toFile().deleteOnExit();
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        return file;
    }

    /** A JwtGuardFilter started as a container would, configured through its init-params. */
    static JwtGuardFilter filter(Material material, boolean cache) throws Exception {
        return started(material, cache, Map.of()).filter();
    }

    /** A started filter and its application's context (where it publishes its Revocations and TokenIssuer). */
    record Started(JwtGuardFilter filter, jakarta.servlet.ServletContext context) {
    }

    /** The same filter, with more settings among its init-params. */
    static Started started(Material material, boolean cache, Map<String, String> more) throws Exception {
        Map<String, String> params = new HashMap<>(more);
        params.putIfAbsent("jwtguard.issuer", ISSUER);
        params.putIfAbsent("jwtguard.audience", AUDIENCE);
        params.put("jwtguard.algorithms", material.algorithm());
        params.put("jwtguard.token.cache.size", cache ? "10000" : "0");
        if (material.pem() == null) {
            params.put("jwtguard.key", new String(SECRET, StandardCharsets.US_ASCII));
        } else {
            params.put("jwtguard.key.location", "file:" + material.pem());
        }
        JwtGuardFilter filter = new JwtGuardFilter();
        FilterConfig config = filterConfig(params);
        filter.init(config);
        return new Started(filter, config.getServletContext());
    }

    /** The servlet the benchmark request goes to: any authenticated caller. */
    @Authorize
    static final class MeServlet extends jakarta.servlet.http.HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    private static FilterConfig filterConfig(Map<String, String> params) {
        FakeContainer container = new FakeContainer().servlet("me", MeServlet.class, "/api/me");
        FilterConfig config = container.filter("JwtGuard", params);
        try {
            // As a container starts the application: JwtGuard's initializer guards the servlets first.
            new io.jwtguard.internal.pipeline.JwtGuardInitializer().onStartup(java.util.Set.of(), container.context());
        } catch (jakarta.servlet.ServletException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return config;
    }
}
