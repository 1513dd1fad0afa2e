package io.jwtguard.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.testing.FakeContainer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** No web.xml lines: JwtGuard maps its own filter unless the application declares one, or says not to. */
class AutomaticRegistrationTest {

    private final FakeContainer container = new FakeContainer();

    @AfterEach
    void forgetTheSetting() {
        System.clearProperty("jwtguard.filter.auto-register");
    }

    @Test
    void withNoJwtGuardFilterDeclaredItsFilterIsMappedForEveryDispatchAheadOfTheApplications() {
        AutomaticRegistration.registerUnlessDeclared(container.context());

        assertThat(container.context().getFilterRegistration(AutomaticRegistration.NAME).getClassName())
                .isEqualTo("io.jwtguard.JwtGuardFilter");
        assertThat(container.urlMapping(AutomaticRegistration.NAME))
                .isEqualTo("before [FORWARD, INCLUDE, REQUEST, ASYNC, ERROR] [/*] async");
    }

    @Test
    void aFilterTheApplicationDeclaresWinsAndNothingIsRegistered() {
        container.filter("JwtGuard", Map.of());
        AutomaticRegistration.registerUnlessDeclared(container.context());

        assertThat(container.context().getFilterRegistration(AutomaticRegistration.NAME)).isNull();
        assertThat(container.context().getFilterRegistrations()).containsOnlyKeys("JwtGuard");
    }

    @Test
    void aStageFilterDeclaredAloneAlsoCountsAsTheApplicationsOwn() {
        container.filter("cors", "io.jwtguard.JwtGuardCorsFilter", Map.of());
        AutomaticRegistration.registerUnlessDeclared(container.context());

        assertThat(container.context().getFilterRegistration(AutomaticRegistration.NAME)).isNull();
    }

    /** A CORS stage registered in code alone authorizes nothing: the automatic filter keeps guarding (fail closed). */
    @Test
    void aCorsStageRegisteredAloneLaterDoesNotMakeTheAutomaticOneStandAside() {
        AutomaticRegistration.registerUnlessDeclared(container.context());
        container.filter("cors", "io.jwtguard.JwtGuardCorsFilter", Map.of());

        assertThat(AutomaticRegistration.standsAside(container.context(), AutomaticRegistration.NAME)).isFalse();
    }

    @Test
    void theSettingTurnsItOff() {
        System.setProperty("jwtguard.filter.auto-register", "false");
        AutomaticRegistration.registerUnlessDeclared(container.context());

        assertThat(container.context().getFilterRegistrations()).isEmpty();
    }

    @Test
    void oneRegisteredInCodeAfterwardsMakesTheAutomaticOneStandAside() {
        AutomaticRegistration.registerUnlessDeclared(container.context());
        assertThat(AutomaticRegistration.standsAside(container.context(), AutomaticRegistration.NAME)).isFalse();

        container.filter("JwtGuard", Map.of()); // an application's listener, as RegistrationPathsIT does
        assertThat(AutomaticRegistration.standsAside(container.context(), AutomaticRegistration.NAME)).isTrue();
        assertThat(AutomaticRegistration.standsAside(container.context(), "JwtGuard")).isFalse();
    }
}
