package io.opssight.alerting.rest;

import io.opssight.access.entity.Permission;
import io.opssight.alerting.boundary.AlertAcknowledgements;
import io.opssight.alerting.boundary.AlertQuery;
import io.opssight.alerting.boundary.Alerts;
import io.opssight.alerting.entity.Alert;
import io.opssight.platform.entity.KeysetPage;
import io.opssight.platform.rest.OpsSightApplication;
import io.opssight.platform.rest.PageCursor;
import io.opssight.platform.rest.Problem;
import io.opssight.platform.rest.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Received alerts: list, read one, acknowledge one and take that back. */
@Path("alerts")
@Tag(name = "alerts", description = "Alerts received from Alertmanager and PagerDuty")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    @EJB
    Alerts alerts;

    @EJB
    AlertAcknowledgements acknowledgements;

    @GET
    @Operation(operationId = "listAlerts", summary = "List alerts", description = "Newest first by the time they started firing.")
    @APIResponse(responseCode = "200", description = "A page; follow nextCursor (or the Link rel=next header) for more",
            content = @Content(schema = @Schema(ref = "AlertPage")))
    @APIResponse(responseCode = "400", description = "Bad filter or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.ALERTS_READ)
    public Response list(
            @Parameter(description = "firing or resolved") @QueryParam("status") String status,
            @Parameter(description = "service name") @QueryParam("service") String service,
            @Parameter(description = "page size, 1 to 500") @QueryParam("limit") @DefaultValue("50") int limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        KeysetPage.Position after = PageCursor.decode(cursor);
        AlertQuery query = new AlertQuery(QueryParams.text(status), QueryParams.text(service),
                after, QueryParams.limit(limit, Alerts.MAX_PAGE));
        KeysetPage<Alert> page = alerts.list(query);
        String next = PageCursor.next(page, Alert::getStartsAt, Alert::getId);
        return QueryParams.page(new AlertPage(page.items().stream().map(AlertView::from).toList(), next), next, uri);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getAlert", summary = "Read one alert")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "404", description = "No such alert", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.ALERTS_READ)
    public AlertView get(@PathParam("id") long id) {
        return AlertView.from(alerts.find(id));
    }

    @POST
    @Path("{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "acknowledgeAlert", summary = "Acknowledge a firing alert",
            description = "Records that the caller is on it, when, and an optional note ({\"note\": \"...\"}, at most 800 "
                    + "characters; the body may be left out). Acknowledging again replaces the earlier acknowledgement. The "
                    + "state stays Alertmanager's: a resolve still resolves it, a new firing clears the acknowledgement.")
    @APIResponse(responseCode = "200", description = "The acknowledged alert",
            content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "400", description = "Note too long or not JSON", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such alert", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "The alert is resolved (or changed concurrently)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.ALERTS_ACKNOWLEDGE)
    public AlertView acknowledge(@PathParam("id") long id, @Valid Acknowledgement in) {
        return AlertView.from(acknowledgements.acknowledge(id, in == null ? null : in.getNote()));
    }

    @DELETE
    @Path("{id}/acknowledgement")
    @Operation(operationId = "unacknowledgeAlert", summary = "Take an acknowledgement back",
            description = "The alert is unacknowledged again (nothing changes when it was not acknowledged).")
    @APIResponse(responseCode = "200", description = "The alert", content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "404", description = "No such alert", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.ALERTS_ACKNOWLEDGE)
    public AlertView unacknowledge(@PathParam("id") long id) {
        return AlertView.from(acknowledgements.unacknowledge(id));
    }
}
