package io.opssight.platform.security;

import io.opssight.access.boundary.ApiTokens;
import io.opssight.access.boundary.JwtAuthentication;
import io.opssight.access.boundary.LocalAccounts;
import io.opssight.access.entity.Identity;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/**
 * The web module's one authentication mechanism (Jakarta Security). It establishes the caller
 * and its permissions (as container groups, mapped one-to-one to roles) from:
 * <ul>
 * <li>{@code Authorization: Bearer <API token>} or {@code Bearer <JWT>} (a value shaped like a JWT
 * goes to {@link JwtAuthentication}) on API and SOAP calls, statelessly;</li>
 * <li>the console session, once a user has signed in with a username and password
 * ({@link UsernamePasswordCredential}) or an API token ({@link TokenCredential}); the session id
 * changes at sign-in. A console session never counts for SOAP calls.</li>
 * </ul>
 * The identity of each request is left on the request ({@link #REQUEST_IDENTITY}) so
 * {@link TeamScopeFilter} can limit a team-scoped caller's reads.
 * It never refuses a request itself: unauthenticated requests continue anonymously, and
 * authorization (the API filter, {@code @RolesAllowed} on EJB boundaries, the console filter)
 * denies what needs a caller. A presented but invalid token is remembered on the request so the
 * API answers 401 with a reason rather than 403.
 */
@ApplicationScoped
public class BearerAuthentication implements HttpAuthenticationMechanism {

    static final String SESSION_IDENTITY = "opssight.identity";
    static final String INVALID_TOKEN = "opssight.invalid-token";
    static final String REQUEST_IDENTITY = "opssight.request-identity";

    @EJB
    ApiTokens tokens;

    @EJB
    LocalAccounts accounts;

    @EJB
    JwtAuthentication jwts;

    @Inject
    TrustedProxies proxies;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (context.isAuthenticationRequest() && credential instanceof TokenCredential token) {
            return signIn(request, context, tokens.authenticate(token.token(), proxies.clientOf(request)));
        }
        if (context.isAuthenticationRequest() && credential instanceof UsernamePasswordCredential password) {
            return signIn(request, context, accounts.signIn(password.getCaller(), password.getPasswordAsString()));
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (isWebhook(request)) {
                // Webhook senders authenticate with their source's secret, checked by ingestion.
                return context.doNothing();
            }
            String presented = authorization.substring(7).trim();
            Optional<Identity> identity = JwtAuthentication.looksLikeJwt(presented) ? jwts.authenticate(presented)
                    : tokens.authenticate(presented, proxies.clientOf(request));
            if (identity.isPresent()) {
                return login(request, context, identity.get());
            }
            request.setAttribute(INVALID_TOKEN, Boolean.TRUE);
            return context.doNothing();
        }
        HttpSession session = isSoap(request) ? null : request.getSession(false);
        if (session != null && session.getAttribute(SESSION_IDENTITY) instanceof Identity identity) {
            return login(request, context, identity);
        }
        return context.doNothing();
    }

    /** SOAP calls authenticate per request; a console session never counts for them (no CSRF). */
    static boolean isSoap(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length()).startsWith("/soap/");
    }

    private static AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context,
            Optional<Identity> identity) {
        if (identity.isEmpty()) {
            // No error page: the sign-in form shows the failure itself.
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (request.getSession(false) != null) {
            // A new session id at sign-in: an id planted before it (session fixation) is worthless.
            request.changeSessionId();
        }
        request.getSession(true).setAttribute(SESSION_IDENTITY, identity.get());
        return login(request, context, identity.get());
    }

    private static AuthenticationStatus login(HttpServletRequest request, HttpMessageContext context, Identity identity) {
        request.setAttribute(REQUEST_IDENTITY, identity);
        return context.notifyContainerAboutLogin(identity.name(), identity.permissions());
    }

    static boolean isWebhook(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/v1/ingest/");
    }
}
