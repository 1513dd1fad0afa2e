package io.jwtguard.cli;

import io.jwtguard.internal.authn.TokenSigner;
import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.Settings;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code token}: a development token from the same settings the filter verifies with. */
final class TokenCommand extends Command {

    static final String HELP = """
            Usage: java -jar jwt-guard-all.jar token --config <properties file> [options]

            Mints a token with the configuration's issuer, audience, key, first algorithm and roles claim,
            like `dotnet user-jwts`, and prints it alone on standard output.
              --sub <name>              the subject (default: developer)
              --role <role>             a role; repeat, or separate with commas
              --claim <name>=<value>    an extra string claim; repeat for more
              --valid-for <duration>    lifetime: 15m, 1h, PT30M (default: jwtguard.token.lifetime)
              --expired                 a token that expired an hour ago
              --wrong-audience          a token for another audience (to test audience_mismatch)
              --wrong-issuer            a token from another issuer (to test issuer_mismatch)
              --private-key <pem file>  PKCS#8 private key, when the configuration verifies with a public key
            The HMAC secret comes from the configuration (JWTGUARD_KEY in the environment); it is never printed.
            Exit codes: 0 minted, 1 the configuration cannot sign, 2 usage.""";


    TokenCommand(PrintStream out, PrintStream err, Map<String, String> environment) {
        super(out, err, environment, HELP, Set.of("config", "sub", "role", "claim", "valid-for", "expired", "wrong-audience",
                "wrong-issuer", "private-key"));
    }

    @Override
    int execute(Options options) throws Options.UsageException {
        Map<String, String> overrides = new HashMap<>();
        options.value("private-key").ifPresent(pem -> overrides.put("jwtguard.signing.key.location", "file:" + pem));
        Settings settings;
        try {
            settings = CommandSettings.load(CommandSettings.source(options.required("config"), environment, overrides));
        } catch (InvalidSettingsException e) {
            err.println(e.getMessage());
            return Main.FAIL;
        }
        Optional<TokenSigner> issuer = TokenSigner.forSettings(settings, Clock.systemUTC());
        if (issuer.isEmpty()) {
            err.println("This configuration verifies with a public key or a JWKS: give the matching private key"
                    + " with --private-key <PKCS#8 PEM file>.");
            return Main.FAIL;
        }
        Duration lifetime;
        try {
            lifetime = options.value("valid-for").map(TokenCommand::duration).orElse(settings.tokenLifetime());
        } catch (IllegalArgumentException e) {
            throw new Options.UsageException(e.getMessage());
        }
        Instant issuedAt = Instant.now();
        if (options.has("expired")) {
            issuedAt = issuedAt.minus(lifetime).minus(Duration.ofHours(1));
        }
        List<String> roles = new ArrayList<>();
        for (String role : options.all("role")) {
            for (String one : role.split(",")) {
                if (!one.isBlank()) {
                    roles.add(one.trim());
                }
            }
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        for (String claim : options.all("claim")) {
            int equals = claim.indexOf('=');
            if (equals <= 0) {
                throw new Options.UsageException("--claim takes name=value, not '" + claim + "'.");
            }
            claims.put(claim.substring(0, equals), claim.substring(equals + 1));
        }
        String token = issuer.get().issue(options.value("sub").orElse("developer"), roles, claims, issuedAt, lifetime,
                options.has("wrong-issuer") ? "https://wrong-issuer.invalid" : null,
                options.has("wrong-audience") ? List.of("wrong-audience.invalid") : null);
        out.println(token);
        return Main.PASS;
    }

    private static Duration duration(String text) {
        try {
            return io.jwtguard.internal.config.Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--valid-for: " + e.getMessage());
        }
    }
}
