package io.jwtguard.it.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** A Jakarta REST application as most are written: a path, and everything else found by scanning. */
@ApplicationPath("/rest")
public class ShopApplication extends Application {
}
