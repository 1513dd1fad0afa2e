package io.jwtguard.it.app;

import io.jwtguard.AllowAnonymous;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Overrides the Admin-only GET without an annotation, and even marks the class open: the rule must stay. */
@AllowAnonymous
public class SubclassReportServlet extends BaseReportServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print(Canary.BODY + " subclass");
    }
}
