package io.opssight.catalog.rest;

import io.opssight.access.entity.Permission;
import io.opssight.catalog.boundary.Teams;
import io.opssight.catalog.entity.Team;
import io.opssight.platform.rest.EntityTags;
import io.opssight.platform.rest.OpsSightApplication;
import io.opssight.platform.rest.Problem;
import io.opssight.platform.rest.RequestBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Teams: create and list (with their services). */
@Path("teams")
@Tag(name = "teams", description = "Teams and the services they own")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
public class TeamsResource {

    @EJB
    Teams teams;

    @GET
    @Operation(operationId = "listTeams", summary = "List teams", description = "By name, each with the services it owns.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TeamView.class)))
    @RolesAllowed({Permission.TEAMS_READ, Permission.TEAMS_MANAGE})
    public List<TeamView> list() {
        return teams.list().stream().map(TeamView::from).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createTeam", summary = "Create a team",
            description = "Assign services to it with PUT /services/{name}/team.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The new team (GET /teams/{name})"),
                    content = @Content(schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "400", description = "Invalid name", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "A team with this name exists", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.TEAMS_MANAGE)
    public Response create(@Valid NewTeam in, @Context UriInfo uri) {
        RequestBodies.require(in);
        Team team = teams.create(in.getName().trim());
        return Response.created(uri.getAbsolutePathBuilder().path(team.getName()).build()).entity(TeamView.from(team)).build();
    }

    @GET
    @Path("{name}")
    @Operation(operationId = "getTeam", summary = "Read one team", description = "With the services it owns. The ETag "
            + "changes whenever the team or its services do.")
    @APIResponse(responseCode = "200", description = "The team", headers = @Header(name = HttpHeaders.ETAG,
            description = "A tag of the team and its services"), content = @Content(schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "404", description = "No such team", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed({Permission.TEAMS_READ, Permission.TEAMS_MANAGE})
    public Response get(@PathParam("name") String name) {
        Teams.Owned owned = teams.find(name);
        return Response.ok(TeamView.from(owned)).tag(EntityTags.of("v" + owned.team().getVersion() + "-"
                + Integer.toHexString(owned.services().hashCode()))).build();
    }
}
