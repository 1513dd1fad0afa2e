package io.jwtguard;

import java.util.ServiceLoader;

/**
 * JwtGuard's own {@link JwtGuardRuntime} and {@link JwtGuardRuntime.Principals}, each found once per class loader,
 * when first needed: the principals' service without the runtime's, which needs the Servlet API. Stateless.
 */
final class Implementation {

    /** Where JwtGuard's jar declares its implementation: only a class of its own internal packages qualifies. */
    private static final String INTERNAL_PACKAGES = "io.jwtguard.internal";

    private Implementation() {
    }

    static JwtGuardRuntime runtime() {
        return Runtime.INSTANCE;
    }

    static JwtGuardRuntime.Principals principals() {
        return Principals.INSTANCE;
    }

    private static final class Runtime {
        static final JwtGuardRuntime INSTANCE = load(JwtGuardRuntime.class);
    }

    private static final class Principals {
        static final JwtGuardRuntime.Principals INSTANCE = load(JwtGuardRuntime.Principals.class);
    }

    private static <T> T load(Class<T> service) {
        ClassLoader loader = service.getClassLoader();
        return ServiceLoader.load(service, loader).stream()
                .filter(provider -> provider.type().getClassLoader() == loader
                        && provider.type().getPackageName().startsWith(INTERNAL_PACKAGES))
                .map(ServiceLoader.Provider::get)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("JwtGuard's jar is incomplete: its"
                        + " META-INF/services/" + service.getName() + " is missing; use the jar as built"));
    }
}
