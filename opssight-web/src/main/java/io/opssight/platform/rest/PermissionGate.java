package io.opssight.platform.rest;

import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Deny by default at the REST edge: each resource method's {@code @RolesAllowed}
 * ({@link ApiPermissions}) is checked before its body is read or validated, so a caller without it
 * gets 403 problem+json whatever it sent, never a validation answer. A method that declares none is
 * refused to everyone (and logged at deployment). The EJB boundaries' {@code @RolesAllowed} stay the
 * authority behind it (for the console and SOAP too); the OpenAPI document is derived from the same
 * annotation ({@link ApiDocumentFilter}), so the document and the behaviour are the same thing. Payara's own
 * JAX-RS {@code @RolesAllowed} filter is switched off in {@code glassfish-web.xml}, so this is the one check.
 */
@Provider
public class PermissionGate implements DynamicFeature {

    private static final System.Logger LOGGER = System.getLogger(PermissionGate.class.getName());

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (!resource.getResourceClass().getName().startsWith("io.opssight.")) {
            return; // Jersey's own OPTIONS and WADL handlers
        }
        // "none" is no permission here: the only open route, the webhook receivers, is not JAX-RS.
        List<String> permissions = ApiPermissions.of(resource);
        if (permissions.isEmpty()) {
            LOGGER.log(Level.ERROR, "{0}.{1} declares no permission (@RolesAllowed); it is refused to everyone",
                    resource.getResourceClass().getName(), resource.getResourceMethod().getName());
        }
        context.register(new Check(permissions));
    }

    /** Lets the request through when the caller holds any of the permissions. */
    @Priority(Priorities.AUTHORIZATION)
    static final class Check implements ContainerRequestFilter {

        private final List<String> permissions;

        Check(List<String> permissions) {
            this.permissions = permissions;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (request.getSecurityContext().getUserPrincipal() == null) {
                return; // ApiAccessFilter answers 401 first
            }
            for (String permission : permissions) {
                if (request.getSecurityContext().isUserInRole(permission)) {
                    return;
                }
            }
            throw new OpsSightException(ProblemType.FORBIDDEN, permissions.isEmpty()
                    ? "This operation declares no permission, so nobody may call it."
                    : "Your token lacks the permission this operation needs (" + String.join(" or ", permissions) + ").");
        }
    }
}
