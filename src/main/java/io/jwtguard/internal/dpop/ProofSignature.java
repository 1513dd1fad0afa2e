package io.jwtguard.internal.dpop;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * Verifies a proof's JWS signature with the JDK's own algorithms (JCA): java-jwt, which verifies tokens, has no
 * RSASSA-PSS and no EdDSA (nor RFC 9864's {@code Ed25519}), all of which DPoP clients use. ECDSA signatures are read in JOSE's fixed-length form
 * (RFC 7518 §3.4) by the JDK's P1363 variants. Stateless.
 */
final class ProofSignature {

    private ProofSignature() {
    }

    /** Whether {@code signature} over {@code signingInput} verifies with {@code key} under JOSE {@code algorithm}. */
    static boolean verifies(String algorithm, PublicKey key, byte[] signingInput, byte[] signature) {
        try {
            Signature verifier = verifier(algorithm);
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A signature of the wrong length or encoding: the client's malformed proof, not a server fault.
            return false;
        }
    }

    private static Signature verifier(String algorithm) throws GeneralSecurityException {
        return switch (algorithm) {
            case "ES256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
            case "ES384" -> Signature.getInstance("SHA384withECDSAinP1363Format");
            case "ES512" -> Signature.getInstance("SHA512withECDSAinP1363Format");
            case "RS256" -> Signature.getInstance("SHA256withRSA");
            case "RS384" -> Signature.getInstance("SHA384withRSA");
            case "RS512" -> Signature.getInstance("SHA512withRSA");
            case "PS256" -> pss("SHA-256", MGF1ParameterSpec.SHA256, 32);
            case "PS384" -> pss("SHA-384", MGF1ParameterSpec.SHA384, 48);
            case "PS512" -> pss("SHA-512", MGF1ParameterSpec.SHA512, 64);
            case "EdDSA" -> Signature.getInstance("EdDSA");
            case "Ed25519" -> Signature.getInstance("Ed25519");
            case "Ed448" -> Signature.getInstance("Ed448");
            default -> throw new GeneralSecurityException("no DPoP algorithm " + algorithm);
        };
    }

    private static Signature pss(String digest, MGF1ParameterSpec mgf, int saltLength) throws GeneralSecurityException {
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec(digest, "MGF1", mgf, saltLength, 1));
        return pss;
    }
}
