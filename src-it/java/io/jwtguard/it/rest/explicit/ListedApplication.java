package io.jwtguard.it.rest.explicit;

import io.jwtguard.it.rest.OrdersResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** An application that lists its classes and forgets JwtGuardFeature: Jersey runs without it. */
@ApplicationPath("/listed")
public class ListedApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(OrdersResource.class);
    }
}
