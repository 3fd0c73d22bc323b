package io.opssight.ingestion.rest;

import io.opssight.access.entity.Permission;
import io.opssight.ingestion.boundary.SourceActivity;
import io.opssight.ingestion.boundary.Sources;
import io.opssight.ingestion.entity.Source;
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
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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

    private static final String IF_MATCH = "With If-Match (the ETag of GET /sources/{id}) it applies only to the version "
            + "you read (412 otherwise).";

    @EJB
    Sources sources;

    @POST
    @Operation(operationId = "createSource", summary = "Register a webhook source")
    @APIResponse(responseCode = "201", description = "Registered; Location names it",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The new source"),
            content = @Content(schema = @Schema(implementation = SourceView.class)))
    @APIResponse(responseCode = "400", description = "Invalid kind, name or secret", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "A source of this kind and name exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.SOURCES_MANAGE)
    public Response register(@Valid NewSource in, @Context UriInfo uri) {
        RequestBodies.require(in);
        Source source = sources.register(in.getKind(), in.getName(), in.getSecret());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(source.getId())).build())
                .tag(EntityTags.ofVersion(source.getVersion())).entity(SourceView.from(source)).build();
    }

    @GET
    @Operation(operationId = "listSources", summary = "List webhook sources",
            description = "With the last delivery time and delivery counts.")
    @RolesAllowed({Permission.SOURCES_READ, Permission.SOURCES_MANAGE})
    public List<SourceView> list() {
        Map<Long, SourceActivity> activity = sources.activity();
        return sources.list().stream().map(s -> SourceView.from(s, activity.get(s.getId()))).toList();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getSource", summary = "Read one webhook source", description = "The ETag names the source's "
            + "version; send it as If-Match to rotate, disable or enable only what you read.")
    @APIResponse(responseCode = "200", description = "The source", headers = @Header(name = HttpHeaders.ETAG,
            description = "The source's version, for If-Match"), content = @Content(schema = @Schema(implementation = SourceView.class)))
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed({Permission.SOURCES_READ, Permission.SOURCES_MANAGE})
    public Response get(@PathParam("id") long id) {
        Source source = sources.find(id);
        return Response.ok(SourceView.from(source, sources.activity().get(id))).tag(EntityTags.ofVersion(source.getVersion()))
                .build();
    }

    @POST
    @Path("{id}/rotate-secret")
    @Operation(operationId = "rotateSourceSecret", summary = "Rotate a source's secret", description = "Deliveries signed "
            + "with the old secret are refused from now on. Without a body (or secret) OpsSight generates one. The secret is "
            + "in this answer only. " + IF_MATCH)
    @APIResponse(responseCode = "200", description = "Rotated", headers = @Header(name = HttpHeaders.ETAG,
            description = "The source's new version"), content = @Content(schema = @Schema(ref = "RotatedSecretView")))
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Changed concurrently; read it again",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.SOURCES_MANAGE)
    public Response rotate(@PathParam("id") long id, @Valid SecretRotation in,
            @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, description = "The ETag you read (optional)")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        String secret = sources.rotateSecret(id, in == null ? null : in.getSecret(), EntityTags.expectedVersion(ifMatch, false));
        Source source = sources.find(id);
        return Response.ok(new RotatedSecretView(SourceView.from(source), secret)).tag(EntityTags.ofVersion(source.getVersion()))
                .build();
    }

    @POST
    @Path("{id}/disable")
    @Operation(operationId = "disableSource", summary = "Disable a source", description = "Its deliveries are refused with "
            + "403 until it is enabled. " + IF_MATCH)
    @APIResponse(responseCode = "200", description = "Disabled", headers = @Header(name = HttpHeaders.ETAG,
            description = "The source's new version"), content = @Content(schema = @Schema(implementation = SourceView.class)))
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Changed concurrently; read it again",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.SOURCES_MANAGE)
    public Response disable(@PathParam("id") long id,
            @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, description = "The ETag you read (optional)")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return toggled(sources.setEnabled(id, false, EntityTags.expectedVersion(ifMatch, false)));
    }

    @POST
    @Path("{id}/enable")
    @Operation(operationId = "enableSource", summary = "Enable a source", description = IF_MATCH)
    @APIResponse(responseCode = "200", description = "Enabled", headers = @Header(name = HttpHeaders.ETAG,
            description = "The source's new version"), content = @Content(schema = @Schema(implementation = SourceView.class)))
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Changed concurrently; read it again",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.SOURCES_MANAGE)
    public Response enable(@PathParam("id") long id,
            @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, description = "The ETag you read (optional)")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return toggled(sources.setEnabled(id, true, EntityTags.expectedVersion(ifMatch, false)));
    }

    private static Response toggled(Source source) {
        return Response.ok(SourceView.from(source)).tag(EntityTags.ofVersion(source.getVersion())).build();
    }
}
