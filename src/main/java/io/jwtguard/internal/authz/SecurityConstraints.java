package io.jwtguard.internal.authz;

import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The {@code <security-constraint>}s of the application's {@code WEB-INF/web.xml}: the Servlet API offers no way to
 * read them, so the descriptor itself is read, with DTDs and external entities off. Read at start-up; then
 * immutable and thread-safe. Two uses: the start-up report (constraints JwtGuard's caller cannot meet in filter mode,
 * methods a constraint leaves uncovered), and, in container identity mode, the roles the container will demand of a
 * request, so that JwtGuard answers that refusal itself (Servlet 6.0 §13.8: best-matching pattern, then method).
 */
public final class SecurityConstraints {

    /** One {@code <web-resource-collection>} with what its {@code <security-constraint>} demands. */
    private record Collection(List<String> patterns, Set<String> methods, Set<String> omissions, Demand demand) {

        boolean appliesTo(String method) {
            return methods.isEmpty() ? !omissions.contains(method) : methods.contains(method);
        }
    }

    /**
     * What a constraint's {@code <auth-constraint>} demands: nothing (no element), no caller (an empty one), or one
     * of the roles ({@code *} and {@code **} kept as written: their meaning is the container's).
     */
    private record Demand(boolean authConstraint, Set<String> roles) {
        static final Demand NONE = new Demand(false, Set.of());
    }

    static final SecurityConstraints EMPTY = new SecurityConstraints(List.of(), false);

    private final List<Collection> collections;
    private final boolean denyUncoveredMethods;

    private SecurityConstraints(List<Collection> collections, boolean denyUncoveredMethods) {
        this.collections = List.copyOf(collections);
        this.denyUncoveredMethods = denyUncoveredMethods;
    }

    /** The constraints of {@code context}'s {@code web.xml}; none when it has none or cannot be read here. */
    public static SecurityConstraints read(ServletContext context) {
        try (InputStream in = context.getResourceAsStream("/WEB-INF/web.xml")) {
            return in == null ? EMPTY : parse(in);
        } catch (IOException | ParserConfigurationException | SAXException | RuntimeException e) {
            // The container parsed this descriptor already; one that cannot be read here carries no verdict.
            return EMPTY;
        }
    }

