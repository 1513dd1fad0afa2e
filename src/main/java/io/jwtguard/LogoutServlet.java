package io.jwtguard;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The logout endpoint: {@code POST} with the bearer token revokes that token and its session (its refresh
 * family); {@code POST ?everywhere=true} signs its subject out everywhere. Answers {@code 200} when every instance
 * sharing the {@link RevocationStore} refuses the token, {@code 202} when the store was unreachable (this instance
 * refuses it at once, the others once the store answers). {@link Authorize}: it needs the caller's token.
 */
@Authorize
public class LogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Implementation.runtime().logout(request, response);
    }
}
