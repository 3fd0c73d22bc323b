package io.opssight.catalog.rest;

import io.opssight.access.entity.Permission;
import io.opssight.catalog.boundary.Teams;
import io.opssight.platform.rest.OpsSightApplication;
import io.opssight.platform.rest.Problem;
import io.opssight.platform.rest.QueryParams;
import io.opssight.platform.rest.RequestBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Which team owns a service, by the service's name. */
@Path("services/{name}/team")
@Tag(name = "teams")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
public class ServiceTeamResource {

    @EJB
    Teams teams;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "assignServiceTeam", summary = "Assign a service to a team",
            description = "{\"team\":\"payments\"} makes the team own the service "
            + "(its DORA figures count for the team from then on, for every window); {\"team\":null} unassigns it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ServiceOwnerView.class)))
    @APIResponse(responseCode = "400", description = "Unknown team", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such service", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.TEAMS_MANAGE)
    public ServiceOwnerView assign(@PathParam("name") String service, @Valid TeamAssignment in) {
        RequestBodies.require(in);
        return ServiceOwnerView.from(teams.assign(service, QueryParams.text(in.getTeam())));
    }
}
