package io.jwtguard.demo;

import io.jwtguard.Authorize;
import io.jwtguard.JwtPrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** {@code GET /api/me}: who the token says the caller is, through the standard servlet API. */
@Authorize
public class MeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JwtPrincipal principal = (JwtPrincipal) request.getUserPrincipal();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", request.getRemoteUser());
        body.put("roles", new TreeSet<>(principal.getRoles()));
        body.put("isAdmin", request.isUserInRole("Admin"));
        body.put("authType", request.getAuthType());
        body.put("claims", principal.getClaims());
        Json.write(response, 200, body);
    }
}
