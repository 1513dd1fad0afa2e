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

    /**
     * The claims a token carries, as identity providers issue them. {@code SMALL}: the subject, one role and the
     * registered claims (about 280 characters with HS256). {@code KEYCLOAK}: a Keycloak access token, realm and
     * client roles, scope, session, authorized party, profile and allowed origins (about 1.3 KB with HS256, 1.6 KB
     * with RS256). {@code ENTRA}: a Microsoft Entra ID v2 access token, tenant, object id, app roles, delegated
     * scopes, {@code aio}, {@code rh} and {@code uti} (about 1.1 KB with HS256). Issuer and audience stay
     * {@link #ISSUER} and {@link #AUDIENCE} so every verifier checks the same values.
     */
    enum Shape {
        SMALL("roles"),
        KEYCLOAK("realm_access.roles,resource_access." + CLIENT + ".roles"),
        ENTRA("roles");

        /** {@code jwtguard.roles.claim} for this shape. */
        final String rolesClaim;

        Shape(String rolesClaim) {
            this.rolesClaim = rolesClaim;
        }

        static Shape named(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }

        /** The claims of token {@code number}: each number gives its own {@code jti} (and {@code uti}, {@code sid}). */
        com.auth0.jwt.JWTCreator.Builder claims(int number, Instant issuedAt, Instant expiresAt) {
            String jti = String.format("jti-%010d", number);
            var builder = JWT.create().withIssuer(ISSUER).withIssuedAt(issuedAt).withExpiresAt(expiresAt);
            return switch (this) {
                case SMALL -> builder.withAudience(AUDIENCE).withSubject("bench-user")
                        .withClaim("roles", List.of("User")).withJWTId(jti);
                case KEYCLOAK -> builder.withKeyId("Xk3p9w2mQn1vY8sT5rL0aB7cD4eF6gH2jK9lM3nP0qR")
                        .withAudience(AUDIENCE, "account").withSubject("5f3c8b2e-9a41-4d7e-b6c0-2e8f1a9d3c47")
                        .withJWTId("onrtac:" + java.util.UUID.nameUUIDFromBytes(jti.getBytes(StandardCharsets.UTF_8)))
                        .withClaim("auth_time", issuedAt.getEpochSecond())
                        .withClaim("typ", "Bearer").withClaim("azp", CLIENT)
                        .withClaim("sid", java.util.UUID.nameUUIDFromBytes(("sid" + number).getBytes(StandardCharsets.UTF_8)).toString())
                        .withClaim("acr", "1")
                        .withClaim("allowed-origins", List.of("https://app.bench.jwtguard.test", "http://localhost:3000"))
                        .withClaim("realm_access", Map.of("roles", List.of("default-roles-bench", "offline_access",
                                "uma_authorization", "User", "reports-reader")))
                        .withClaim("resource_access", Map.of(CLIENT, Map.of("roles", List.of("orders:read",
                                "orders:write", "User")), "account", Map.of("roles", List.of("manage-account",
                                "manage-account-links", "view-profile"))))
                        .withClaim("scope", "openid profile email orders")
                        .withClaim("email_verified", true).withClaim("name", "Ada Lovelace")
                        .withClaim("preferred_username", "ada.lovelace").withClaim("given_name", "Ada")
                        .withClaim("family_name", "Lovelace").withClaim("email", "ada.lovelace@bench.jwtguard.test");
                case ENTRA -> builder.withKeyId("KQ2tAcrE7lBaVVGBmc5FobgdJo4")
                        .withAudience(AUDIENCE).withNotBefore(issuedAt)
                        .withSubject("l3_roISQU222bULS9yi2k0XpqpOiMz5H3ZACo1GeXA")
                        .withClaim("aio", "AWQAm/8ZAAAAbench0wYH3Jx6KqkZ9vE2nQ1T7sR5uW8yX0zA3cB6dF9gI2jL5mN8pO1qS4tU"
                                + "7vX0yZ3aC6eG9hJ2kM5nP8rT1uW4xY7zB0cD3fH6iK9lN2oQ5sV8wA1bE4gI7")
                        .withClaim("azp", "c44b4083-3bb0-49c1-b47d-974e53cbdf3c").withClaim("azpacr", "0")
                        .withClaim("name", "Ada Lovelace")
                        .withClaim("oid", "00000000-0000-0000-66f3-3332eca7ea81")
                        .withClaim("preferred_username", "ada.lovelace@bench.onmicrosoft.com")
                        .withClaim("rh", "0.ARoAv4j5cvGGr0GRqy180BHbR_fDSBTHqbJLjJsUsU6Oa4cNAIY.")
                        .withClaim("roles", List.of("User", "Orders.Read"))
                        .withClaim("scp", "access_as_user User.Read")
                        .withClaim("tid", "72f988bf-86f1-41af-91ab-2d7cd011db47")
                        .withClaim("uti", String.format("fqiBqXLPj0eQa82S-%05d", number % 100_000))
                        .withClaim("ver", "2.0").withClaim("xms_ftd", "bench-ftd-northeurope-dsms");
            };
        }
    }

    /** The Keycloak client the bench API is, and whose roles the Keycloak-shaped token carries. */
    static final String CLIENT = "bench-api";

    /** One algorithm's keys and a token of one shape signed with them. */
    record Material(String algorithm, Shape shape, int padding, Algorithm signer, Algorithm verifier, Object publicKey,
            String token, Path pem) {

        /** Another token like {@link #token()}, as long, but for its own {@code jti}. */
        String another(int number) {
            com.auth0.jwt.interfaces.DecodedJWT like = JWT.decode(token);
            return sign(number, like.getIssuedAtAsInstant(), like.getExpiresAtAsInstant());
        }

        /** Token {@code number} of this shape, issued and expiring when given. */
        String sign(int number, Instant issuedAt, Instant expiresAt) {
            var builder = shape.claims(number, issuedAt, expiresAt);
            if (padding > 0) {
                builder.withClaim("pad", "p".repeat(padding));
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
        return material(algorithm, Shape.SMALL, padding);
    }

    static Material material(String algorithm, Shape shape) throws Exception {
        return material(algorithm, shape, 0);
    }

    static Material material(String algorithm, Shape shape, int padding) throws Exception {
        Instant now = Instant.now();
        Instant expires = now.plus(Duration.ofDays(1));
        switch (algorithm) {
            case "HS256" -> {
                Algorithm hmac = Algorithm.HMAC256(SECRET);
                Material unsigned = new Material(algorithm, shape, padding, hmac, hmac, SECRET, null, null);
                return new Material(algorithm, shape, padding, hmac, hmac, SECRET, unsigned.sign(0, now, expires), null);
            }
            case "RS256" -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair keys = generator.generateKeyPair();
                Algorithm rsa = Algorithm.RSA256((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate());
                Algorithm verifier = Algorithm.RSA256((RSAPublicKey) keys.getPublic(), null);
                Material unsigned = new Material(algorithm, shape, padding, rsa, verifier, keys.getPublic(), null, null);
                return new Material(algorithm, shape, padding, rsa, verifier, keys.getPublic(),
                        unsigned.sign(0, now, expires), pem(keys));
            }
            case "ES256" -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair keys = generator.generateKeyPair();
                Algorithm ec = Algorithm.ECDSA256((ECPublicKey) keys.getPublic(), (ECPrivateKey) keys.getPrivate());
                Algorithm verifier = Algorithm.ECDSA256((ECPublicKey) keys.getPublic(), null);
                Material unsigned = new Material(algorithm, shape, padding, ec, verifier, keys.getPublic(), null, null);
                return new Material(algorithm, shape, padding, ec, verifier, keys.getPublic(),
                        unsigned.sign(0, now, expires), pem(keys));
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
        params.putIfAbsent("jwtguard.roles.claim", material.shape().rolesClaim);
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
