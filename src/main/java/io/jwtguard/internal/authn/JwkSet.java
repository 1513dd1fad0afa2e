package io.jwtguard.internal.authn;

import com.auth0.jwk.Jwk;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtguard.internal.config.KeyMaterial;
import io.jwtguard.internal.config.SignatureAlgorithm;
import io.jwtguard.internal.diagnostics.Text;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECField;
import java.security.spec.ECFieldFp;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a JWK Set (RFC 7517 §5) into the keys JwtGuard may verify with, skipping, one by one, every key it
 * must not use: {@code use} other than {@code sig}, {@code key_ops} without {@code verify}, an {@code alg}
 * outside the allow-list, a key type no allowed algorithm fits, RSA under 2048 bits, an EC point off its
 * curve, malformed members, duplicate {@code kid}s. The JWK-to-key conversion is jwks-rsa's
 * {@link Jwk#getPublicKey()}. Stateless.
 */
final class JwkSet {

    /** What a token's {@code kid} must look like before any key set is consulted or fetched. */
    static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One key that may verify tokens, with the allowed algorithms it fits. */
    record UsableKey(String kid, PublicKey key, List<SignatureAlgorithm> algorithms) {
    }

    /** The usable keys, and why the others were skipped. */
    record Parsed(List<UsableKey> keys, List<String> skipped) {
    }

    private JwkSet() {
    }

    static Parsed parse(byte[] body, List<SignatureAlgorithm> allowed) throws KeyFetchException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new KeyFetchException("the key set is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("keys").isArray()) {
            throw new KeyFetchException("the key set is not a JWK Set (a JSON object with a keys array)");
        }
        List<UsableKey> keys = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        for (JsonNode node : root.path("keys")) {
            String kid = node.path("kid").isTextual() ? node.path("kid").asText() : null;
            if (kid != null && !seen.add(kid)) {
                duplicated.add(kid);
            }
            String problem = problem(node, allowed);
            if (problem != null) {
                skipped.add("key " + (kid == null ? "without kid" : "'" + Text.shortValue(kid) + "'") + ": " + problem);
                continue;
            }
            try {
                PublicKey key = Jwk.fromValues(values((ObjectNode) node)).getPublicKey();
                String unfit = unfit(key);
                List<SignatureAlgorithm> fits = fitting(key, node.path("alg").asText(null), allowed);
                if (unfit != null || fits.isEmpty()) {
                    skipped.add("key '" + Text.shortValue(kid) + "': " + (unfit != null ? unfit
                            : "no allowed algorithm " + allowed + " fits it"));
                    continue;
                }
                keys.add(new UsableKey(kid, key, fits));
            } catch (Exception e) {
                // jwks-rsa throws unchecked exceptions for some malformed members: a bad key is skipped, not fatal.
                skipped.add("key '" + Text.shortValue(kid) + "': its key material is invalid");
            }
        }
        if (!duplicated.isEmpty()) {
            keys.removeIf(key -> duplicated.contains(key.kid()));
            skipped.add("kids " + duplicated.stream().map(Text::shortValue).sorted().toList()
                    + " appear more than once; none of them is used");
        }
        return new Parsed(List.copyOf(keys), List.copyOf(skipped));
    }

    /** Why a JWK must not be used, judged from its members, or {@code null}. */
    private static String problem(JsonNode node, List<SignatureAlgorithm> allowed) {
        if (!node.isObject()) {
            return "not a JSON object";
        }
        JsonNode kid = node.path("kid");
        if (!kid.isMissingNode() && !(kid.isTextual() && KID.matcher(kid.asText()).matches())) {
            return "its kid is not a short [A-Za-z0-9._-] string";
        }
        String kty = node.path("kty").asText("");
        if (!kty.equals("RSA") && !kty.equals("EC")) {
            return "key type '" + Text.shortValue(kty) + "' cannot verify the allowed algorithms";
        }
        JsonNode use = node.path("use");
        if (!use.isMissingNode() && !"sig".equals(use.asText(null))) {
            return "its use is '" + Text.shortValue(use.asText("")) + "', not 'sig'";
        }
        JsonNode ops = node.path("key_ops");
        if (!ops.isMissingNode()) {
            boolean verify = false;
            for (JsonNode op : ops) {
                verify |= "verify".equals(op.asText(null));
            }
            if (!ops.isArray() || !verify) {
                return "its key_ops do not include 'verify'";
            }
        }
        JsonNode alg = node.path("alg");
        if (!alg.isMissingNode() && allowed.stream().noneMatch(a -> a.name().equals(alg.asText(null)))) {
            return "its alg '" + Text.shortValue(alg.asText("")) + "' is not allowed here " + allowed;
        }
        for (String member : kty.equals("RSA") ? List.of("n", "e") : List.of("crv", "x", "y")) {
            JsonNode value = node.path(member);
            boolean ok = value.isTextual() && (member.equals("crv") || BASE64URL.matcher(value.asText()).matches());
            if (!ok) {
                return "member '" + member + "' is missing or not base64url text";
            }
        }
        return null;
    }

    private static Map<String, Object> values(ObjectNode node) {
        Map<String, Object> values = new HashMap<>();
        node.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual()) {
                values.put(field.getKey(), field.getValue().asText());
            }
        });
        return values;
    }

    /** RFC 7518 §3.3 and §3.4: RSA of 2048 bits at least; an EC point on its curve. */
    private static String unfit(PublicKey key) {
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
            return "RSA key of " + rsa.getModulus().bitLength() + " bits, under 2048";
        }
        if (key instanceof ECPublicKey ec && !onCurve(ec)) {
            return "EC point is not on its curve";
        }
        return null;
    }

    private static boolean onCurve(ECPublicKey key) {
        EllipticCurve curve = key.getParams().getCurve();
        ECField field = curve.getField();
        if (!(field instanceof ECFieldFp prime)) {
            return false;
        }
        BigInteger p = prime.getP();
        ECPoint point = key.getW();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        BigInteger left = y.modPow(BigInteger.TWO, p);
        BigInteger right = x.modPow(BigInteger.valueOf(3), p).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return x.signum() >= 0 && x.compareTo(p) < 0 && y.signum() >= 0 && y.compareTo(p) < 0 && left.equals(right);
    }

    /** The allowed algorithms this key can verify, narrowed to its own {@code alg} when it names one. */
    private static List<SignatureAlgorithm> fitting(PublicKey key, String jwkAlg, List<SignatureAlgorithm> allowed) {
        List<SignatureAlgorithm> fits = new ArrayList<>();
        for (SignatureAlgorithm algorithm : allowed) {
            boolean kind = key instanceof RSAPublicKey ? algorithm.keyKind() == KeyMaterial.Kind.RSA
                    : key instanceof ECPublicKey ec && algorithm.keyKind() == KeyMaterial.Kind.EC
                            && algorithm.curveBits() == ec.getParams().getCurve().getField().getFieldSize();
            if (kind && (jwkAlg == null || jwkAlg.equals(algorithm.name()))) {
                fits.add(algorithm);
            }
        }
        return fits;
    }
}
