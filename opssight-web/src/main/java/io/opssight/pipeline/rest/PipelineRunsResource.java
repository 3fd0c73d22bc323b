package io.opssight.pipeline.rest;

import io.opssight.access.entity.Permission;
import io.opssight.ingestion.boundary.Pushes;
import io.opssight.ingestion.rest.PushAnswers;
import io.opssight.pipeline.boundary.PipelineRunQuery;
import io.opssight.pipeline.boundary.PipelineRuns;
import io.opssight.pipeline.boundary.RunWithJobs;
import io.opssight.pipeline.entity.PipelineRun;
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

/** Pipeline runs: list, read one with its jobs, push one. */
@Path("pipeline-runs")
@Tag(name = "pipeline-runs", description = "CI pipeline runs and their jobs")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
public class PipelineRunsResource {

    @EJB
    PipelineRuns runs;

    @EJB
    Pushes pushes;

    @GET
    @Operation(operationId = "listPipelineRuns", summary = "List pipeline runs",
            description = "Newest first by queue time (else start, else last report).")
    @APIResponse(responseCode = "200", description = "A page; follow nextCursor (or the Link rel=next header) for more",
            content = @Content(schema = @Schema(ref = "PipelineRunPage")))
    @APIResponse(responseCode = "400", description = "Bad filter or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.PIPELINES_READ)
    public Response list(
            @Parameter(description = "repository, owner/name") @QueryParam("repository") String repository,
            @Parameter(description = "branch") @QueryParam("branch") String branch,
            @Parameter(description = "queued, in_progress or completed") @QueryParam("status") String status,
            @Parameter(description = "success, failure, cancelled, skipped, timed_out, neutral, action_required, stale")
            @QueryParam("conclusion") String conclusion,
            @Parameter(description = "at or after (ISO-8601 instant or date)") @QueryParam("from") String from,
            @Parameter(description = "before (ISO-8601 instant or date)") @QueryParam("to") String to,
            @Parameter(description = "page size, 1 to 500") @QueryParam("limit") @DefaultValue("50") int limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        KeysetPage.Position after = PageCursor.decode(cursor);
        PipelineRunQuery query = new PipelineRunQuery(QueryParams.text(repository), QueryParams.text(branch),
                QueryParams.text(status), QueryParams.text(conclusion), QueryParams.instant("from", from),
                QueryParams.instant("to", to), after,
                QueryParams.limit(limit, PipelineRuns.MAX_PAGE));
        KeysetPage<PipelineRun> page = runs.list(query);
        String next = PageCursor.next(page, run -> PipelineRunQuery.positionOf(run).at(), PipelineRun::getId);
        return QueryParams.page(new PipelineRunPage(page.items().stream().map(PipelineRunView::from).toList(), next), next,
                uri);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getPipelineRun", summary = "Read one pipeline run",
            description = "With its jobs, in the order they started.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PipelineRunView.class)))
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.PIPELINES_READ)
    public PipelineRunView get(@PathParam("id") long id) {
        return PipelineRunView.from(runs.find(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "pushPipelineRun", summary = "Push a pipeline run",
            description = "For CI systems without webhooks. Stored as a delivery, then recorded like a GitHub Actions run, "
                    + "with its jobs. A push naming an existing origin and externalId updates that run. Origin is "
                    + "\"push:<token name>\" unless given.")
    @APIResponse(responseCode = "201", description = "Created; Location names the run",
            content = @Content(schema = @Schema(implementation = PipelineRunView.class)))
    @APIResponse(responseCode = "200", description = "Updated an existing run, or a repeat of an earlier push "
            + "(then Idempotent-Replayed: true)", headers = @Header(name = PushAnswers.REPLAYED, description = "true on a repeat"),
            content = @Content(schema = @Schema(implementation = PipelineRunView.class)))
    @APIResponse(responseCode = "202", description = "Stored, but not modelled: kept as a dead letter for replay",
            content = @Content(schema = @Schema(ref = "ReceiptView")))
    @APIResponse(responseCode = "400", description = "Invalid body (violations list the fields)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.PIPELINES_WRITE)
    public Response push(@Valid NewPipelineRun in,
            @Parameter(in = ParameterIn.HEADER, description = "Makes a retry safe (up to 255 characters)")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context UriInfo uri) {
        RequestBodies.require(in);
        return PushAnswers.answer(pushes.pipelineRun(in.push(), idempotencyKey), PipelineRunView::from,
                (RunWithJobs r) -> r.run().getId(), "pipeline-runs", uri);
    }
}
