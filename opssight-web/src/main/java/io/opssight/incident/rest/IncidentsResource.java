package io.opssight.incident.rest;

import io.opssight.access.entity.Permission;
import io.opssight.incident.boundary.IncidentQuery;
import io.opssight.incident.boundary.Incidents;
import io.opssight.incident.entity.Incident;
import io.opssight.ingestion.boundary.Pushes;
import io.opssight.ingestion.rest.PushAnswers;
import io.opssight.platform.entity.KeysetPage;
import io.opssight.platform.rest.OpsSightApplication;
import io.opssight.platform.rest.PageCursor;
import io.opssight.platform.rest.Problem;
import io.opssight.platform.rest.QueryParams;
import io.opssight.platform.rest.RequestBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Incidents: list, read one with its cause, push one, resolve one. */
@Path("incidents")
@Tag(name = "incidents", description = "Incidents and the deployments that caused them")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
public class IncidentsResource {

    @EJB
    Incidents incidents;

    @EJB
    Pushes pushes;

    @GET
    @Operation(operationId = "listIncidents", summary = "List incidents",
            description = "Newest first by opening time, each with its causing deployment.")
    @APIResponse(responseCode = "200", description = "A page; follow nextCursor (or the Link rel=next header) for more",
            content = @Content(schema = @Schema(ref = "IncidentPage")))
    @APIResponse(responseCode = "400", description = "Bad filter or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.INCIDENTS_READ)
    public Response list(
            @Parameter(description = "service name") @QueryParam("service") String service,
            @Parameter(description = "triggered, acknowledged or resolved") @QueryParam("status") String status,
            @Parameter(description = "opened at or after (ISO-8601 instant or date)") @QueryParam("from") String from,
            @Parameter(description = "opened before (ISO-8601 instant or date)") @QueryParam("to") String to,
            @Parameter(description = "page size, 1 to 500") @QueryParam("limit") @DefaultValue("50") int limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        KeysetPage.Position after = PageCursor.decode(cursor);
        IncidentQuery query = new IncidentQuery(QueryParams.text(service), QueryParams.text(status),
                QueryParams.instant("from", from), QueryParams.instant("to", to),
                after,
                QueryParams.limit(limit, Incidents.MAX_PAGE));
        KeysetPage<Incident> page = incidents.list(query);
        String next = PageCursor.next(page, Incident::getOpenedAt, Incident::getId);
        return QueryParams.page(new IncidentPage(page.items().stream().map(IncidentView::from).toList(), next), next, uri);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getIncident", summary = "Read one incident",
            description = "With the deployment that caused it and why it was linked.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "404", description = "No such incident", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.INCIDENTS_READ)
    public IncidentView get(@PathParam("id") long id) {
        return IncidentView.from(incidents.find(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "pushIncident", summary = "Push an incident",
            description = "For tools without webhooks. Stored as a delivery, then recorded like a PagerDuty incident and "
                    + "linked to its causing deployment: the one named in causedBy, else the latest successful production "
                    + "deployment of its service before it opened. A push naming an existing origin and externalId updates "
                    + "that incident. Origin is \"push:<token name>\" unless given.")
    @APIResponse(responseCode = "201", description = "Created; Location names the incident",
            content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "200", description = "Updated an existing incident, or a repeat of an earlier push "
            + "(then Idempotent-Replayed: true)", headers = @Header(name = PushAnswers.REPLAYED, description = "true on a repeat"),
            content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "202", description = "Stored, but not modelled: kept as a dead letter for replay",
            content = @Content(schema = @Schema(ref = "ReceiptView")))
    @APIResponse(responseCode = "400", description = "Invalid body, or causedBy.deploymentId names no deployment",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.INCIDENTS_WRITE)
    public Response push(@Valid NewIncident in,
            @Parameter(in = ParameterIn.HEADER, description = "Makes a retry safe (up to 255 characters)")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context UriInfo uri) {
        RequestBodies.require(in);
        return PushAnswers.answer(pushes.incident(in.push(), idempotencyKey), IncidentView::from, Incident::getId,
                "incidents", uri);
    }

    @POST
    @Path("{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "resolveIncident", summary = "Resolve an incident",
            description = "Resolves the incident (from any source) at resolvedAt, default now. Stored as a delivery like "
                    + "every push; resolving a resolved incident changes nothing.")
    @APIResponse(responseCode = "200", description = "The incident, resolved",
            content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "202", description = "Stored, but not modelled: kept as a dead letter for replay",
            content = @Content(schema = @Schema(ref = "ReceiptView")))
    @APIResponse(responseCode = "400", description = "resolvedAt before the incident opened",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such incident", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.INCIDENTS_WRITE)
    public Response resolve(@PathParam("id") long id, @Valid Resolution in,
            @Parameter(in = ParameterIn.HEADER, description = "Makes a retry safe (up to 255 characters)")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context UriInfo uri) {
        return PushAnswers.answer(pushes.resolveIncident(id, in == null ? null : in.getResolvedAt(), idempotencyKey),
                IncidentView::from, Incident::getId, "incidents", uri);
    }
}
