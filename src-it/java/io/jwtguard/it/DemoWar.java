package io.jwtguard.it;

import io.jwtguard.demo.LoginServlet;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The demo WAR as an application would ship it: {@code web.xml} registration, the servlets, the
 * JwtGuard jar in {@code WEB-INF/lib}, and {@code META-INF/microprofile-config.properties} made of the
 * project's {@code config/} file plus the lines a test adds.
 */
final class DemoWar {

    static final Path ROOT = Path.of(System.getProperty("jwtguard.project.root", ".")).toAbsolutePath();

    private DemoWar() {
    }

    static WebArchive create(String name, String extraConfig) {
        return create(name, "src-it/webapp/WEB-INF/web.xml", extraConfig);
    }

    /** A WAR with another {@code web.xml} (from {@code src-it/wars}), the demo's and the test servlets. */
    static WebArchive create(String name, String webXml, String extraConfig) {
        return create(name, read(webXml), extraConfig, Libraries.forContainer(container(), dropIn()));
    }

    /**
     * A WAR with the {@code web.xml} text given, the demo's and the test servlets, and {@code libraries} in
     * {@code WEB-INF/lib}.
     */
    static WebArchive create(String name, String webXmlText, String extraConfig, Libraries libraries) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .setWebXML(new StringAsset(webXmlText))
                .addPackage(LoginServlet.class.getPackage())
                .addPackage(io.jwtguard.it.app.Canary.class.getPackage())
                .addAsResource(new StringAsset(config() + "\n" + extraConfig + "\n" + cacheSetting()),
                        "META-INF/microprofile-config.properties");
        switch (libraries) {
            // The drop-in jar alone: its dependencies are inside it, and it reads configuration itself
            // where the server has no MicroProfile Config.
            case DROP_IN -> war.addAsLibraries(new File(System.getProperty("jwtguard.all.jar")));
            // Embedded Jetty loads parent-first from the test class path; a real server needs the jars.
            case TEST_CLASS_PATH -> addLibraryJar(war);
            case PLAIN -> addLibraryJar(war).addAsLibraries(jars("app"));
            case PLAIN_WITH_CONFIG -> addLibraryJar(war).addAsLibraries(jars("app")).addAsLibraries(jars("microprofile-config"));
        }
        return war;
    }

    /**
     * The Jakarta REST shop ({@code src-it/wars/rest-web.xml}): the resources of {@code io.jwtguard.it.rest}, the
     * demo's login, and Jersey in {@code WEB-INF/lib} when the server has no Jakarta REST of its own.
     */
    static WebArchive rest(String name, String extraConfig, Libraries libraries, boolean withJersey) {
        WebArchive war = create(name, read("src-it/wars/rest-web.xml"), extraConfig, libraries)
                .addPackages(true, io.jwtguard.it.rest.ShopApplication.class.getPackage())
                // CDI on, as in most Jakarta EE applications (GlassFish's and Payara's own @RolesAllowed feature needs it).
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
                        + " version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml");
        return withJersey ? war.addAsLibraries(jars("jersey")) : war;
    }

    /** What {@code WEB-INF/lib} holds besides the application's classes. */
    enum Libraries {
        /** Nothing but the plain jar: embedded Jetty serves the test class path. */
        TEST_CLASS_PATH,
        /** The plain jar and its dependencies, on a server that provides MicroProfile Config. */
        PLAIN,
        /** The plain jar, its dependencies and SmallRye Config, on a server without MicroProfile Config. */
        PLAIN_WITH_CONFIG,
        /** The {@code -all} jar alone. */
        DROP_IN;

        static Libraries forContainer(String container, boolean dropIn) {
            if (dropIn) {
                return DROP_IN;
            }
            return switch (container) {
                case "jetty" -> TEST_CLASS_PATH;
                // Tomcat has no MicroProfile Config; WildFly provides its own, so its WAR must not bring one.
                case "tomcat" -> PLAIN_WITH_CONFIG;
                default -> PLAIN;
            };
        }
    }

    /** A file of {@code src-it} or another project folder, as text. */
    static String read(String projectFile) {
        try {
            return Files.readString(ROOT.resolve(projectFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("run the integration tests from the project (mvn verify)", e);
        }
    }

    private static String config() {
        return read("config/microprofile-config.properties");
    }

    /** With {@code -Djwtguard.test.token-cache=off}, the WAR runs without the verified-token cache. */
    private static String cacheSetting() {
        return "off".equals(System.getProperty("jwtguard.test.token-cache")) ? "jwtguard.token.cache.size=0\n" : "";
    }

    /** Which container the WAR is for: {@code jetty} (embedded, the default), {@code tomcat} or {@code wildfly}. */
    static String container() {
        return System.getProperty("jwtguard.container", "jetty");
    }

    /** Whether the WAR carries the {@code -all} drop-in jar instead of the plain jar and its dependencies. */
    static boolean dropIn() {
        return "all".equals(System.getProperty("jwtguard.war.flavour"));
    }

    static File[] jars(String set) {
        File dir = new File(System.getProperty("jwtguard.war.libs", "target/war-libs"), set);
        File[] jars = dir.listFiles((d, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no jars in " + dir + "; run the integration tests with mvn verify");
        }
        return jars;
    }

    /** The packaged library, once `mvn verify` has built it. */
    private static WebArchive addLibraryJar(WebArchive war) {
        String path = System.getProperty("jwtguard.library.jar");
        return path != null && new File(path).isFile() ? war.addAsLibraries(new File(path)) : war;
    }
}
