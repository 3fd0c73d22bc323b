package io.opssight.platform.security;

import io.opssight.audit.boundary.AuditTrail;
import io.opssight.audit.entity.AuditEntry;
import io.opssight.platform.entity.ProblemType;
import jakarta.ejb.EJB;
import io.opssight.platform.rest.Problem;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Deny by default for the API: every JAX-RS call needs an authenticated caller, else 401
 * problem+json (the webhook receivers, which authenticate each source themselves, are a servlet:
 * {@code io.opssight.ingestion.rest.WebhookServlet}). Which caller may do what is then decided by
 * {@code @RolesAllowed} on the EJB boundary each resource calls (403 when the permission is missing).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiAccessFilter implements ContainerRequestFilter {

    @Context
    HttpServletRequest request;

    @EJB
    AuditTrail audit;

    @Override
    public void filter(ContainerRequestContext context) {
        if (context.getSecurityContext().getUserPrincipal() == null) {
            boolean invalid = Boolean.TRUE.equals(request.getAttribute(BearerAuthentication.INVALID_TOKEN));
            if (invalid) {
                // A presented but unknown, expired or revoked token is a failed authentication.
                audit.recordApart("anonymous", "auth.invalid-token", context.getUriInfo().getRequestUri().getRawPath(),
                        AuditEntry.DENIED, context.getMethod() + " " + context.getUriInfo().getRequestUri().getRawPath());
            }
            String detail = invalid ? "The bearer token is unknown, expired or revoked."
                    : "This API needs 'Authorization: Bearer <token>'.";
            Problem problem = new Problem(ProblemType.UNAUTHENTICATED.uri(), ProblemType.UNAUTHENTICATED.title(), 401,
                    detail, context.getUriInfo().getRequestUri().getRawPath(), List.of());
            context.abortWith(Response.fromResponse(problem.toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, invalid ? "Bearer realm=\"opssight\", error=\"invalid_token\""
                            : "Bearer realm=\"opssight\"")
                    .build());
        }
    }
}