    static SecurityConstraints parse(InputStream in) throws IOException, ParserConfigurationException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(in);
        List<Collection> collections = new ArrayList<>();
        NodeList constraints = document.getElementsByTagNameNS("*", "security-constraint");
        for (int i = 0; i < constraints.getLength(); i++) {
            Element constraint = (Element) constraints.item(i);
            NodeList auth = constraint.getElementsByTagNameNS("*", "auth-constraint");
            Demand demand = auth.getLength() == 0 ? Demand.NONE
                    : new Demand(true, texts((Element) auth.item(0), "role-name"));
            NodeList resources = constraint.getElementsByTagNameNS("*", "web-resource-collection");
            for (int r = 0; r < resources.getLength(); r++) {
                Element resource = (Element) resources.item(r);
                collections.add(new Collection(List.copyOf(texts(resource, "url-pattern")),
                        texts(resource, "http-method"), texts(resource, "http-method-omission"), demand));
            }
        }
        boolean deny = document.getElementsByTagNameNS("*", "deny-uncovered-http-methods").getLength() > 0;
        return new SecurityConstraints(collections, deny);
    }

    private static Set<String> texts(Element parent, String tag) {
        Set<String> values = new LinkedHashSet<>();
        NodeList nodes = parent.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().strip());
        }
        return Set.copyOf(values);
    }

    /** The URL patterns of constraints that demand a role ({@code <auth-constraint>}), when there are any. */
    static Optional<List<String>> inWebXml(ServletContext context) {
        List<String> patterns = read(context).collections.stream().filter(c -> c.demand().authConstraint())
                .flatMap(c -> c.patterns().stream()).toList();
        return patterns.isEmpty() ? Optional.empty() : Optional.of(patterns);
    }

    /**
     * The roles the container demands of {@code method} on {@code path} (the servlet path and path info: the request
     * path within the application), one of which the caller must have; empty when the constraints leave the caller
     * to the container for any other reason: no constraint applies, one applies without an
     * {@code <auth-constraint>} (which permits every caller), an empty one (which denies every caller), or
     * {@code *} or {@code **}, whose role sets only the container knows.
     */
    public Optional<Set<String>> rolesDemanded(String path, String method) {
        List<Collection> best = bestMatch(path);
        Set<String> roles = new TreeSet<>();
        boolean applies = false;
        for (Collection collection : best) {
            if (!collection.appliesTo(method)) {
                continue;
            }
            applies = true;
            Demand demand = collection.demand();
            if (!demand.authConstraint() || demand.roles().isEmpty() || demand.roles().contains("*")
                    || demand.roles().contains("**")) {
                return Optional.empty();
            }
            roles.addAll(demand.roles());
        }
        return applies ? Optional.of(Set.copyOf(roles)) : Optional.empty();
    }

    /**
     * The collections whose pattern is the best match for {@code path} (Servlet 6.0 §12.2): an exact pattern, else
     * the longest path prefix, else an extension, else the default {@code /}. The method is matched afterwards: a
     * method no collection at the best pattern names is uncovered there, whatever less specific patterns say.
     */
    private List<Collection> bestMatch(String path) {
        String target = path == null || path.isEmpty() ? "/" : path;
        List<Collection> exact = matching(pattern -> pattern.equals(target) || pattern.isEmpty() && target.equals("/"));
        if (!exact.isEmpty()) {
            return exact;
        }
        int longest = -1;
        for (Collection collection : collections) {
            for (String pattern : collection.patterns()) {
                if (prefixMatches(pattern, target)) {
                    longest = Math.max(longest, pattern.length());
                }
            }
        }
        if (longest >= 0) {
            int length = longest;
            return matching(pattern -> pattern.length() == length && prefixMatches(pattern, target));
        }
        int slash = target.lastIndexOf('/');
        int dot = target.lastIndexOf('.');
        if (dot > slash) {
            String extension = "*" + target.substring(dot);
            List<Collection> byExtension = matching(extension::equals);
            if (!byExtension.isEmpty()) {
                return byExtension;
            }
        }
        return matching("/"::equals);
    }

    private static boolean prefixMatches(String pattern, String path) {
        if (!pattern.startsWith("/") || !pattern.endsWith("/*")) {
            return false;
        }
        String prefix = pattern.substring(0, pattern.length() - 2);
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private List<Collection> matching(java.util.function.Predicate<String> pattern) {
        return collections.stream().filter(c -> c.patterns().stream().anyMatch(pattern)).toList();
    }

    /**
     * One line per URL pattern whose constraints name some methods and so leave the others uncovered: those go to the
     * servlet with no constraint at all (Servlet 6.0 §13.8.4). None when {@code <deny-uncovered-http-methods/>} makes
     * the container refuse them.
     */
    public List<String> uncoveredMethods() {
        if (denyUncoveredMethods) {
            return List.of();
        }
        Map<String, List<Collection>> byPattern = new LinkedHashMap<>();
        for (Collection collection : collections) {
            collection.patterns().forEach(pattern -> byPattern.computeIfAbsent(pattern, p -> new ArrayList<>())
                    .add(collection));
        }
        List<String> lines = new ArrayList<>();
        byPattern.forEach((pattern, list) -> uncovered(list).ifPresent(what -> lines.add("web.xml's"
                + " <security-constraint> for '" + pattern + "' leaves " + what + " uncovered: those requests reach the"
                + " servlet with no constraint (only JwtGuard's own rule for the servlet applies); cover every method,"
                + " or add <deny-uncovered-http-methods/> to web.xml so that the container refuses them")));
        return List.copyOf(lines);
    }

    /** The methods the collections of one pattern leave uncovered, when there are any. */
    private static Optional<String> uncovered(List<Collection> collections) {
        Set<String> named = new TreeSet<>();
        Set<String> omittedByAll = null;
        for (Collection collection : collections) {
            if (collection.methods().isEmpty() && collection.omissions().isEmpty()) {
                return Optional.empty();
            }
            named.addAll(collection.methods());
            if (!collection.omissions().isEmpty()) {
                Set<String> omitted = new TreeSet<>(collection.omissions());
                if (omittedByAll != null) {
                    omitted.retainAll(omittedByAll);
                }
                omittedByAll = omitted;
            }
        }
        if (omittedByAll == null) {
            return Optional.of("every HTTP method but " + named);
        }
        omittedByAll.removeAll(named);
        return omittedByAll.isEmpty() ? Optional.empty() : Optional.of(omittedByAll.toString());
    }
}
