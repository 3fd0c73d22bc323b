package io.opssight.platform.security;

import io.opssight.access.boundary.GitHubSignIn;
import io.opssight.access.entity.Identity;
import io.opssight.platform.console.SignIn;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;

/**
 * Console sign-in with a GitHub OAuth app, next to {@link OidcServlet}. {@code /github/login} starts
 * the authorization-code flow (state and PKCE verifier kept in the session) and sends the browser to
 * GitHub; {@code /github/callback} completes it: on success the session gets a new id and the
 * identity, else the sign-in page says that signing in with GitHub failed. 404 while no GitHub app
 * is configured. Sign-out is the console's, as for every session.
 */
@WebServlet(urlPatterns = {"/github/login", "/github/callback"})
public class GitHubServlet extends HttpServlet {

    static final String PENDING = "opssight.github.pending";

    @EJB
    GitHubSignIn github;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!GitHubSignIn.configured()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.getServletPath().equals("/github/login")) {
            String callback = request.getRequestURL().toString().replaceAll("/github/login$", "/github/callback");
            GitHubSignIn.Started started = github.begin(callback, SignIn.safePath(request.getParameter("next")));
            request.getSession(true).setAttribute(PENDING, started.pending());
            response.sendRedirect(started.authorizationUrl());
            return;
        }
        HttpSession session = request.getSession(false);
        GitHubSignIn.Pending pending = session == null ? null : (GitHubSignIn.Pending) session.getAttribute(PENDING);
        if (session != null) {
            // Single use: a replayed callback finds nothing to complete.
            session.removeAttribute(PENDING);
        }
        Optional<Identity> identity = github.complete(pending, request.getParameter("state"), request.getParameter("code"),
                request.getParameter("error"));
        if (identity.isEmpty()) {
            response.sendRedirect(request.getContextPath() + "/login.xhtml?github=failed");
            return;
        }
        request.changeSessionId();
        request.getSession().setAttribute(BearerAuthentication.SESSION_IDENTITY, identity.get());
        response.sendRedirect(request.getContextPath() + SignIn.safePath(pending.next()));
    }
}
