package io.jwtguard.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.Authorize;
import io.jwtguard.JwtGuardFilter;
import io.jwtguard.internal.pipeline.JwtGuardInitializer;
import io.jwtguard.testing.FakeContainer;
import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.FakeResponse;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import jakarta.servlet.http.HttpServlet;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DPoP through the one filter: what a client sees (status, challenge, nonce header, reason) and what gets through. */
class DpopFilterTest {

    @Authorize
    static final class MeServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    private final JwtGuardFilter filter = new JwtGuardFilter();
    private final ProofMaker client = ProofMaker.ed25519();
    private final AtomicInteger served = new AtomicInteger();

    private void start(Map<String, String> changes) throws Exception {
        Map<String, String> params = TestSettings.hmacValues();
        params.putAll(changes);
        FakeContainer container = new FakeContainer().servlet("me", MeServlet.class, "/api/me");
        jakarta.servlet.FilterConfig config = container.filter("JwtGuard", params);
        new JwtGuardInitializer().onStartup(Set.of(), container.context());
        filter.init(config);
    }

    @AfterEach
    void stop() {
        filter.destroy();
    }

    private FakeResponse send(FakeRequest request) throws Exception {
        FakeResponse response = new FakeResponse();
        filter.doFilter(request.servlet("me"), response, (req, res) -> served.incrementAndGet());
        return response;
    }

    private FakeRequest dpop(String token, String proof) {
        return FakeRequest.get("/api/me").header("Authorization", "DPoP " + token).header("DPoP", proof);
    }

    private String boundToken() {
        return Tokens.valid(Instant.now()).withClaim("cnf", Map.of("jkt", client.thumbprint())).sign(Tokens.hs256());
    }

    @Test
    void aValidProofGetsThroughAndItsReplayIsAnsweredWithADpopChallenge() throws Exception {
        start(Map.of());
        String token = boundToken();
        String proof = client.proof("GET", "https://api.test/api/me", token, Instant.now()).sign();
        assertThat(send(dpop(token, proof)).getStatus()).isEqualTo(200);
        assertThat(served).hasValue(1);

        FakeResponse replayed = send(dpop(token, proof));
        assertThat(replayed.getStatus()).isEqualTo(401);
        assertThat(replayed.getHeader("WWW-Authenticate")).startsWith("DPoP realm=\"jwtguard\", algs=\"ES256 ES384 ES512"
                + " PS256 PS384 PS512 RS256 RS384 RS512 EdDSA Ed25519 Ed448\", error=\"invalid_dpop_proof\", error_description=\"the"
                + " proof was used before").endsWith("reason=\"dpop_proof_replayed\"");
        assertThat(replayed.body()).contains("\"reason\":\"dpop_proof_replayed\"");
        assertThat(served).hasValue(1);

        FakeResponse downgraded = send(FakeRequest.get("/api/me").bearer(token));
        assertThat(downgraded.getStatus()).isEqualTo(401);
        assertThat(downgraded.getHeader("WWW-Authenticate")).startsWith("Bearer realm=\"jwtguard\", error=\"invalid_token\"")
                .endsWith("reason=\"dpop_bound_token_as_bearer\"");
    }

    @Test
    void aNonceRoundTripAndRequiredModeChallengesWithDpopOnly() throws Exception {
        start(Map.of("jwtguard.dpop", "required", "jwtguard.dpop.nonce", "true"));
        String token = boundToken();
        FakeResponse first = send(dpop(token, client.proof("GET", "https://api.test/api/me", token, Instant.now()).sign()));
        assertThat(first.getStatus()).isEqualTo(401);
        assertThat(first.getHeader("WWW-Authenticate")).contains("error=\"use_dpop_nonce\"")
                .endsWith("reason=\"dpop_nonce_required\"");
        String nonce = first.getHeader("DPoP-Nonce");
        assertThat(nonce).isNotBlank();
        assertThat(send(dpop(token, client.proof("GET", "https://api.test/api/me", token, Instant.now())
                .claim("nonce", nonce).sign())).getStatus()).isEqualTo(200);

        FakeResponse none = send(FakeRequest.get("/api/me"));
        assertThat(none.getStatus()).isEqualTo(401);
        assertThat(none.getHeader("WWW-Authenticate")).isEqualTo("DPoP realm=\"jwtguard\", algs=\"ES256 ES384 ES512"
                + " PS256 PS384 PS512 RS256 RS384 RS512 EdDSA Ed25519 Ed448\"");
        FakeResponse bearer = send(FakeRequest.get("/api/me").bearer(Tokens.valid(Instant.now()).sign(Tokens.hs256())));
        assertThat(bearer.getStatus()).isEqualTo(401);
        // No usable credentials of the DPoP scheme: a bare challenge (RFC 6750 §3.1), the reason in the body.
        assertThat(bearer.getHeader("WWW-Authenticate")).isEqualTo(none.getHeader("WWW-Authenticate"));
        assertThat(bearer.body()).contains("\"reason\":\"dpop_required\"");
    }
}
