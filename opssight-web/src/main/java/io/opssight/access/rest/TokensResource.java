package io.opssight.access.rest;

import io.opssight.access.boundary.ApiTokens;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API tokens: create (secret shown once), list, revoke. */
@Path("tokens")
@Tag(name = "tokens", description = "OpsSight API tokens")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokensResource {

    @EJB
    ApiTokens tokens;

    @POST
    @Operation(operationId = "createToken", summary = "Create an API token", description = "The secret is in this answer only. "
            + "'teams' (optional, team names) limits the token to those teams' objects, like a team-scoped user. A token "
            + "gets only permissions and teams its creator holds; a team-scoped creator must name some of its teams.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            headers = @Header(name = "Location", description = "The new token"),
                    content = @Content(schema = @Schema(ref = "IssuedTokenView")))
    @APIResponse(responseCode = "400", description = "Unknown permission or team, bad expiry",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "A permission the caller does not hold, or no teams from a team-scoped caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.TOKENS_MANAGE)
    public Response create(@Valid NewToken in, @Context UriInfo uri) {
        RequestBodies.require(in);
        ApiTokens.Issued issued = tokens.create(in.getName(), in.getPermissions(), in.getTeams(), in.getExpiresAt());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(issued.token().getId())).build())
                .entity(new IssuedTokenView(TokenView.from(issued.token()), issued.secret())).build();
    }

    @GET
    @Operation(operationId = "listTokens", summary = "List API tokens",
            description = "With the teams each is limited to; a team-scoped caller sees only tokens limited to its teams.")
    @RolesAllowed(Permission.TOKENS_MANAGE)
    public List<TokenView> list() {
        return tokens.list().stream().map(TokenView::from).toList();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "revokeToken", summary = "Revoke an API token", description = "Takes effect on the next request.")
    @APIResponse(responseCode = "200", description = "Revoked", content = @Content(schema = @Schema(ref = "TokenView")))
    @APIResponse(responseCode = "404", description = "No such token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.TOKENS_MANAGE)
    public TokenView revoke(@PathParam("id") long id) {
        return TokenView.from(tokens.revoke(id));
    }
}
