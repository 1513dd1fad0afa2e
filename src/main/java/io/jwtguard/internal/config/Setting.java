package io.jwtguard.internal.config;

/**
 * Every configuration key JwtGuard reads, with its default, its bounds and the MicroProfile JWT key
 * honoured when it is absent. Defaults and bounds are written here once, so docs/configuration.md, the loader and the CLI agree.
 */
public enum Setting {
    ISSUER("jwtguard.issuer", "", "mp.jwt.verify.issuer",
            "Trusted issuers (`iss`), comma-separated. Required unless `jwtguard.issuer.validate=false`."),
    ISSUER_VALIDATE("jwtguard.issuer.validate", "true", null,
            "Set `false` to accept any issuer (logged as a warning at start-up)."),
    AUDIENCE("jwtguard.audience", "", "mp.jwt.verify.audiences",
            "Accepted audiences (`aud`), comma-separated; a token must name at least one."),
    AUDIENCE_VALIDATE("jwtguard.audience.validate", "true", null,
            "Set `false` to accept any audience (logged as a warning at start-up)."),
    KEY("jwtguard.key", "", null,
            "HMAC secret. Put it in the environment (`JWTGUARD_KEY`), never in a committed file."),
    KEY_ENCODING("jwtguard.key.encoding", "utf8", null,
            "How `jwtguard.key` is written: `utf8`, `base64` or `base64url`."),
    KEY_LOCATION("jwtguard.key.location", "", "mp.jwt.verify.publickey.location",
            "PEM public key or X.509 certificate: `file:/path/key.pem` or `classpath:/key.pem` (an https URL is read as a JWKS URL)."),
    JWKS_URL("jwtguard.jwks.url", "", null,
            "JWKS URL of the token issuer (https; http only to loopback). Keys are cached by `kid` and refetched on rotation."),
    AUTHORITY("jwtguard.authority", "", null,
            "Issuer URL; its `/.well-known/openid-configuration` names the `jwks_uri` and must name this issuer."),
    JWKS_CONNECT_TIMEOUT("jwtguard.jwks.connect-timeout", "2s", null, Bounds.positive("1m"),
            "Bound on connecting to the key server; 0 is refused."),
    JWKS_READ_TIMEOUT("jwtguard.jwks.read-timeout", "2s", null, Bounds.positive("1m"),
            "Bound on the key server's whole answer; no request thread waits longer. 0 is refused."),
    JWKS_CACHE_TTL("jwtguard.jwks.cache-ttl", "10m", null, Bounds.positive(null),
            "How long fetched keys are trusted; `Cache-Control: max-age` wins between 1 minute and 24 hours."),
    JWKS_MIN_REFRESH_INTERVAL("jwtguard.jwks.min-refresh-interval", "30s", null, Bounds.positive(null),
            "At most one refetch per interval for unknown `kid`s, so a flood of random `kid`s cannot hammer the issuer."),
    JWKS_MAX_STALE("jwtguard.jwks.max-stale", "1h", null, Bounds.duration("0s", "24h"),
            "While the key server cannot be reached, the last good keys keep working this long past their TTL;"
                    + " then `key_source_unavailable` (503). Bounds how long a withdrawn key can outlive an outage."),
    JWKS_MAX_BYTES("jwtguard.jwks.max-bytes", "262144", null, Bounds.number(1024, 16 * 1024 * 1024),
            "Largest key set or discovery document accepted."),
    ALGORITHMS("jwtguard.algorithms", "", "mp.jwt.verify.publickey.algorithm",
            "Allowed `alg` values. Default: HS256 for an HMAC key, RS256 for RSA and for JWKS, ES256/384/512 by EC curve."),
    CLOCK_SKEW("jwtguard.clock-skew", "60s", "mp.jwt.verify.clock.skew", Bounds.duration("0s", "5m"),
            "Leeway for `exp`, `nbf`, `iat`: `60`, `60s`, `5m` or `PT60S`; at most 5 minutes."),
    TOKEN_COOKIE("jwtguard.token.cookie", "", "mp.jwt.token.cookie",
            "Cookie to read the token from when there is no Authorization header. Name it with the `__Host-` prefix"
                    + " (`__Host-access_token`) so no other site or path can set one beside it; sent twice, it is refused (400)."),
    TOKEN_REQUIRE_EXP("jwtguard.token.require-exp", "true", null,
            "Must stay `true`: a token without `exp` would be valid forever."),
    TOKEN_MAX_LENGTH("jwtguard.token.max-length", "8192", null, Bounds.number(256, 65_536),
            "Longest token accepted, in characters."),
    TOKEN_CACHE_SIZE("jwtguard.token.cache.size", "10000", null, Bounds.number(0, 10_000_000),
            "Verified tokens remembered (exact token, until its `exp`, dropped when keys change); 0 turns the cache off."),
    TOKEN_TYPE("jwtguard.token.type", "", null,
            "Accepted `typ` header values, comma-separated, e.g. `JWT`; `at+jwt` (RFC 9068 access tokens) is always"
                    + " accepted beside them. Compared case-insensitively, `application/` optional. A token without one is"
                    + " `malformed_token`. Empty: not checked."),
    TOKEN_REQUIRE_ACCESS_TOKEN_TYPE("jwtguard.token.require-access-token-type", "false", null,
            "`true` accepts only JWT access tokens (RFC 9068): `typ` must be `at+jwt` (or `application/at+jwt`), so no"
                    + " ID token or other JWT of the same issuer passes for one. Combined with `jwtguard.token.type`, that"
                    + " may list only `at+jwt`."),
    MAX_TOKEN_AGE("jwtguard.max-token-age", "", null, Bounds.duration("1s", null),
            "Oldest token accepted, counted from its `iat` plus the clock skew (`15m`, `8h`, `PT8H`); older tokens and"
                    + " tokens without `iat` are `token_expired`. Empty: only `exp` limits a token's life."),
    TOKEN_LIFETIME("jwtguard.token.lifetime", "15m", null, Bounds.positive(null),
            "Lifetime of tokens minted by `TokenIssuer` (the demo's `/login`)."),
    TOKEN_ISSUER_PUBLISH("jwtguard.token-issuer.publish", "false", null,
            "`true` puts a `TokenIssuer` in the `ServletContext` (attribute `io.jwtguard.TokenIssuer`) for a login"
                    + " servlet to sign with. Off by default: then no code in the application can mint tokens."),
    SIGNING_KEY_LOCATION("jwtguard.signing.key.location", "", null,
            "PEM PKCS#8 private key `TokenIssuer` signs with when the filter verifies with a public key."),
    ROLES_CLAIM("jwtguard.roles.claim", "roles", null,
            "Dotted paths to the roles, comma-separated and united: `roles`, `groups`, `realm_access.roles`,"
                    + " `resource_access.<client>.roles`, `scope` (space-separated)."),
    NAME_CLAIM("jwtguard.name.claim", "sub", null,
            "Claim that `getRemoteUser()` and `getUserPrincipal().getName()` answer with."),
    REALM("jwtguard.realm", "jwtguard", null,
            "The `realm` of the `WWW-Authenticate` challenge."),
    DIAGNOSTICS("jwtguard.diagnostics", "production", null,
            "`development` adds the expected issuer, audience and roles to refusals; never in production."),
    UNKNOWN_SETTINGS("jwtguard.unknown-settings", "fail", null,
            "A `jwtguard.*` key or `JWTGUARD_*` environment variable that is no setting (a misspelling would be ignored):"
                    + " `fail` stops start-up naming the closest setting, `warn` only logs it."),
    AUTHORIZATION_FALLBACK("jwtguard.authorization.fallback", "authenticated", null,
            "Rule for servlets without annotations: `authenticated`, `anonymous` or `deny`."),
    LISTENERS("jwtguard.listeners", "", null,
            "`io.jwtguard.JwtGuardListener` classes to call, comma-separated, besides those found with ServiceLoader."),
    FILTER_AUTO_REGISTER("jwtguard.filter.auto-register", "true", null,
            "`true` registers `JwtGuardFilter` for `/*` and every dispatcher, ahead of the application's own filters,"
                    + " when the application declares no JwtGuard filter; `false` leaves that to `web.xml` or code."),
    CONTAINER_AUTHENTICATION("jwtguard.container-authentication", "false", null,
            "`true` registers JwtGuard with the container through Jakarta Authentication, so the container knows the"
                    + " caller (`web.xml` constraints, `isUserInRole`, EJB `@RolesAllowed`); Tomcat 10.1 and 11, and WildFly with one"
                    + " server setting (docs/container-identity.md)."),
    REVOCATION_STORE("jwtguard.revocation.store", "memory", null,
            "Where sign-outs and refresh tokens are kept: `memory` (this instance only), `redis` (shared by every"
                    + " instance; needs `lettuce-core`), or the class name of an `io.jwtguard.RevocationStore`."),
    REVOCATION_REDIS_URL("jwtguard.revocation.redis.url", "", null,
            "`redis://host:6379/0`, or `rediss://` for TLS; required with `store=redis`. Keep the password out of it."),
    REVOCATION_REDIS_PASSWORD("jwtguard.revocation.redis.password", "", null,
            "Redis password (`AUTH`): set `JWTGUARD_REVOCATION_REDIS_PASSWORD` in the environment, never in a committed file."),
    REVOCATION_REDIS_TIMEOUT("jwtguard.revocation.redis.timeout", "1s", null, Bounds.positive("1m"),
            "Bound on connecting to Redis and on each command; no thread waits longer on a dead store."),
    REVOCATION_REDIS_KEY_PREFIX("jwtguard.revocation.redis.key-prefix", "jwtguard:", null,
            "Prefix of JwtGuard's Redis keys and channel; give each application its own when several share a Redis."),
    REVOCATION_SYNC_INTERVAL("jwtguard.revocation.sync-interval", "5s", null, Bounds.duration("100ms", "1m"),
            "How often each instance checks the store's version (a sign-out it missed is caught up by then at the"
                    + " latest) and proves the store reachable."),
    REVOCATION_MAX_STALE("jwtguard.revocation.max-stale", "30s", null, Bounds.duration("1s", "1h"),
            "While the store cannot be reached, requests are decided on the instance's replica this long after its"
                    + " last sync; then `on-store-failure` applies."),
    REVOCATION_ON_STORE_FAILURE("jwtguard.revocation.on-store-failure", "refuse", null,
            "Past `max-stale`: `refuse` (`503 revocation_unavailable`) or `allow` (decide on the replica and log)."),
    REFRESH_TOKEN_LIFETIME("jwtguard.refresh-token.lifetime", "8h", null, Bounds.positive("720h"),
            "Lifetime of each refresh token `TokenIssuer` issues; every exchange rotates it."),
    METRICS_MICROMETER("jwtguard.metrics.micrometer", "true", null,
            "`true` reports JwtGuard's meters to Micrometer's global registry (`Metrics.globalRegistry`) when"
                    + " `micrometer-core` is on the application's class path; `false` leaves Micrometer alone."),
    METRICS_OPENTELEMETRY("jwtguard.metrics.opentelemetry", "true", null,
            "`true` reports the same meters through the OpenTelemetry API (`GlobalOpenTelemetry`) when"
                    + " `opentelemetry-api` is on the application's class path; `false` leaves them out."),
    TRACING_OPENTELEMETRY("jwtguard.tracing.opentelemetry", "true", null,
            "`true` records each decision (`jwtguard.result`, `jwtguard.reason`, and an event for a refusal) on the"
                    + " request's current OpenTelemetry span when `opentelemetry-api` is on the class path."),
    CORS_ALLOWED_ORIGINS("jwtguard.cors.allowed-origins", "", null,
            "Browser origins allowed to call the API: exact (`https://app.example.com`) or subdomain patterns"
                    + " (`https://*.example.com`), `*` for any; never regular expressions. CORS is off when empty."),
    CORS_ALLOWED_METHODS("jwtguard.cors.allowed-methods", "GET,HEAD,POST,PUT,PATCH,DELETE", null,
            "Methods a preflight may ask for (case-sensitive)."),
    CORS_ALLOWED_HEADERS("jwtguard.cors.allowed-headers", "Authorization,Content-Type,DPoP", null,
            "Request headers a preflight may ask for (case-insensitive); keep `Authorization` (and `DPoP` for DPoP clients)."),
    CORS_EXPOSED_HEADERS("jwtguard.cors.exposed-headers", "WWW-Authenticate,DPoP-Nonce", null,
            "Response headers a browser script may read; `WWW-Authenticate` lets it read the refusal's reason,"
                    + " `DPoP-Nonce` a DPoP client its next nonce."),
    CORS_ALLOW_CREDENTIALS("jwtguard.cors.allow-credentials", "false", null,
            "Allow cookies / HTTP authentication cross-origin; only with explicit origins, never with `*`."),
    CORS_MAX_AGE("jwtguard.cors.max-age", "30m", null, Bounds.duration("0s", null),
            "How long a browser may cache a preflight answer."),
    RESOURCE("jwtguard.resource", "", null,
            "This API's canonical URI (RFC 9728 `resource`, RFC 8707), e.g. `https://api.example.com/mcp`: https"
                    + " (http only to a loopback host), no query or fragment. Set, JwtGuard serves its protected resource"
                    + " metadata, every challenge names it in `resource_metadata`, and `jwtguard.audience` defaults to it."),
    RESOURCE_AUTHORIZATION_SERVERS("jwtguard.resource.authorization-servers", "", null,
            "Issuer URLs of the authorization servers that issue tokens for this API, comma-separated (metadata"
                    + " `authorization_servers`). Empty: the configured issuers that are URLs."),
    RESOURCE_SCOPES_SUPPORTED("jwtguard.resource.scopes-supported", "", null,
            "Scopes announced in the metadata (`scopes_supported`), comma-separated. Empty: every scope the servlets'"
                    + " `@Authorize(scopes = ...)` rules name."),
    RESOURCE_NAME("jwtguard.resource.name", "", null,
            "Human-readable name of this API (metadata `resource_name`)."),
    RESOURCE_DOCUMENTATION("jwtguard.resource.documentation", "", null,
            "URL of this API's documentation for developers (metadata `resource_documentation`)."),
    RESOURCE_POLICY_URI("jwtguard.resource.policy-uri", "", null,
            "URL of this API's policy on how a client may use its data (metadata `resource_policy_uri`)."),
    RESOURCE_TOS_URI("jwtguard.resource.tos-uri", "", null,
            "URL of this API's terms of service (metadata `resource_tos_uri`)."),
    MCP_MAX_BODY("jwtguard.mcp.max-body", "1048576", null, Bounds.number(1024, 16 * 1024 * 1024),
            "Largest MCP request body read to find the tools a `tools/call` names, when tools have rules"
                    + " (`jwtguard.mcp.tool.<tool>.roles`, `.scopes`, `.policy`: docs/mcp.md); a larger one gets 413."),
    DPOP("jwtguard.dpop", "allowed", null,
            "DPoP (RFC 9449): `off` (the `DPoP` scheme is refused), `allowed` (a DPoP-bound token needs its proof,"
                    + " plain bearer tokens still pass) or `required` (bearer tokens refused, `dpop_required`)."),
    DPOP_ALGORITHMS("jwtguard.dpop.algorithms", "ES256,ES384,ES512,PS256,PS384,PS512,RS256,RS384,RS512,EdDSA,Ed25519,Ed448",
            null,
            "Proof algorithms accepted and announced in the challenge's `algs`: asymmetric only (an HMAC or `none` is"
                    + " a start-up problem)."),
    DPOP_MAX_AGE("jwtguard.dpop.max-age", "60s", null, Bounds.duration("1s", "10m"),
            "Oldest proof accepted, from its `iat`; a proof's `jti` is remembered this long (plus the clock skew) to"
                    + " refuse its replay."),
    DPOP_NONCE("jwtguard.dpop.nonce", "false", null,
            "`true` makes every proof carry a server nonce (`DPoP-Nonce`, `use_dpop_nonce`); nonces are valid on every"
                    + " instance that shares the revocation store."),
    DPOP_NONCE_LIFETIME("jwtguard.dpop.nonce-lifetime", "5m", null, Bounds.duration("10s", "1h"),
            "How often the nonce changes; a nonce is accepted for up to twice this long."),
    TRUSTED_PROXIES("jwtguard.trusted-proxies", "", null,
            "Addresses or CIDR ranges (`10.0.0.0/8`, `::1`) of reverse proxies whose `Forwarded` / `X-Forwarded-*`"
                    + " headers give the URL a client called (a DPoP proof's `htu`). None by default: the request's own.");

    private final String key;
    private final String defaultValue;
    private final String microProfileKey;
    private final String description;
    private final Bounds bounds;

    Setting(String key, String defaultValue, String microProfileKey, String description) {
        this(key, defaultValue, microProfileKey, null, description);
    }

    Setting(String key, String defaultValue, String microProfileKey, Bounds bounds, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.microProfileKey = microProfileKey;
        this.bounds = bounds;
        this.description = description;
    }

    public String key() {
        return key;
    }

    /** The default, or an empty string when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    /** The MicroProfile JWT key read when {@link #key()} is absent, or {@code null}. */
    public String microProfileKey() {
        return microProfileKey;
    }

    public String description() {
        return description;
    }

    /** The range a numeric or duration setting must fall in, or {@code null} for other settings. */
    Bounds bounds() {
        return bounds;
    }
}
