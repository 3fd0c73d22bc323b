package io.opssight.access.rest;

import io.opssight.access.boundary.Users;
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

/** Local users: create, list, change roles and password, enable, disable, unlock, delete. */
@Path("users")
@Tag(name = "users", description = "Local users and their roles")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @EJB
    Users users;

    @POST
    @Operation(operationId = "createUser", summary = "Create a user",
            description = "Password: at least 12 characters, not containing the username.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Bad username, weak password, unknown role or team",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "The username is taken", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.USERS_MANAGE)
    public Response create(@Valid NewUser in, @Context UriInfo uri) {
        RequestBodies.require(in);
        UserView view = UserView.from(users.create(in.getUsername(), in.getDisplayName(), in.getPassword(), grants(in.getRoles())));
        return Response.created(uri.getAbsolutePathBuilder().path(view.username()).build()).entity(view).build();
    }

    @GET
    @Operation(operationId = "listUsers", summary = "List users")
    @RolesAllowed(Permission.USERS_MANAGE)
    public List<UserView> list() {
        return users.list().stream().map(UserView::from).toList();
    }

    @GET
    @Path("{username}")
    @Operation(operationId = "getUser", summary = "One user")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", description = "No such user", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.USERS_MANAGE)
    public UserView find(@PathParam("username") String username) {
        return UserView.from(users.find(username));
    }

    @PUT
    @Path("{username}/roles")
    @Operation(operationId = "setUserRoles", summary = "Replace a user's roles",
            description = "Audited as security.roles-changed; applies from the "
            + "user's next sign-in.")
    @RolesAllowed(Permission.USERS_MANAGE)
    public UserView assignRoles(@PathParam("username") String username, @Valid RoleGrants in) {
        RequestBodies.require(in);
        return UserView.from(users.assignRoles(username, grants(in.getRoles())));
    }

    @PUT
    @Path("{username}/password")
    @Operation(operationId = "setUserPassword", summary = "Set a user's password", description = "Also lifts a lock.")
    @RolesAllowed(Permission.USERS_MANAGE)
    public UserView changePassword(@PathParam("username") String username, @Valid PasswordChange in) {
        RequestBodies.require(in);
        return UserView.from(users.changePassword(username, in.getPassword()));
    }

    @POST
    @Path("{username}/enable")
    @Operation(operationId = "enableUser", summary = "Enable a user")
    @RolesAllowed(Permission.USERS_MANAGE)
    public UserView enable(@PathParam("username") String username) {
        return UserView.from(users.enable(username, true));
    }

    @POST
    @Path("{username}/disable")
    @Operation(operationId = "disableUser", summary = "Disable a user", description = "A disabled user cannot sign in.")
    @RolesAllowed(Permission.USERS_MANAGE)
    public UserView disable(@PathParam("username") String username) {
        return UserView.from(users.enable(username, false));
    }

    @POST
    @Path("{username}/unlock")
    @Operation(operationId = "unlockUser", summary = "Unlock a user locked by failed sign-ins")
    @RolesAllowed(Permission.USERS_MANAGE)
    public UserView unlock(@PathParam("username") String username) {
        return UserView.from(users.unlock(username));
    }

    @DELETE
    @Path("{username}")
    @Operation(operationId = "deleteUser", summary = "Delete a user")
    @APIResponse(responseCode = "204", description = "Deleted")
    @RolesAllowed(Permission.USERS_MANAGE)
    public Response delete(@PathParam("username") String username) {
        users.delete(username);
        return Response.noContent().build();
    }

    private static List<Users.GrantRequest> grants(List<RoleGrant> roles) {
        return roles == null ? List.of() : roles.stream()
                .map(g -> g == null ? null : new Users.GrantRequest(g.getRole(), g.getTeam())).toList();
    }
}
