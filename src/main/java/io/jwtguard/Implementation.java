package io.jwtguard;

import java.util.ServiceLoader;

/** JwtGuard's own {@link JwtGuardRuntime}, found once per class loader. Stateless. */
final class Implementation {

    /** Where JwtGuard's jar declares its implementation: only a class of its own internal packages qualifies. */
    private static final String INTERNAL_PACKAGES = "io.jwtguard.internal";

    static final JwtGuardRuntime RUNTIME = load();

    private Implementation() {
    }

    private static JwtGuardRuntime load() {
        ClassLoader loader = JwtGuardRuntime.class.getClassLoader();
        return ServiceLoader.load(JwtGuardRuntime.class, loader).stream()
                .filter(provider -> provider.type().getClassLoader() == loader
                        && provider.type().getPackageName().startsWith(INTERNAL_PACKAGES))
                .map(ServiceLoader.Provider::get)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("JwtGuard's jar is incomplete: its"
                        + " META-INF/services/" + JwtGuardRuntime.class.getName() + " is missing; use the jar as built"));
    }
}
