package io.jwtguard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A token issuer for an application's own tests: a signing key made fresh for the test run, tokens signed with it
 * ({@link #token()}), and the settings that make JwtGuard in the application under test trust it. Register it as a
 * JUnit 5 extension in a static field, which undoes what it started (a temporary key file, the loopback key server,
 * system properties) after the class's tests:
 *
 * <pre>{@code
 * @RegisterExtension
 * static TestIssuer issuer = TestIssuer.rsa();
 * }</pre>
 *
 * <p>Three ways to trust it. In the same JVM (an embedded server), pass {@link #settings()} to JwtGuard as the
 * filter's init-parameters, or build the issuer with {@link #asSystemProperties()} for an application that reads its
 * own configuration. For a server in another process, build the issuer with
 * {@link #servingJwks()}: it then publishes its public key as a JWKS on loopback, and {@link #settings()} (or
 * {@link #environment()}, for a {@link ProcessBuilder}) points JwtGuard at it with {@code jwtguard.jwks.url}.
 *
 * <p>Outside JUnit, or in an instance field, call {@link #close()} when done. Thread-safe: tokens may be built from
 * parallel tests.
 */
public final class TestIssuer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** The {@code iss} of tokens by default, and the issuer JwtGuard is told to trust. */
    public static final String DEFAULT_ISSUER = "https://issuer.jwtguard.test";
    /** The {@code aud} of tokens by default, and the audience JwtGuard is told to accept. */
    public static final String DEFAULT_AUDIENCE = "application-under-test";

    private final SigningKey.Kind kind;
    private final String issuer;
    private final String audience;
    private final boolean jwks;
    private final boolean systemProperties;
    private final Clock clock;
    private final String keyId = "test-" + UUID.randomUUID();
    private final SigningKey trusted;
    private final SigningKey other;

    private final Object lock = new Object();
    // Guarded by lock: started on first need, freed by close().
    private Path publicKeyFile;
    private HttpServer jwksServer;
    // Guarded by lock: the values system properties had before this issuer set them (null: absent).
    private final Map<String, String> replacedProperties = new LinkedHashMap<>();

    private TestIssuer(SigningKey.Kind kind, String issuer, String audience, boolean jwks, boolean systemProperties,
            Clock clock, SigningKey trusted, SigningKey other) {
        this.kind = kind;
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.jwks = jwks;
        this.systemProperties = systemProperties;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trusted = trusted;
        this.other = other;
    }

    private static TestIssuer create(SigningKey.Kind kind) {
        return new TestIssuer(kind, DEFAULT_ISSUER, DEFAULT_AUDIENCE, false, false, Clock.systemUTC(),
                SigningKey.generate(kind), SigningKey.generate(kind));
    }

    /** An issuer signing with a fresh 256-bit HMAC secret (HS256). */
    public static TestIssuer hmac() {
        return create(SigningKey.Kind.HMAC);
    }

    /** An issuer signing with a fresh 2048-bit RSA key (RS256). */
    public static TestIssuer rsa() {
        return create(SigningKey.Kind.RSA);
    }

    /** An issuer signing with a fresh P-256 EC key (ES256). */
    public static TestIssuer ec() {
        return create(SigningKey.Kind.EC);
    }

    /**
     * The same key, trusted under another issuer name ({@code iss}).
     *
     * @param name the issuer JwtGuard trusts and tokens carry by default
     * @return a new issuer; this one is unchanged
     */
    public TestIssuer named(String name) {
        return new TestIssuer(kind, name, audience, jwks, systemProperties, clock, trusted, other);
    }

    /**
     * The same key, for another audience ({@code aud}).
     *
     * @param name the audience JwtGuard accepts and tokens carry by default
     * @return a new issuer; this one is unchanged
     */
    public TestIssuer forAudience(String name) {
        return new TestIssuer(kind, issuer, name, jwks, systemProperties, clock, trusted, other);
    }

    /**
     * The same key, with times taken from {@code clock}: for an application under test that runs on a fixed clock.
     *
     * @param clock the time tokens are issued at
     * @return a new issuer; this one is unchanged
     */
    public TestIssuer withClock(Clock clock) {
        return new TestIssuer(kind, issuer, audience, jwks, systemProperties, clock, trusted, other);
    }

    /**
     * The same key, published as a JWKS on a loopback HTTP server (started on first need), and {@link #settings()}
     * naming its URL: for an application in another process, or one that must fetch its keys as in production.
     *
     * @return a new issuer; this one is unchanged
     * @throws IllegalStateException for an HMAC issuer: a shared secret is never published
     */
    public TestIssuer servingJwks() {
        if (kind == SigningKey.Kind.HMAC) {
            throw new IllegalStateException("an HMAC secret is never published in a key set; use TestIssuer.rsa() or"
                    + " TestIssuer.ec() to serve a JWKS");
        }
        return new TestIssuer(kind, issuer, audience, true, systemProperties, clock, trusted, other);
    }

    /**
     * The same key, trusted through system properties: before the test class's tests the extension sets
     * {@link #settings()} as system properties, which MicroProfile Config (and JwtGuard's own reader) rank above the
     * application's files and the filter's init-parameters; after them it restores what was there. For an application
     * started in the test's JVM from its own {@code web.xml} or configuration. System properties are the whole JVM's:
     * tests that start other applications in parallel in the same JVM see them too.
     *
     * @return a new issuer; this one is unchanged
     */
    public TestIssuer asSystemProperties() {
        return new TestIssuer(kind, issuer, audience, jwks, true, clock, trusted, other);
    }

    /** A token with this issuer's defaults, to change and then {@linkplain TokenBuilder#build() build}. */
    public TokenBuilder token() {
        return new TokenBuilder(this, clock.instant());
    }

    /** The issuer ({@code iss}) JwtGuard is told to trust. */
    public String issuer() {
        return issuer;
    }

    /** The audience ({@code aud}) JwtGuard is told to accept. */
    public String audience() {
        return audience;
    }

    /** The algorithm tokens are signed with: {@code HS256}, {@code RS256} or {@code ES256}. */
    public String algorithm() {
        return kind.algorithm;
    }

    /**
     * The key set's URL on loopback, its server started if it is not yet.
     *
     * @throws IllegalStateException unless built with {@link #servingJwks()}
     */
    public URI jwksUri() {
        if (!jwks) {
            throw new IllegalStateException("this issuer serves no JWKS; build it with servingJwks()");
        }
        synchronized (lock) {
            if (jwksServer == null) {
                jwksServer = startJwksServer();
            }
            return URI.create("http://" + jwksServer.getAddress().getAddress().getHostAddress() + ":"
                    + jwksServer.getAddress().getPort() + "/jwks.json");
        }
    }

    /**
     * The settings that make JwtGuard trust this issuer and nothing else: {@code jwtguard.issuer},
     * {@code jwtguard.audience}, {@code jwtguard.algorithms} and the key ({@code jwtguard.key} for HMAC, a temporary
     * PEM file's {@code jwtguard.key.location} for RSA and EC, or {@code jwtguard.jwks.url} when
     * {@linkplain #servingJwks() serving a JWKS}). Give them as the filter's init-parameters or as system properties;
     * the application's other settings may be added beside them.
     *
     * @return a new, unmodifiable map in a stable order
     */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("jwtguard.issuer", issuer);
        settings.put("jwtguard.audience", audience);
        settings.put("jwtguard.algorithms", kind.algorithm);
        if (jwks) {
            settings.put("jwtguard.jwks.url", jwksUri().toString());
        } else if (kind == SigningKey.Kind.HMAC) {
            settings.put("jwtguard.key", trusted.secretBase64Url());
            settings.put("jwtguard.key.encoding", "base64url");
        } else {
            settings.put("jwtguard.key.location", "file:" + publicKeyFile().toAbsolutePath());
        }
        return java.util.Collections.unmodifiableMap(settings);
    }

    /**
     * {@link #settings()} as environment variables ({@code JWTGUARD_JWKS_URL}...), for
     * {@link ProcessBuilder#environment()} when the application runs in another process.
     *
     * @return a new, unmodifiable map
     */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        settings().forEach((key, value) -> environment.put(
                key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        return java.util.Collections.unmodifiableMap(environment);
    }

    /**
     * Restores the system properties it set, stops the key server and deletes the key file, if any of them was done;
     * the issuer stays usable for tokens.
     */
    @Override
    public void close() {
        synchronized (lock) {
            replacedProperties.forEach((key, previous) -> {
                if (previous == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, previous);
                }
            });
            replacedProperties.clear();
            if (jwksServer != null) {
                jwksServer.stop(0);
                jwksServer = null;
            }
            if (publicKeyFile != null) {
                try {
                    Files.deleteIfExists(publicKeyFile);
                } catch (IOException e) {
                    // A temporary public key left behind harms nothing; the test's outcome stands.
                }
                publicKeyFile = null;
            }
        }
    }

    /** Sets the system properties, when built {@linkplain #asSystemProperties() to}. */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (systemProperties) {
            applySystemProperties();
        }
    }

    /**
     * Sets {@link #settings()} as system properties until {@link #close()}, which restores the values they replace;
     * the extension calls it when built {@linkplain #asSystemProperties() to}.
     */
    public void applySystemProperties() {
        Map<String, String> settings = settings();
        synchronized (lock) {
            settings.forEach((key, value) -> {
                if (!replacedProperties.containsKey(key)) {
                    replacedProperties.put(key, System.getProperty(key));
                }
                System.setProperty(key, value);
            });
        }
    }

    /** Frees what {@link #close()} frees once the test class's tests are done (the issuer is a static field). */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Signs a token: with the trusted key, or with the other one under the trusted key's id. */
    String sign(com.auth0.jwt.JWTCreator.Builder token, boolean withOtherKey) {
        if (kind != SigningKey.Kind.HMAC) {
            token.withKeyId(keyId);
        }
        return token.sign((withOtherKey ? other : trusted).algorithm());
    }

    private Path publicKeyFile() {
        synchronized (lock) {
            if (publicKeyFile == null) {
                try {
                    Path file = Files.createTempFile("jwtguard-test-issuer-", ".pem");
                    Files.writeString(file, trusted.publicKeyPem(), StandardCharsets.US_ASCII);
                    publicKeyFile = file;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the test issuer's public key to a temporary file", e);
                }
            }
            return publicKeyFile;
        }
    }

    private HttpServer startJwksServer() {
        byte[] body = ("{\"keys\":[" + trusted.jwk(keyId, kind.algorithm) + "]}").getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/jwks.json", exchange -> answer(exchange, body));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test issuer's key server on loopback", e);
        }
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
