package io.jwtguard.internal.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Settings by concern: DPoP ({@code jwtguard.dpop.*}) and the trusted proxies. An algorithm outside the asymmetric
 * ones a proof may use (an HMAC, {@code none}, a misspelling) is a problem, and so is a nonce asked for with DPoP
 * off: neither may be silently ignored. Not thread-safe; used once per start-up.
 */
final class DpopSettingsReader {

    private final SettingValues values;

    DpopSettingsReader(SettingValues values) {
        this.values = values;
    }

    DpopSettings dpop() {
        DpopSettings.Mode mode = values.choice(Setting.DPOP, DpopSettings.Mode.class, DpopSettings.Mode.ALLOWED);
        List<String> algorithms = new ArrayList<>();
        for (String algorithm : values.list(Setting.DPOP_ALGORITHMS)) {
            String known = DpopSettings.SUPPORTED.stream().filter(a -> a.equalsIgnoreCase(algorithm)).findFirst()
                    .orElse(null);
            if (known == null) {
                boolean symmetric = algorithm.toUpperCase(Locale.ROOT).startsWith("HS")
                        || algorithm.equalsIgnoreCase("none");
                values.problem(Setting.DPOP_ALGORITHMS, "'" + algorithm + "' " + (symmetric
                        ? "cannot sign a proof: a proof is verified with the public key it carries, so only an"
                                + " asymmetric algorithm proves the client holds the private one"
                        : "is no DPoP proof algorithm") + "; use some of " + String.join(", ", DpopSettings.SUPPORTED));
            } else if (!algorithms.contains(known)) {
                algorithms.add(known);
            }
        }
        if (algorithms.isEmpty() && mode != DpopSettings.Mode.OFF) {
            values.problem(Setting.DPOP_ALGORITHMS, "names no algorithm; list some of "
                    + String.join(", ", DpopSettings.SUPPORTED) + ", or set " + Setting.DPOP.key() + "=off");
        }
        Duration maxAge = values.duration(Setting.DPOP_MAX_AGE, "a proof could be replayed for as long");
        boolean nonce = values.bool(Setting.DPOP_NONCE);
        if (nonce && mode == DpopSettings.Mode.OFF) {
            values.problem(Setting.DPOP_NONCE, "is true but " + Setting.DPOP.key() + "=off, so no proof is ever read;"
                    + " set " + Setting.DPOP.key() + " to allowed or required, or remove it");
        }
        Duration nonceLifetime = values.duration(Setting.DPOP_NONCE_LIFETIME, "a nonce would be accepted for as long");
        TrustedProxies proxies = TrustedProxies.parse(values.list(Setting.TRUSTED_PROXIES),
                message -> values.problem(Setting.TRUSTED_PROXIES, message));
        return new DpopSettings(mode, algorithms, maxAge, nonce, nonceLifetime, proxies);
    }
}
