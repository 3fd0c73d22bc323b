package io.opssight.incident.rest;

import io.opssight.incident.boundary.IncidentCauses;
import io.opssight.platform.rest.OpsSightApplication;
import io.opssight.platform.rest.Problem;
import io.opssight.platform.rest.RequestBodies;
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

/** Correcting the deployment that caused an incident (the use case behind a disputed DORA figure). */
@Path("incidents/{id}/cause")
@Tag(name = "incidents")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentCauseResource {

    @EJB
    IncidentCauses causes;

    @PUT
    @Operation(summary = "Correct what caused an incident",
            description = "Links the incident to deploymentId (a successful production deployment) or, with null, to no "
                    + "deployment. The link reason becomes manual and stays: neither a time-based link nor a cause a source "
                    + "names later replaces it. Change failure rate and recovery time follow at once. The note (required) is "
                    + "kept with who set it and when. Permission: incidents:link")
    @APIResponse(responseCode = "200", description = "The incident with its corrected cause",
            content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "400", description = "No note, no such deployment, or not a successful production deployment",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks incidents:link", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such incident", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public IncidentView correct(@PathParam("id") long id, @Valid CauseCorrection in) {
        RequestBodies.require(in);
        return IncidentView.from(causes.correct(id, in.getDeploymentId(), in.getNote()));
    }
}
