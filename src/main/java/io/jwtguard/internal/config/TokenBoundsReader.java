package io.jwtguard.internal.config;

import io.jwtguard.internal.diagnostics.Text;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Settings by concern: the bounds every token is held to (clock skew, length, {@code typ}, age,
 * {@code exp}), the verified-token cache, the lifetime of issued tokens and the challenge's realm. Each
 * range comes from its {@link Setting}'s {@link Bounds}. Not thread-safe; used once per start-up.
 */
final class TokenBoundsReader {

    private final SettingValues values;

    TokenBoundsReader(SettingValues values) {
        this.values = values;
    }

    /** RFC 7519 §4.1.4 leeway: a large one hides a wrong clock and lengthens every token's life. */
    Duration clockSkew() {
        return values.duration(Setting.CLOCK_SKEW, "a large skew hides a wrong server clock and extends every"
                + " token's life; synchronise the clocks (NTP)");
    }

    /** JwtGuard always requires {@code exp}; the setting exists only to say so. */
    void requireExp() {
        if (!values.bool(Setting.TOKEN_REQUIRE_EXP)) {
            values.problem(Setting.TOKEN_REQUIRE_EXP, "tokens without 'exp' would be valid forever;"
                    + " remove the setting (JwtGuard always requires 'exp')");
        }
    }

    int maxTokenLength() {
        return values.number(Setting.TOKEN_MAX_LENGTH);
    }

    int tokenCacheSize() {
        return values.number(Setting.TOKEN_CACHE_SIZE);
    }

    Duration tokenLifetime() {
        return values.duration(Setting.TOKEN_LIFETIME, null);
    }

    /** {@code jwtguard.max-token-age}: unset means no limit; set, at least a second, since {@code iat} counts seconds. */
    Optional<Duration> maxTokenAge() {
        return values.optionalDuration(Setting.MAX_TOKEN_AGE, "iat counts whole seconds; e.g. 8h, or leave it unset"
                + " for no limit beyond exp");
    }

    /**
     * {@code jwtguard.token.type}: media types without parameters, normalised once (RFC 7515 §4.1.9), so
     * the request path only lower-cases the token's {@code typ} and looks it up. {@code at+jwt} is an access token by
     * definition (RFC 9068 §2.1), so a list that checks types always accepts it too, after the configured ones; with
     * {@code jwtguard.token.require-access-token-type=true} it is the only type (RFC 9068 §4).
     */
    List<String> tokenTypes() {
        List<String> configured = configuredTokenTypes();
        if (values.bool(Setting.TOKEN_REQUIRE_ACCESS_TOKEN_TYPE)) {
            List<String> others = configured.stream().filter(type -> !type.equals(ACCESS_TOKEN_TYPE)).toList();
            if (!others.isEmpty()) {
                values.problem(Setting.TOKEN_TYPE, "lists " + others + " while "
                        + Setting.TOKEN_REQUIRE_ACCESS_TOKEN_TYPE.key() + "=true accepts only at+jwt (RFC 9068 4);"
                        + " remove " + Setting.TOKEN_TYPE.key() + ", or set the other setting to false");
            }
            return List.of(ACCESS_TOKEN_TYPE);
        }
        if (configured.isEmpty() || configured.contains(ACCESS_TOKEN_TYPE)) {
            return configured;
        }
        List<String> types = new java.util.ArrayList<>(configured);
        types.add(ACCESS_TOKEN_TYPE);
        return List.copyOf(types);
    }

    /** The {@code typ} of RFC 9068 JWT access tokens, in its normalised form. */
    static final String ACCESS_TOKEN_TYPE = "at+jwt";

    private List<String> configuredTokenTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (String value : values.list(Setting.TOKEN_TYPE)) {
            String type = Settings.mediaType(value);
            if (!type.matches("[a-z0-9][a-z0-9!#$&^_.+-]*")) {
                values.problem(Setting.TOKEN_TYPE, "'" + value + "' is not a media type a token's typ can be compared with;"
                        + " write the subtype alone or with application/, without parameters, e.g. at+jwt (RFC 9068)");
            } else {
                types.add(type);
            }
        }
        return List.copyOf(types);
    }

    String realm() {
        String realm = values.text(Setting.REALM);
        if (!realm.equals(Text.printable(realm))) {
            values.problem(Setting.REALM, "may hold only printable ASCII without quotes or backslashes (RFC 6750 3)");
        }
        return realm;
    }
}
