package io.opssight.pipeline.rest;

import io.opssight.pipeline.entity.PipelineJob;
import io.opssight.pipeline.entity.RunTimes;
import java.time.Duration;
import java.time.Instant;

/** One job of a run on the wire: progress, outcome and how long it waited and ran. */
public record PipelineJobView(long id, String name, String status, String conclusion, Instant queuedAt, Instant startedAt,
        Instant finishedAt, Long queueSeconds, Long durationSeconds, String runner) {

    public static PipelineJobView from(PipelineJob j) {
        RunTimes t = j.times();
        return new PipelineJobView(j.getId(), j.getName(), t.getStatus().wireName(),
                t.getConclusion() == null ? null : t.getConclusion().wireName(), t.getQueuedAt(), t.getStartedAt(),
                t.getFinishedAt(), seconds(t.queueTime()), seconds(t.runTime()), j.getRunner());
    }

    static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }
}
