package io.opssight.deployment.rest;

import io.opssight.deployment.boundary.DeploymentQuery;
import io.opssight.deployment.boundary.Deployments;
import io.opssight.deployment.entity.Deployment;
import io.opssight.platform.entity.ValidationProblem;
import io.opssight.platform.rest.OpsSightApplication;
import io.opssight.platform.rest.Problem;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Deployments: list (filtered, newest first, cursor-paged) and read one. */
@Path("deployments")
@Tag(name = "deployments", description = "Deployments of services to environments")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentsResource {

    @EJB
    Deployments deployments;

    @GET
    @Operation(summary = "List deployments", description = "Newest first by creation time. Permission: deployments:read")
    @APIResponse(responseCode = "200", description = "A page; follow nextCursor (or the Link rel=next header) for more",
            content = @Content(schema = @Schema(implementation = DeploymentPage.class)))
    @APIResponse(responseCode = "400", description = "Bad filter or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response list(
            @Parameter(description = "service name") @QueryParam("service") String service,
            @Parameter(description = "environment name") @QueryParam("environment") String environment,
            @Parameter(description = "queued, pending, in_progress, success, failure, error, inactive") @QueryParam("status") String status,
            @Parameter(description = "created at or after (ISO-8601 instant or date)") @QueryParam("from") String from,
            @Parameter(description = "created before (ISO-8601 instant or date)") @QueryParam("to") String to,
            @Parameter(description = "page size, 1 to 500") @QueryParam("limit") @DefaultValue("50") int limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        if (limit < 1 || limit > Deployments.MAX_PAGE) {
            throw new ValidationProblem("limit must be between 1 and " + Deployments.MAX_PAGE);
        }
        DeploymentQuery query = new DeploymentQuery(blankToNull(service), blankToNull(environment), blankToNull(status),
                instant("from", from), instant("to", to), Cursors.decode(cursor), limit);
        Deployments.Page page = deployments.list(query);
        List<DeploymentView> items = page.items().stream().map(DeploymentView::from).toList();
        String next = null;
        if (page.more()) {
            Deployment last = page.items().get(page.items().size() - 1);
            next = Cursors.encode(last.getCreatedAt(), last.getId());
        }
        Response.ResponseBuilder response = Response.ok(new DeploymentPage(items, next));
        if (next != null) {
            response.link(uri.getRequestUriBuilder().replaceQueryParam("cursor", next).build(), "next");
        }
        return response.build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one deployment", description = "Permission: deployments:read")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(responseCode = "404", description = "No such deployment", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public DeploymentView get(@PathParam("id") long id) {
        return DeploymentView.from(deployments.find(id));
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new ValidationProblem("'" + name + "' must be an ISO-8601 instant (2026-01-31T12:00:00Z) or date (2026-01-31)");
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
