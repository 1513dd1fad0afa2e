package io.jwtguard.it.app;

import io.jwtguard.Authorize;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** An MCP-like endpoint: every caller needs both scopes. */
@Authorize(scopes = {"mcp:tools", "mcp:prompts"})
public class ToolsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print("tools for " + request.getRemoteUser());
    }
}
