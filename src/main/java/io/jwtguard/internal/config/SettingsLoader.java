package io.jwtguard.internal.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads every setting once, by concern (issuers and keys, token bounds, CORS, policies, the rest), and
 * builds {@link Settings}; every problem of every concern goes to one {@link Problems}, so an operator
 * fixes a deployment in one round, not one restart per mistake. Never puts a secret in a message.
 *
 * <p>Precedence, highest first: the {@code jwtguard.*} key in MicroProfile Config, the matching
 * {@code mp.jwt.*} key there, the filter's {@code web.xml} init-param, the built-in default.
 * Stateless.
 */
public final class SettingsLoader {

    private SettingsLoader() {
    }

    /**
     * The settings, with every problem added to {@code problems}. While {@code problems} holds any, the
     * settings only serve to check the other areas (policies, rules, listeners) and must not be used to
     * verify a token.
     *
     * @param config MicroProfile Config (or a test's map)
     * @param initParams the filter's init-params, the lowest-priority defaults
     * @param loader resolves {@code classpath:} key locations
     */
    public static Settings read(SettingsSource config, SettingsSource initParams, ClassLoader loader,
            Problems problems) {
        List<String> warnings = new ArrayList<>();
        SettingValues values = new SettingValues(config, initParams, problems, warnings);
        unknownNames(values);
        IssuerSettingsReader issuers = new IssuerSettingsReader(values, loader);
        TokenBoundsReader bounds = new TokenBoundsReader(values);
        List<IssuerSettings> trusted = issuers.trustedIssuers();
        bounds.requireExp();
        // Read at deploy time, before any filter exists (AutomaticRegistration); checked here with the rest.
        values.bool(Setting.FILTER_AUTO_REGISTER);
        ResourceSettings resource = new ResourceSettingsReader(values).resource(trusted);
        Settings.Diagnostics diagnostics = values.choice(Setting.DIAGNOSTICS, Settings.Diagnostics.class,
                Settings.Diagnostics.PRODUCTION);
        if (diagnostics == Settings.Diagnostics.DEVELOPMENT) {
            values.warn(Setting.DIAGNOSTICS.key() + "=development: refusals name the expected issuer, audience"
                    + " and roles; never use it in production");
        }
        return new Settings(trusted, bounds.clockSkew(), values.text(Setting.TOKEN_COOKIE), bounds.maxTokenLength(),
                bounds.tokenCacheSize(), bounds.tokenTypes(), bounds.maxTokenAge(), values.text(Setting.NAME_CLAIM),
                bounds.realm(), diagnostics,
                values.choice(Setting.AUTHORIZATION_FALLBACK, Settings.Fallback.class, Settings.Fallback.AUTHENTICATED),
                bounds.tokenLifetime(), values.bool(Setting.TOKEN_ISSUER_PUBLISH), new KeySettingsReader(values, loader).signingKey(trusted),
                new CorsSettingsReader(values).cors(),
                new PolicySettingsReader(values).policies(), values.list(Setting.LISTENERS),
                values.bool(Setting.CONTAINER_AUTHENTICATION), new RevocationSettingsReader(values).revocation(),
                new McpSettingsReader(values).mcp(),
                new TelemetrySettings(values.bool(Setting.METRICS_MICROMETER), values.bool(Setting.METRICS_OPENTELEMETRY),
                        values.bool(Setting.TRACING_OPENTELEMETRY)), warnings, resource,
                new DpopSettingsReader(values).dpop());
    }

    /** What a name in JwtGuard's namespace that is no setting does to start-up. */
    enum UnknownSettings { FAIL, WARN }

    /**
     * Every {@code jwtguard.*} key and {@code JWTGUARD_*} variable the sources list that JwtGuard would not
     * read: ignored, a misspelt {@code jwtguard.audiance} would leave every token refused for a reason
     * nobody sees, so it fails start-up (or is logged, by setting) with the closest name that works.
     */
    private static void unknownNames(SettingValues values) {
        UnknownSettings mode = values.choice(Setting.UNKNOWN_SETTINGS, UnknownSettings.class, UnknownSettings.FAIL);
        java.util.Map<String, String> names = values.namesBySource();
        for (java.util.Map.Entry<String, String> name : names.entrySet()) {
            if (!SettingNames.unknown(name.getKey(), names.keySet())) {
                continue;
            }
            String message = name.getKey() + ": no such setting (" + name.getValue() + "), so it would be ignored; " + (SettingNames.openEnded(name.getKey())
                    ? "an environment variable cannot define a policy or an issuer (its name cannot be told from the"
                            + " key around it), only override a key that a file or system property lists; define "
                            + PolicySettingsReader.POLICY_PREFIX + "<name>.<part> or " + IssuerSettingsReader.ISSUERS_PREFIX
                            + "<name>.<setting> in microprofile-config.properties"
                    : "did you mean " + SettingNames.closest(name.getKey()) + "?")
                    + (mode == UnknownSettings.FAIL ? " (" + Setting.UNKNOWN_SETTINGS.key() + "=warn only logs such names)" : "");
            if (mode == UnknownSettings.FAIL) {
                values.problem(message);
            } else {
                values.warn(message);
            }
        }
    }

    /** The settings, or one exception that lists every problem. */
    public static Settings load(SettingsSource config, SettingsSource initParams, ClassLoader loader)
            throws InvalidSettingsException {
        return Problems.require(problems -> read(config, initParams, loader, problems));
    }
}
