package io.opssight.ingestion.rest;

import io.opssight.ingestion.boundary.Sources;
import io.opssight.ingestion.entity.Source;
import io.opssight.platform.rest.OpsSightApplication;
import io.opssight.platform.rest.Problem;
import io.opssight.platform.rest.RequestBodies;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import io.opssight.ingestion.boundary.SourceActivity;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Webhook sources: register and list. */
@Path("sources")
@Tag(name = "sources", description = "Connected webhook sources")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SourcesResource {

    @EJB
    Sources sources;

    @POST
    @Operation(summary = "Register a webhook source", description = "Permission: sources:manage")
    @APIResponse(responseCode = "201", description = "Registered; Location names it")
    @APIResponse(responseCode = "400", description = "Invalid kind, name or secret", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "A source of this kind and name exists", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response register(@Valid NewSource in, @Context UriInfo uri) {
        RequestBodies.require(in);
        Source source = sources.register(in.getKind(), in.getName(), in.getSecret());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(source.getId())).build())
                .entity(SourceView.from(source)).build();
    }

    @GET
    @Operation(summary = "List webhook sources", description = "With the last delivery time and delivery counts. "
            + "Permission: sources:read")
    public List<SourceView> list() {
        Map<Long, SourceActivity> activity = sources.activity();
        return sources.list().stream().map(s -> SourceView.from(s, activity.get(s.getId()))).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one webhook source", description = "Permission: sources:read")
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public SourceView get(@PathParam("id") long id) {
        return SourceView.from(sources.find(id), sources.activity().get(id));
    }

    @POST
    @Path("{id}/rotate-secret")
    @Operation(summary = "Rotate a source's secret", description = "Deliveries signed with the old secret are refused "
            + "from now on. Without a body (or secret) OpsSight generates one. The secret is in this answer only. "
            + "Permission: sources:manage")
    @APIResponse(responseCode = "200", description = "Rotated")
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public RotatedSecretView rotate(@PathParam("id") long id, @Valid SecretRotation in) {
        String secret = sources.rotateSecret(id, in == null ? null : in.getSecret());
        return new RotatedSecretView(SourceView.from(sources.find(id)), secret);
    }

    @POST
    @Path("{id}/disable")
    @Operation(summary = "Disable a source", description = "Its deliveries are refused with 403 until it is enabled. "
            + "Permission: sources:manage")
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public SourceView disable(@PathParam("id") long id) {
        return SourceView.from(sources.setEnabled(id, false));
    }

    @POST
    @Path("{id}/enable")
    @Operation(summary = "Enable a source", description = "Permission: sources:manage")
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public SourceView enable(@PathParam("id") long id) {
        return SourceView.from(sources.setEnabled(id, true));
    }
}
