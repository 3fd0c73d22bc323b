package io.opssight.platform.security;

import io.opssight.access.boundary.OidcSignIn;
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
 * Console single sign-on with OpenID Connect. {@code /oidc/login} starts the authorization-code flow
 * (state, nonce and PKCE verifier kept in the session) and sends the browser to the provider;
 * {@code /oidc/callback} completes it: on success the session gets a new id and the identity,
 * else the sign-in page says that single sign-on failed. 404 while OIDC is not configured.
 */
@WebServlet(urlPatterns = {"/oidc/login", "/oidc/callback"})
public class OidcServlet extends HttpServlet {

    static final String PENDING = "opssight.oidc.pending";

    @EJB
    OidcSignIn oidc;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!OidcSignIn.configured()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        if (request.getServletPath().equals("/oidc/login")) {
            String callback = request.getRequestURL().toString().replaceAll("/oidc/login$", "/oidc/callback");
            OidcSignIn.Started started;
            try {
                started = oidc.begin(callback, SignIn.safePath(request.getParameter("next")));
            } catch (RuntimeException e) {
                response.sendRedirect(request.getContextPath() + "/login.xhtml?sso=failed");
                return;
            }
            request.getSession(true).setAttribute(PENDING, started.pending());
            response.sendRedirect(started.authorizationUrl());
            return;
        }
        HttpSession session = request.getSession(false);
        OidcSignIn.Pending pending = session == null ? null : (OidcSignIn.Pending) session.getAttribute(PENDING);
        if (session != null) {
            // Single use: a replayed callback finds nothing to complete.
            session.removeAttribute(PENDING);
        }
        Optional<Identity> identity = oidc.complete(pending, request.getParameter("state"), request.getParameter("code"));
        if (identity.isEmpty()) {
            response.sendRedirect(request.getContextPath() + "/login.xhtml?sso=failed");
            return;
        }
        request.changeSessionId();
        request.getSession().setAttribute(BearerAuthentication.SESSION_IDENTITY, identity.get());
        response.sendRedirect(request.getContextPath() + SignIn.safePath(pending.next()));
    }
}
