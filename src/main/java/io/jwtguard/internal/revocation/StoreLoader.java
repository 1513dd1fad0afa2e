package io.jwtguard.internal.revocation;

import io.jwtguard.RevocationStore;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.RevocationSettings;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;

/**
 * The {@link RevocationStore} that {@code jwtguard.revocation.store} names: checked when the settings are read (so a
 * missing class or library is a start-up problem), opened when the service starts. Stateless.
 */
final class StoreLoader {

    /** The Redis store, in the package of its optional library's integration. */
    private static final String REDIS_STORE = "io.jwtguard.internal.redis.RedisRevocationStore";

    private StoreLoader() {
    }

    /** Adds to {@code problems} a store that cannot be had: no Lettuce for Redis, or no such usable class. */
    static void check(RevocationSettings revocation, ClassLoader loader, Problems problems) {
        if (revocation.redis() && !present("io.lettuce.core.RedisClient", loader)) {
            problems.add("jwtguard.revocation.store=redis needs the Redis client: add io.lettuce:lettuce-core (and its"
                    + " dependencies netty and reactor-core) to WEB-INF/lib, with the plain jar or the -all jar");
        } else if (!revocation.memory() && !revocation.redis()) {
            try {
                Class<?> type = Class.forName(revocation.store(), false, loader);
                if (!RevocationStore.class.isAssignableFrom(type)) {
                    problems.add("jwtguard.revocation.store: " + revocation.store() + " does not implement "
                            + RevocationStore.class.getName());
                } else {
                    type.getConstructor();
                }
            } catch (ClassNotFoundException e) {
                problems.add("jwtguard.revocation.store: class " + revocation.store() + " is not on the application's"
                        + " class path; use memory, redis or the class name of an io.jwtguard.RevocationStore");
            } catch (NoSuchMethodException e) {
                problems.add("jwtguard.revocation.store: " + revocation.store() + " has no public no-argument constructor");
            }
        }
    }

    private static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * A new store of the kind the settings name, not started yet.
     *
     * @throws IllegalStateException when it cannot be created: the store's fault, refused rather than admitted
     */
    static RevocationStore open(RevocationSettings settings, Clock clock, ClassLoader loader) {
        if (settings.memory()) {
            return new MemoryRevocationStore(clock);
        }
        if (settings.redis()) {
            // The optional integration, by name: nothing of it (or of Lettuce) is loaded unless it is chosen.
            try {
                return (RevocationStore) Class.forName(REDIS_STORE, true, StoreLoader.class.getClassLoader())
                        .getConstructor(RevocationSettings.class, Clock.class).newInstance(settings, clock);
            } catch (ReflectiveOperationException | LinkageError e) {
                Throwable cause = causeOf(e);
                throw new IllegalStateException("the Redis revocation store cannot be created: " + cause, cause);
            }
        }
        try {
            return (RevocationStore) Class.forName(settings.store(), true, loader).getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Checked at start-up already; a constructor that throws is the store's fault: refuse, never admit.
            Throwable cause = causeOf(e);
            throw new IllegalStateException("the revocation store " + settings.store() + " cannot be created: " + cause, cause);
        }
    }

    /** What a constructor threw rather than the reflection's wrapper around it. */
    private static Throwable causeOf(Throwable e) {
        return e instanceof InvocationTargetException thrown && thrown.getCause() != null ? thrown.getCause() : e;
    }
}
