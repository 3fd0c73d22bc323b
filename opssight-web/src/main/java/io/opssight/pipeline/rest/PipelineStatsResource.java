package io.opssight.pipeline.rest;

import io.opssight.access.entity.Permission;
import io.opssight.pipeline.boundary.PipelineAnalytics;
import io.opssight.platform.rest.OpsSightApplication;
import io.opssight.platform.rest.Problem;
import io.opssight.platform.rest.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pipeline analytics: how CI is doing per repository, pipeline and branch. */
@Path("pipelines")
@Tag(name = "pipelines", description = "Pipeline analytics: success rate, durations, queue time, failing and flaky jobs, red time")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
public class PipelineStatsResource {

    @EJB
    PipelineAnalytics analytics;

    @GET
    @Path("stats")
    @Operation(operationId = "getPipelineStats", summary = "Pipeline analytics",
            description = "For runs completed in [from, to) (default: the last 90 days) matching repository (owner/name), "
                    + "pipeline (workflow name) and branch: success rate = succeeded / (succeeded + failed; failed includes "
                    + "timed out; cancelled and skipped are 'other'), p50/p95 duration (start to finish) and queue time "
                    + "(queued to start) of succeeded and failed runs, the 10 most failing jobs, flaky jobs (a job that failed "
                    + "and later passed on the same sha, once per sha), and how long the branch was red: per pipeline from a "
                    + "failed run's finish to the next successful run's finish, united over the repository's pipelines. Red "
                    + "time is for 'branch' when given, else 'defaultBranch' (default main). Everything again per ISO week.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PipelineStatsView.class)))
    @APIResponse(responseCode = "400", description = "Bad window", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.PIPELINES_READ)
    public PipelineStatsView stats(
            @Parameter(description = "repository, owner/name") @QueryParam("repository") String repository,
            @Parameter(description = "pipeline (workflow) name") @QueryParam("pipeline") String pipeline,
            @Parameter(description = "branch") @QueryParam("branch") String branch,
            @Parameter(description = "the branch whose red time is reported when 'branch' is not given; default main")
            @QueryParam("defaultBranch") String defaultBranch,
            @Parameter(description = "window start, inclusive (ISO-8601 instant or date)") @QueryParam("from") String from,
            @Parameter(description = "window end, exclusive (ISO-8601 instant or date); default now") @QueryParam("to") String to) {
        return PipelineStatsView.from(analytics.stats(QueryParams.text(repository), QueryParams.text(pipeline),
                QueryParams.text(branch), QueryParams.text(defaultBranch), QueryParams.instant("from", from),
                QueryParams.instant("to", to)));
    }
}
