package io.opssight.pipeline.boundary;

import io.opssight.access.control.CallerTeams;
import io.opssight.access.entity.Permission;
import io.opssight.dora.entity.Window;
import io.opssight.pipeline.control.PipelineStatsCalculator;
import io.opssight.pipeline.control.PipelineStatsQueries;
import io.opssight.pipeline.control.PipelineStatsQueries.Filters;
import io.opssight.pipeline.entity.PipelineStats;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Pipeline analytics per repository, pipeline and branch over a window: success rate, p50/p95
 * duration and queue time, the most failing and the flaky jobs, the time the default branch was red,
 * and a weekly trend. Computed when asked for from the stored runs and jobs (definitions on
 * pipeline.control.PipelineStatsQueries and RedTimeCalculator). A team-scoped caller
 * ({@link CallerTeams}) gets figures of its teams' services' runs only.
 */
@Stateless
@RolesAllowed(Permission.PIPELINES_READ)
public class PipelineAnalytics {

    /** The branch whose red time is reported when neither branch nor defaultBranch is given. */
    public static final String DEFAULT_BRANCH = "main";

    @Inject
    PipelineStatsQueries queries;

    @Inject
    CallerTeams callerTeams;

    /**
     * Figures for the runs matching the filters (null: any) in [from, to) (defaults: the last 90 days).
     * Red time is that of {@code branch} when given, else of {@code defaultBranch} (default "main").
     */
    public PipelineStats stats(String repository, String pipeline, String branch, String defaultBranch, Instant from, Instant to) {
        Instant now = Instant.now();
        Window window = Window.of(from, to, now);
        Filters filters = new Filters(repository, pipeline, branch,
                callerTeams.restricted() ? callerTeams.restriction() : null);
        String redBranch = branch != null ? branch : defaultBranch != null ? defaultBranch : DEFAULT_BRANCH;
        return PipelineStatsCalculator.stats(filters, window, now, queries.runs(filters, window),
                queries.failingJobs(filters, window), queries.flakyJobs(filters, window), redBranch,
                queries.repositoriesOn(filters, redBranch, window), queries.redSegments(filters, redBranch, window));
    }
}
