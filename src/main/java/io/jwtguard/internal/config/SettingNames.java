package io.jwtguard.internal.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which {@code jwtguard.*} names JwtGuard reads, in both spellings a source may list: the dotted key
 * ({@code jwtguard.roles.claim}) and its environment form (MicroProfile Config 3.1 §5.1.3:
 * {@code JWTGUARD_ROLES_CLAIM}). Open-ended keys are recognised by their pattern:
 * {@code jwtguard.issuers.<name>.<issuer setting>} and {@code jwtguard.policy.<name>.<part>} (the policy
 * reader checks the parts itself). A name that is none of these gets the closest known name by edit
 * distance, so a misspelt key is refused with the spelling that works. Stateless.
 */
final class SettingNames {

    static final String ENVIRONMENT_PREFIX = "JWTGUARD_";

    /**
     * The settings a {@code jwtguard.issuers.<name>.} block may hold: those {@link IssuerSettingsReader} and the key,
     * JWKS and algorithm readers it calls read per issuer.
     */
    static final Set<Setting> ISSUER_BLOCK = EnumSet.of(Setting.ISSUER, Setting.ISSUER_VALIDATE, Setting.AUDIENCE,
            Setting.AUDIENCE_VALIDATE, Setting.KEY, Setting.KEY_ENCODING, Setting.KEY_LOCATION, Setting.JWKS_URL,
            Setting.AUTHORITY, Setting.JWKS_CONNECT_TIMEOUT, Setting.JWKS_READ_TIMEOUT, Setting.JWKS_CACHE_TTL,
            Setting.JWKS_MIN_REFRESH_INTERVAL, Setting.JWKS_MAX_STALE, Setting.JWKS_MAX_BYTES, Setting.ALGORITHMS,
            Setting.ROLES_CLAIM);

    private SettingNames() {
    }

    /** Whether {@code name} is in JwtGuard's namespace, dotted or in environment form. */
    static boolean ours(String name) {
        return name.startsWith(SettingValues.TOP_LEVEL) || environmentForm(name)
                && name.toUpperCase(Locale.ROOT).startsWith(ENVIRONMENT_PREFIX);
    }

    /**
     * A name in JwtGuard's namespace that no setting and no pattern accounts for.
     *
     * @param listed every name the sources list, so that an environment variable overriding a listed
     *     open-ended key ({@code jwtguard.policy.Admins.roles}) is known
     */
    static boolean unknown(String name, Set<String> listed) {
        return ours(name) && (environmentForm(name) ? !knownEnvironment(name.toUpperCase(Locale.ROOT), listed)
                : !knownKey(name));
    }

    /** The known name closest to {@code name}, spelt the way {@code name} is (dotted or environment form). */
    static String closest(String name) {
        boolean environment = environmentForm(name);
        String compared = environment ? name.toUpperCase(Locale.ROOT) : name;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates(name)) {
            String spelt = environment ? environmentName(candidate) : candidate;
            int distance = distance(compared, spelt);
            if (distance < bestDistance) {
                best = spelt;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** The environment variable MicroProfile Config maps to {@code key}. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** A name without dots, as environment variables are written; a dotted name is a property's. */
    private static boolean environmentForm(String name) {
        return name.indexOf('.') < 0;
    }

    static boolean knownKey(String key) {
        for (Setting setting : Setting.values()) {
            if (setting.key().equals(key)) {
                return true;
            }
        }
        if (key.startsWith(PolicySettingsReader.POLICY_PREFIX) || key.startsWith(McpSettingsReader.TOOL_PREFIX)) {
            return true;
        }
        return issuerBlock(key).isPresent();
    }

    /** The {@code jwtguard.issuers.<name>.} prefix of a key whose rest is an issuer setting. */
    private static Optional<String> issuerBlock(String key) {
        if (!key.startsWith(IssuerSettingsReader.ISSUERS_PREFIX)) {
            return Optional.empty();
        }
        String rest = key.substring(IssuerSettingsReader.ISSUERS_PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String suffix = SettingValues.TOP_LEVEL + rest.substring(dot + 1);
        return ISSUER_BLOCK.stream().anyMatch(s -> s.key().equals(suffix))
                ? Optional.of(IssuerSettingsReader.ISSUERS_PREFIX + rest.substring(0, dot + 1)) : Optional.empty();
    }

    /**
     * Environment names lose the dots, so they cannot name a policy or an issuer of their own (its name
     * cannot be told from the key around it): such a variable only overrides a key that a file or a system
     * property lists, and one that overrides nothing would be ignored.
     */
    private static boolean knownEnvironment(String name, Set<String> listed) {
        for (Setting setting : Setting.values()) {
            if (environmentName(setting.key()).equals(name)) {
                return true;
            }
        }
        return listed.stream().filter(key -> !environmentForm(key)).anyMatch(key -> environmentName(key).equals(name));
    }

    /** Whether {@code name} is an open-ended (policy or issuer) name in environment form. */
    static boolean openEnded(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return environmentForm(name) && (upper.startsWith(environmentName(PolicySettingsReader.POLICY_PREFIX))
                || upper.startsWith(environmentName(IssuerSettingsReader.ISSUERS_PREFIX))
                || upper.startsWith(environmentName(McpSettingsReader.TOOL_PREFIX)));
    }

    /** Every known key, with an issuer block's keys when {@code name} is in one. */
    private static List<String> candidates(String name) {
        List<String> candidates = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            candidates.add(setting.key());
        }
        if (!environmentForm(name) && name.startsWith(IssuerSettingsReader.ISSUERS_PREFIX)) {
            String rest = name.substring(IssuerSettingsReader.ISSUERS_PREFIX.length());
            int dot = rest.indexOf('.');
            String block = IssuerSettingsReader.ISSUERS_PREFIX + (dot < 0 ? rest : rest.substring(0, dot)) + ".";
            ISSUER_BLOCK.forEach(s -> candidates.add(block + s.key().substring(SettingValues.TOP_LEVEL.length())));
        }
        return candidates;
    }

    /** Levenshtein distance: insertions, deletions and substitutions, each costing one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
