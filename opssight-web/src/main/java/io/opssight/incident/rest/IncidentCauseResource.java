package io.opssight.incident.rest;

import io.opssight.access.entity.Permission;
import io.opssight.incident.boundary.IncidentCauses;
import io.opssight.incident.entity.Incident;
import io.opssight.platform.rest.EntityTags;
import io.opssight.platform.rest.OpsSightApplication;
import io.opssight.platform.rest.Problem;
import io.opssight.platform.rest.RequestBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Reading and correcting the deployment that caused an incident (the use case behind a disputed DORA
 * figure). A correction must name the link it replaces (If-Match with the ETag of the GET), so two
 * people correcting the same figure never silently overwrite each other.
 */
@Path("incidents/{id}/cause")
@Tag(name = "incidents")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentCauseResource {

    @EJB
    IncidentCauses causes;

    @GET
    @Operation(operationId = "getIncidentCause", summary = "Read what caused an incident",
            description = "The linked deployment (or none), why it was linked and the note. The ETag is what "
                    + "PUT needs as If-Match.")
    @APIResponse(responseCode = "200", description = "The cause link",
            headers = @Header(name = HttpHeaders.ETAG, description = "The link's tag, for If-Match"),
            content = @Content(schema = @Schema(ref = "CauseLinkView")))
    @APIResponse(responseCode = "404", description = "No such incident", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed({Permission.INCIDENTS_READ, Permission.INCIDENTS_LINK})
    public Response read(@PathParam("id") long id) {
        Incident incident = causes.read(id);
        return Response.ok(CauseLinkView.from(incident)).tag(EntityTags.of(incident.causeTag())).build();
    }

    @PUT
    @Operation(operationId = "correctIncidentCause", summary = "Correct what caused an incident",
            description = "Links the incident to deploymentId (a successful production deployment) or, with null, to no "
                    + "deployment. The link reason becomes manual and stays: neither a time-based link nor a cause a source "
                    + "names later replaces it. Change failure rate and recovery time follow at once. The note (required) is "
                    + "kept with who set it and when. Needs If-Match with the ETag of GET /incidents/{id}/cause.")
    @APIResponse(responseCode = "200", description = "The incident with its corrected cause",
            headers = @Header(name = HttpHeaders.ETAG, description = "The new link's tag"),
            content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "400", description = "No note, no such deployment, or not a successful production deployment",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such incident", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "The incident changed concurrently; read it again",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "412", description = "The link changed since you read it (If-Match does not match)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "428", description = "No If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.INCIDENTS_LINK)
    public Response correct(@PathParam("id") long id, @Valid CauseCorrection in,
            @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, required = true,
                    description = "The ETag of GET /incidents/{id}/cause, or * to replace whatever link there is")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        RequestBodies.require(in);
        if (ifMatch == null || ifMatch.isBlank()) {
            causes.read(id); // an unknown incident is a 404 before anything else
        }
        String expected = EntityTags.expected(ifMatch, true);
        Incident incident = causes.correct(id, in.getDeploymentId(), in.getNote(), expected);
        return Response.ok(IncidentView.from(incident)).tag(EntityTags.of(incident.causeTag())).build();
    }
}
