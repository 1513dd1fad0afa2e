package io.jwtguard.internal.pipeline;

import io.jwtguard.JwtGuardFilter;
import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.MicroProfileSettings;
import io.jwtguard.internal.config.Setting;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import java.util.EnumSet;

/**
 * JwtGuard's filter registered by JwtGuard itself, so that an application needs no {@code web.xml} lines: when the
 * application declares no JwtGuard filter by the time JwtGuard's initializer runs, {@link JwtGuardFilter} is mapped
 * to {@code /*} for every dispatcher, async-supported, ahead of the application's own filters (Servlet 6.0
 * §4.4.2: {@code isMatchAfter=false}). A JwtGuard filter the application declares wins: none is registered then, and
 * one the application registers in code later makes the automatic one stand aside when it starts. Stateless.
 */
final class AutomaticRegistration {

    /** Not "JwtGuard", the name config/web.xml and applications registering in code use. */
    static final String NAME = "JwtGuard (registered automatically)";

    private AutomaticRegistration() {
    }

    /** At the initializer's pass: registers the filter unless one is declared or the setting says not to. */
    static void registerUnlessDeclared(ServletContext context) {
        if (declaresItsOwn(context) || context.getFilterRegistration(NAME) != null) {
            return;
        }
        if (!enabled(context)) {
            Refusals.LOG.log(Level.INFO, "JwtGuard: no JwtGuard filter is declared for " + Pipeline.contextName(context)
                    + " and " + Setting.FILTER_AUTO_REGISTER.key() + "=false, so JwtGuard registers none");
            return;
        }
        FilterRegistration.Dynamic filter = context.addFilter(NAME, JwtGuardFilter.class);
        if (filter == null) {
            return;
        }
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        Refusals.LOG.log(Level.INFO, "JwtGuard registered io.jwtguard.JwtGuardFilter as '" + NAME + "' for /* and every"
                + " dispatcher, ahead of the application's filters, for " + Pipeline.contextName(context)
                + " (no JwtGuard filter declared); declare one in web.xml to place it yourself, or set "
                + Setting.FILTER_AUTO_REGISTER.key() + "=false");
    }

    /** Whether the application declared a JwtGuard filter of its own (any of the four): then none is registered. */
    static boolean declaresItsOwn(ServletContext context) {
        for (var filter : context.getFilterRegistrations().entrySet()) {
            if (!filter.getKey().equals(NAME)
                    && FilterKind.of(String.valueOf(filter.getValue().getClassName())).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the automatic filter named {@code filterName} should stand aside for one the application registered:
     * only for a filter that authorizes ({@code JwtGuardFilter} or the authorization stage), so that a CORS stage
     * registered alone never leaves the servlets without authentication and rules (fail closed).
     */
    static boolean standsAside(ServletContext context, String filterName) {
        if (!NAME.equals(filterName)) {
            return false;
        }
        for (var filter : context.getFilterRegistrations().entrySet()) {
            if (!filter.getKey().equals(NAME)
                    && FilterKind.of(String.valueOf(filter.getValue().getClassName()))
                            .filter(kind -> kind.runs(Stage.AUTHORIZE)).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** The setting, from the application's configuration; where that cannot be read, the default (register). */
    private static boolean enabled(ServletContext context) {
        try {
            return MicroProfileSettings.open(Guard.loader(context)).value(Setting.FILTER_AUTO_REGISTER.key())
                    .map(value -> !value.strip().equalsIgnoreCase("false")).orElse(true); // any other value: the filter says why
        } catch (InvalidSettingsException | RuntimeException e) {
            // The filter's own start reports an unreadable configuration, naming the fix.
            return true;
        }
    }
}
