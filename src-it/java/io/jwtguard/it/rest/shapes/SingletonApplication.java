package io.jwtguard.it.rest.shapes;

import io.jwtguard.JwtGuardFeature;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** An application that hands Jakarta REST a resource instance of its own, with JwtGuard's feature listed. */
@ApplicationPath("/single")
public class SingletonApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(JwtGuardFeature.class);
    }

    @Override
    public Set<Object> getSingletons() {
        return Set.of(new CounterResource());
    }
}
