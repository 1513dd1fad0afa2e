package io.jwtguard.it;

import static io.jwtguard.it.BearerAuthenticationIT.HS256;
import static io.jwtguard.it.BearerAuthenticationIT.SECRET;
import static io.jwtguard.it.Http.get;
import static io.jwtguard.it.Http.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.testing.Tokens;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Listeners named in {@code jwtguard.listeners} (one of them broken on purpose) over real HTTP, and the
 * counters read back over JMX from the platform MBean server of the JVM that runs embedded Jetty.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventsIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DemoWar.create("events", "src-it/wars/events-web.xml", "jwtguard.key=" + SECRET
                + "\njwtguard.listeners=io.jwtguard.testing.BrokenListener,io.jwtguard.it.app.AuditListener");
    }

    @Test
    void aListenerMaySupplyTheTokenFromElsewhere() throws Exception {
        HttpResponse<String> response = Http.send(Http.request(base.toString(), "api/me")
                .header("X-Api-Token", Tokens.demoToken("ivy", "User")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).path("name").asText()).isEqualTo("ivy");
    }

    @Test
    void aListenerMayAddRolesOrRejectAVerifiedToken() throws Exception {
        String auditor = Tokens.demo("ann", "User").withClaim("department", "audit").sign(HS256);
        String revoked = Tokens.demo("rex", "Admin").withClaim("revoked", true).sign(HS256);

        assertThat(get(base.toString(), "api/admin", auditor).statusCode()).isEqualTo(200);
        HttpResponse<String> rejected = get(base.toString(), "api/admin", revoked);
        assertThat(rejected.statusCode()).isEqualTo(403);
        assertThat(Http.challenge(rejected)).contains("this token was revoked");
    }

    @Test
    void challengeAndFailureAndForbiddenHooksRunAndABrokenListenerBreaksNothing() throws Exception {
        HttpResponse<String> missing = get(base.toString(), "api/me", null);
        get(base.toString(), "api/me", "garbage");
        get(base.toString(), "api/admin", Tokens.demoToken("bob", "User"));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(reason(missing)).isEqualTo("missing_token");
        assertThat(missing.headers().firstValue("X-Login-Hint")).contains("POST /login");
        String counted = get(base.toString(), "audit-counters", null).body();
        assertThat(counted).containsPattern("failed=[1-9]").containsPattern("forbidden=[1-9]");
    }

    @Test
    void aListenerThatFailsWhileCheckingTheTokenRefusesItAsAServerFault() throws Exception {
        HttpResponse<String> refused = get(base.toString(), "api/admin", Tokens.demoToken("store-down", "Admin"));
        HttpResponse<String> anonymousStillServes = Http.send(Http.request(base.toString(), "health")
                .header("Authorization", "Bearer " + Tokens.demoToken("store-down", "Admin")));

        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(reason(refused)).isEqualTo("listener_failed");
        assertThat(refused.body()).doesNotContain("admin area", "10.0.0.7", "IllegalStateException", "at io.");
        assertThat(anonymousStillServes.statusCode()).isEqualTo(200);
        MBeanServerConnection jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = jmx.queryNames(new ObjectName("io.jwtguard:type=JwtGuard,context=\"/events\",*"), null)
                .iterator().next();
        TabularData byReason = (TabularData) jmx.getAttribute(name, "RefusalsByReason");
        assertThat(byReason.values()).anySatisfy(row -> assertThat(((CompositeData) row).get("key"))
                .isEqualTo("listener_failed"));
    }

    @Test
    void countersAreReadableOverJmx() throws Exception {
        get(base.toString(), "api/me", Tokens.demoToken("ivy", "User"));
        get(base.toString(), "api/me", null);
        get(base.toString(), "api/admin", Tokens.demoToken("bob", "User"));

        MBeanServerConnection jmx = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = jmx.queryNames(new ObjectName("io.jwtguard:type=JwtGuard,context=\"/events\",*"), null);
        assertThat(names).hasSize(1);
        ObjectName name = names.iterator().next();
        assertThat(name.getKeyProperty("filter")).isEqualTo("\"JwtGuard\"");
        assertThat((Long) jmx.getAttribute(name, "Allowed")).isPositive();
        assertThat((Long) jmx.getAttribute(name, "Unauthorized")).isPositive();
        assertThat((Long) jmx.getAttribute(name, "Forbidden")).isPositive();
        TabularData byReason = (TabularData) jmx.getAttribute(name, "RefusalsByReason");
        boolean missingToken = false;
        for (Object row : byReason.values()) {
            CompositeData data = (CompositeData) row;
            missingToken |= "missing_token".equals(data.get("key")) && (Long) data.get("value") > 0;
        }
        assertThat(missingToken).isTrue();
    }
}
