package io.jwtguard.internal.authn;

import io.jwtguard.internal.config.IssuerSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** One trusted issuer, ready to verify: its settings, its key source, its roles claims. Thread-safe. */
record TrustedIssuer(IssuerSettings settings, KeySource keys, List<RolesClaim> rolesClaims,
        List<String> rolesClaimPaths) {

    static TrustedIssuer of(IssuerSettings settings, Duration clockSkew, Clock clock) {
        VerifierFactory verifiers = new VerifierFactory(settings, clockSkew, clock);
        KeySource keys = settings.key().isPresent()
                ? new StaticKeySource(settings.key().get(), settings.algorithms(), verifiers)
                : new JwksKeySource(settings, verifiers, clock);
        return new TrustedIssuer(settings, keys, settings.rolesClaims().stream().map(RolesClaim::new).toList(),
                settings.rolesClaims().stream().map(path -> String.join(".", path)).toList());
    }
}
