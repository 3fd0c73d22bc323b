package io.opssight.alerting.rest;

import io.opssight.access.entity.Permission;
import io.opssight.alerting.boundary.AlertQuery;
import io.opssight.alerting.boundary.Alerts;
import io.opssight.alerting.entity.Alert;
import io.opssight.platform.rest.ApiPermissions;
import io.opssight.platform.rest.OpsSightApplication;
import io.opssight.platform.rest.PageCursor;
import io.opssight.platform.rest.Problem;
import io.opssight.platform.rest.QueryParams;
import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Received alerts: list and read one. */
@Path("alerts")
@Tag(name = "alerts", description = "Alerts received from Alertmanager and PagerDuty")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    @EJB
    Alerts alerts;

    @GET
    @Operation(operationId = "listAlerts", summary = "List alerts", description = "Newest first by the time they started firing. Permission: alerts:read")
    @APIResponse(responseCode = "200", description = "A page; follow nextCursor (or the Link rel=next header) for more",
            content = @Content(schema = @Schema(ref = "AlertPage")))
    @APIResponse(responseCode = "400", description = "Bad filter or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks alerts:read", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @Extension(name = ApiPermissions.EXTENSION, value = Permission.ALERTS_READ)
    public Response list(
            @Parameter(description = "firing or resolved") @QueryParam("status") String status,
            @Parameter(description = "service name") @QueryParam("service") String service,
            @Parameter(description = "page size, 1 to 500") @QueryParam("limit") @DefaultValue("50") int limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        PageCursor after = PageCursor.decode(cursor);
        AlertQuery query = new AlertQuery(QueryParams.text(status), QueryParams.text(service),
                after == null ? null : new AlertQuery.Cursor(after.at(), after.id()), QueryParams.limit(limit, Alerts.MAX_PAGE));
        Alerts.Page page = alerts.list(query);
        String next = null;
        if (page.more()) {
            Alert last = page.items().get(page.items().size() - 1);
            next = new PageCursor(last.getStartsAt(), last.getId()).encode();
        }
        return QueryParams.page(new AlertPage(page.items().stream().map(AlertView::from).toList(), next), next, uri);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getAlert", summary = "Read one alert", description = "Permission: alerts:read")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "404", description = "No such alert", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks alerts:read", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @Extension(name = ApiPermissions.EXTENSION, value = Permission.ALERTS_READ)
    public AlertView get(@PathParam("id") long id) {
        return AlertView.from(alerts.find(id));
    }
}
