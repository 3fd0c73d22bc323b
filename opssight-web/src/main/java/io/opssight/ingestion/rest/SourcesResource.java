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
    @Operation(summary = "List webhook sources", description = "Permission: sources:read")
    public List<SourceView> list() {
        return sources.list().stream().map(SourceView::from).toList();
    }
}
