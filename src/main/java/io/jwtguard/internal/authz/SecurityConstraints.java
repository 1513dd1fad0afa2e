package io.jwtguard.internal.authz;

import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The {@code <security-constraint>}s of the application's {@code WEB-INF/web.xml} that demand a role
 * ({@code <auth-constraint>}): the Servlet API offers no way to read them, so the descriptor itself is read,
 * with DTDs and external entities off. Stateless.
 */
final class SecurityConstraints {

    private SecurityConstraints() {
    }

    /** The URL patterns such constraints cover, when there are any. */
    static Optional<List<String>> inWebXml(ServletContext context) {
        try (InputStream in = context.getResourceAsStream("/WEB-INF/web.xml")) {
            if (in == null) {
                return Optional.empty();
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().parse(in);
            List<String> patterns = new ArrayList<>();
            NodeList constraints = document.getElementsByTagNameNS("*", "security-constraint");
            for (int i = 0; i < constraints.getLength(); i++) {
                Element constraint = (Element) constraints.item(i);
                if (constraint.getElementsByTagNameNS("*", "auth-constraint").getLength() == 0) {
                    continue;
                }
                NodeList urls = constraint.getElementsByTagNameNS("*", "url-pattern");
                for (int u = 0; u < urls.getLength(); u++) {
                    patterns.add(urls.item(u).getTextContent().strip());
                }
            }
            return patterns.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(patterns));
        } catch (IOException | ParserConfigurationException | SAXException | RuntimeException e) {
            // The container parsed this descriptor already; one it cannot be read here carries no verdict.
            return Optional.empty();
        }
    }
}
