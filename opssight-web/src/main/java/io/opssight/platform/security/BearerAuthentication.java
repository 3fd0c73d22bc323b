package io.opssight.platform.security;

import io.opssight.access.boundary.ApiTokens;
import io.opssight.access.boundary.Identity;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/**
 * The web module's one authentication mechanism (Jakarta Security). It establishes the caller
 * and its permissions (as container groups, mapped one-to-one to roles) from:
 * <ul>
 * <li>{@code Authorization: Bearer <API token>} on API and SOAP calls, statelessly;</li>
 * <li>the console session, once a user has signed in (the {@link TokenCredential} path below).</li>
 * </ul>
 * It never refuses a request itself: unauthenticated requests continue anonymously, and
 * authorization (the API filter, {@code @RolesAllowed} on EJB boundaries, the console filter)
 * denies what needs a caller. A presented but invalid token is remembered on the request so the
 * API answers 401 with a reason rather than 403.
 */
@ApplicationScoped
public class BearerAuthentication implements HttpAuthenticationMechanism {

    static final String SESSION_IDENTITY = "opssight.identity";
    static final String INVALID_TOKEN = "opssight.invalid-token";

    @EJB
    ApiTokens tokens;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (context.isAuthenticationRequest() && credential instanceof TokenCredential token) {
            Optional<Identity> identity = tokens.authenticate(token.token());
            if (identity.isEmpty()) {
                // No error page: the sign-in form shows the failure itself.
                return AuthenticationStatus.SEND_FAILURE;
            }
            request.changeSessionId();
            request.getSession(true).setAttribute(SESSION_IDENTITY, identity.get());
            return context.notifyContainerAboutLogin(identity.get().name(), identity.get().permissions());
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (isWebhook(request)) {
                // Webhook senders authenticate with their source's secret, checked by ingestion.
                return context.doNothing();
            }
            Optional<Identity> identity = tokens.authenticate(authorization.substring(7).trim());
            if (identity.isPresent()) {
                return context.notifyContainerAboutLogin(identity.get().name(), identity.get().permissions());
            }
            request.setAttribute(INVALID_TOKEN, Boolean.TRUE);
            return context.doNothing();
        }
        HttpSession session = isSoap(request) ? null : request.getSession(false);
        if (session != null && session.getAttribute(SESSION_IDENTITY) instanceof Identity identity) {
            return context.notifyContainerAboutLogin(identity.name(), identity.permissions());
        }
        return context.doNothing();
    }

    /** SOAP calls authenticate per request; a console session never counts for them (no CSRF). */
    static boolean isSoap(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length()).startsWith("/soap/");
    }

    static boolean isWebhook(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/v1/ingest/");
    }
}
