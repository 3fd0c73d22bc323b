package io.opssight.pipeline.rest;

import io.opssight.pipeline.boundary.RunWithJobs;
import io.opssight.pipeline.entity.PipelineRun;
import io.opssight.pipeline.entity.RunTimes;
import java.time.Instant;
import java.util.List;

/** A pipeline run on the wire; {@code jobs} only when one run is read (absent in lists). */
public record PipelineRunView(long id, String pipeline, String repository, String service, String branch, String sha,
        String status, String conclusion, Instant queuedAt, Instant startedAt, Instant finishedAt, Long queueSeconds,
        Long durationSeconds, Long runNumber, int attempt, String url, String origin, String externalId,
        List<PipelineJobView> jobs) {

    public static PipelineRunView from(PipelineRun r) {
        return from(r, null);
    }

    public static PipelineRunView from(RunWithJobs r) {
        return from(r.run(), r.jobs().stream().map(PipelineJobView::from).toList());
    }

    private static PipelineRunView from(PipelineRun r, List<PipelineJobView> jobs) {
        RunTimes t = r.times();
        return new PipelineRunView(r.getId(), r.getPipeline(), r.getRepository(),
                r.getService() == null ? null : r.getService().getName(), r.getBranch(), r.getSha(), t.getStatus().wireName(),
                t.getConclusion() == null ? null : t.getConclusion().wireName(), t.getQueuedAt(), t.getStartedAt(),
                t.getFinishedAt(), PipelineJobView.seconds(t.queueTime()), PipelineJobView.seconds(t.runTime()),
                r.getRunNumber(), r.getAttempt(), r.getUrl(), r.getOrigin(), r.getExternalId(), jobs);
    }
}
