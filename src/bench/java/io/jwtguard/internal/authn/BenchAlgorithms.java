package io.jwtguard.internal.authn;

import com.auth0.jwt.algorithms.Algorithm;
import io.jwtguard.internal.config.SignatureAlgorithm;

/** JwtGuard's own HMAC for the benchmark that compares it with java-jwt's (bench sources only). */
public final class BenchAlgorithms {

    private BenchAlgorithms() {
    }

    public static Algorithm preparedHmac(String name, byte[] secret) {
        return Algorithms.hmac(SignatureAlgorithm.named(name).orElseThrow(), secret);
    }
}
