package io.jwtguard.internal.authn;

import com.auth0.jwt.JWTVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jwtguard.internal.config.IssuerSettings;
import io.jwtguard.internal.config.JwksSettings;
import io.jwtguard.internal.config.SignatureAlgorithm;
import io.jwtguard.internal.diagnostics.Text;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fetch of an issuer's key set: its location (OpenID Connect discovery where configured), the JWKS, and its
 * usable keys as verifiers, with how long to trust them. What {@link JwksKeySource} keeps and when it fetches are
 * its own.
 */
final class KeySetReader {

    private static final System.Logger LOG = System.getLogger("io.jwtguard");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IssuerSettings issuer;
    private final JwksSettings settings;
    private final VerifierFactory verifiers;

    KeySetReader(IssuerSettings issuer, VerifierFactory verifiers) {
        this.issuer = issuer;
        this.settings = issuer.jwks().orElseThrow();
        this.verifiers = verifiers;
    }

    /**
     * @param from where the key set came from, for the log
     * @param byKid each key id (empty for a key without one) to its verifier per algorithm
     * @param identity what makes two key sets the same
     * @param ttl how long these keys are trusted
     */
    record Read(URI from, Map<String, Map<SignatureAlgorithm, JWTVerifier>> byKid, String identity, Duration ttl) {
    }

    Read read(JwksClient client) throws KeyFetchException {
        URI jwksUri = settings.jwksUrl().isPresent() ? settings.jwksUrl().get() : discover(client);
        JwksClient.Fetched fetched = client.get(jwksUri);
        JwkSet.Parsed parsed = JwkSet.parse(fetched.body(), issuer.algorithms());
        if (!parsed.skipped().isEmpty()) {
            List<String> skipped = parsed.skipped();
            LOG.log(Level.WARNING, "JwtGuard: issuer '" + issuer.name() + "': skipped " + skipped.size()
                    + " keys: " + skipped.subList(0, Math.min(10, skipped.size()))
                    + (skipped.size() > 10 ? " and " + (skipped.size() - 10) + " more" : ""));
        }
        if (parsed.keys().isEmpty() && !parsed.skipped().isEmpty()) {
            // Keys published, none usable: a broken provider, not a statement that no key is valid.
            throw new KeyFetchException(jwksUri + " has no usable key");
        }
        Duration ttl = fetched.noStore() ? JwksKeySource.MIN_TTL : fetched.maxAge()
                .map(age -> age.compareTo(JwksKeySource.MIN_TTL) < 0 ? JwksKeySource.MIN_TTL
                        : age.compareTo(JwksKeySource.MAX_TTL) > 0 ? JwksKeySource.MAX_TTL : age)
                .orElse(settings.cacheTtl());
        Map<String, Map<SignatureAlgorithm, JWTVerifier>> byKid = new LinkedHashMap<>();
        for (JwkSet.UsableKey key : parsed.keys()) {
            Map<SignatureAlgorithm, JWTVerifier> byAlgorithm = new EnumMap<>(SignatureAlgorithm.class);
            for (SignatureAlgorithm algorithm : key.algorithms()) {
                byAlgorithm.put(algorithm, verifiers.verifier(Algorithms.forKey(algorithm, key.key())));
            }
            byKid.put(key.kid() == null ? "" : key.kid(), Map.copyOf(byAlgorithm));
        }
        return new Read(jwksUri, Map.copyOf(byKid), identity(parsed.keys()), ttl);
    }

    /** What makes two key sets the same: each kid with its key's encoding and its algorithms, in kid order. */
    private static String identity(List<JwkSet.UsableKey> keys) {
        java.util.TreeMap<String, String> byKid = new java.util.TreeMap<>();
        for (JwkSet.UsableKey key : keys) {
            byKid.put(String.valueOf(key.kid()), java.util.Base64.getEncoder().encodeToString(key.key().getEncoded())
                    + key.algorithms());
        }
        return byKid.toString();
    }

    /** OpenID Connect Discovery 1.0 §4: the document must name this very issuer. */
    private URI discover(JwksClient client) throws KeyFetchException {
        URI discovery = settings.discoveryUrl().orElseThrow();
        JsonNode document;
        try {
            document = JSON.readTree(client.get(discovery).body());
        } catch (IOException e) {
            throw new KeyFetchException(discovery + " is not JSON");
        }
        String named = document == null ? null : document.path("issuer").asText(null);
        String expected = issuer.issuers().isEmpty() ? settings.authority().orElseThrow().toString()
                : issuer.issuers().get(0);
        if (named == null || !named.equals(expected)) {
            throw new KeyFetchException(discovery + " names issuer '" + Text.shortValue(named) + "', not '"
                    + Text.shortValue(expected) + "'");
        }
        String jwksUri = document.path("jwks_uri").asText("");
        try {
            URI uri = new URI(jwksUri);
            if (!JwksSettings.allowed(uri)) {
                throw new KeyFetchException(discovery + " names a jwks_uri that is neither https nor http to a"
                        + " loopback address ('" + Text.shortValue(jwksUri) + "')");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new KeyFetchException(discovery + " has no valid jwks_uri");
        }
    }
}
