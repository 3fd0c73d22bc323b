package io.opssight.access.rest;

import io.opssight.access.boundary.Roles;
import io.opssight.access.entity.Permission;
import io.opssight.platform.rest.OpsSightApplication;
import io.opssight.platform.rest.Problem;
import io.opssight.platform.rest.RequestBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Roles: the built-in ones (read-only) and custom ones. */
@Path("roles")
@Tag(name = "roles", description = "Roles: named sets of permissions")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RolesResource {

    @EJB
    Roles roles;

    @GET
    @Operation(operationId = "listRoles", summary = "List roles", description = "Built-in first.")
    @RolesAllowed(Permission.USERS_MANAGE)
    public List<RoleView> list() {
        return roles.list().stream().map(RoleView::from).toList();
    }

    @GET
    @Path("{name}")
    @Operation(operationId = "getRole", summary = "One role")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RoleView.class)))
    @APIResponse(responseCode = "404", description = "No such role", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.USERS_MANAGE)
    public RoleView find(@PathParam("name") String name) {
        return RoleView.from(roles.find(name));
    }

    @POST
    @Operation(operationId = "createRole", summary = "Create a custom role")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Bad name or unknown permission", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "The name is taken", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.USERS_MANAGE)
    public Response create(@Valid NewRole in, @Context UriInfo uri) {
        RequestBodies.require(in);
        RoleView view = RoleView.from(roles.create(in.getName(), in.getDescription(), in.getPermissions()));
        return Response.created(uri.getAbsolutePathBuilder().path(view.name()).build()).entity(view).build();
    }

    @PUT
    @Path("{name}")
    @Operation(operationId = "updateRole", summary = "Change a custom role",
            description = "Audited as security.role-permissions-changed; applies "
            + "from each holder's next sign-in. Built-in roles answer 409.")
    @RolesAllowed(Permission.USERS_MANAGE)
    public RoleView update(@PathParam("name") String name, @Valid NewRole in) {
        RequestBodies.require(in);
        return RoleView.from(roles.update(name, in.getDescription(), in.getPermissions()));
    }

    @DELETE
    @Path("{name}")
    @Operation(operationId = "deleteRole", summary = "Delete a custom role", description = "Only when nobody holds it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @RolesAllowed(Permission.USERS_MANAGE)
    public Response delete(@PathParam("name") String name) {
        roles.delete(name);
        return Response.noContent().build();
    }
}
