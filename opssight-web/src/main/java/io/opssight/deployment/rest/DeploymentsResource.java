package io.opssight.deployment.rest;

import io.opssight.access.entity.Permission;
import io.opssight.change.boundary.Changes;
import io.opssight.deployment.boundary.DeploymentQuery;
import io.opssight.deployment.boundary.Deployments;
import io.opssight.deployment.entity.Deployment;
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
import java.util.List;
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
 * Deployments: list (filtered, newest first, cursor-paged), read one and what it shipped, and the
 * push API's POST for tools without webhooks.
 */
@Path("deployments")
@Tag(name = "deployments", description = "Deployments of services to environments")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentsResource {

    @EJB
    Deployments deployments;

    @EJB
    Changes changes;

    @EJB
    Pushes pushes;

    @GET
    @Operation(operationId = "listDeployments", summary = "List deployments", description = "Newest first by creation time.")
    @APIResponse(responseCode = "200", description = "A page; follow nextCursor (or the Link rel=next header) for more",
            content = @Content(schema = @Schema(ref = "DeploymentPage")))
    @APIResponse(responseCode = "400", description = "Bad filter or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.DEPLOYMENTS_READ)
    public Response list(
            @Parameter(description = "service name") @QueryParam("service") String service,
            @Parameter(description = "environment name") @QueryParam("environment") String environment,
            @Parameter(description = "queued, pending, in_progress, success, failure, error, inactive") @QueryParam("status") String status,
            @Parameter(description = "created at or after (ISO-8601 instant or date)") @QueryParam("from") String from,
            @Parameter(description = "created before (ISO-8601 instant or date)") @QueryParam("to") String to,
            @Parameter(description = "page size, 1 to 500") @QueryParam("limit") @DefaultValue("50") int limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        DeploymentQuery query = new DeploymentQuery(QueryParams.text(service), QueryParams.text(environment), QueryParams.text(status),
                QueryParams.instant("from", from), QueryParams.instant("to", to), PageCursor.decode(cursor),
                QueryParams.limit(limit, Deployments.MAX_PAGE));
        KeysetPage<Deployment> page = deployments.list(query);
        List<DeploymentView> items = page.items().stream().map(DeploymentView::from).toList();
        String next = PageCursor.next(page, Deployment::getCreatedAt, Deployment::getId);
        Response.ResponseBuilder response = Response.ok(new DeploymentPage(items, next));
        if (next != null) {
            response.link(uri.getRequestUriBuilder().replaceQueryParam("cursor", next).build(), "next");
        }
        return response.build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getDeployment", summary = "Read one deployment")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(responseCode = "404", description = "No such deployment", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.DEPLOYMENTS_READ)
    public DeploymentView get(@PathParam("id") long id) {
        return DeploymentView.from(deployments.find(id));
    }

    @GET
    @Path("{id}/changes")
    @Operation(operationId = "getDeploymentChanges", summary = "What a deployment shipped",
            description = "The commits between the previous successful deployment of the same service and environment and "
                    + "this one, oldest first, each with its lead time (deployment finish - commit time), and their median. "
                    + "Empty until the deployment succeeded, or when no push of its commits was received.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ShippedChangesView.class)))
    @APIResponse(responseCode = "404", description = "No such deployment", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.DEPLOYMENTS_READ)
    public ShippedChangesView changes(@PathParam("id") long id) {
        return ShippedChangesView.from(changes.shippedBy(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "pushDeployment", summary = "Push a deployment",
            description = "For tools without webhooks. Recorded exactly like a webhook deployment (stored first as a "
                    + "delivery, then mapped), so it counts for DORA, links incidents and, with commits, has lead times. "
                    + "A push naming an existing origin and externalId updates that deployment (e.g. in_progress, then "
                    + "success). Origin is \"push:<token name>\" unless given.")
    @APIResponse(responseCode = "201", description = "Created; Location names the deployment",
            content = @Content(schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(responseCode = "200", description = "Updated an existing deployment, or a repeat of an earlier push "
            + "(same Idempotency-Key or same body; then Idempotent-Replayed: true)",
            headers = @Header(name = PushAnswers.REPLAYED, description = "true on a repeat"),
            content = @Content(schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(responseCode = "202", description = "Stored, but not modelled: kept as a dead letter for replay",
            content = @Content(schema = @Schema(ref = "ReceiptView")))
    @APIResponse(responseCode = "400", description = "Invalid body (violations list the fields)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.DEPLOYMENTS_WRITE)
    public Response push(@Valid NewDeployment in,
            @Parameter(in = ParameterIn.HEADER, description = "Makes a retry safe: a push with a key already used answers "
                    + "with the first push's result (up to 255 characters; without it, an identical body is a repeat)")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context UriInfo uri) {
        RequestBodies.require(in);
        return PushAnswers.answer(pushes.deployment(in.push(), idempotencyKey), DeploymentView::from,
                Deployment::getId, "deployments", uri);
    }
}
