package io.opssight.pipeline.rest;

import io.opssight.pipeline.entity.PipelineStats;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Pipeline analytics on the wire: the filters and window, run figures (success rate =
 * succeeded ÷ (succeeded + failed); durations and queue times in seconds, p50/p95), the most failing
 * jobs, flaky jobs (failed then passed on the same sha), how long the branch was red, and the same
 * per ISO week. Null means "no data" (e.g. no run with known times), never zero.
 */
@JsonbNillable
public record PipelineStatsView(String repository, String pipeline, String branch, Instant from, Instant to, Runs runs,
        List<FailingJob> failingJobs, List<FlakyJob> flakyJobs, Red red, List<Week> weeks) {

    @JsonbNillable
    public record Runs(long completed, long succeeded, long failed, long other, Double successRate, Double p50DurationSeconds,
            Double p95DurationSeconds, Double p50QueueSeconds, Double p95QueueSeconds) {
    }

    @JsonbNillable
    public record FailingJob(String repository, String name, long executions, long failures, double failureRate,
            Instant lastFailedAt) {
    }

    @JsonbNillable
    public record FlakyJob(String repository, String name, long flakes, Instant lastPassedAt, List<String> shas) {
    }

    /** {@code redRatio} = red seconds ÷ (window seconds up to now × repositories); null without repositories. */
    @JsonbNillable
    public record Red(String branch, long repositories, long redSeconds, Double redRatio, List<String> redAtEnd,
            List<Interval> intervals) {
    }

    public record Interval(String repository, Instant from, Instant to) {
    }

    @JsonbNillable
    @Schema(name = "PipelineWeek")
    public record Week(String week, Instant from, Instant to, boolean partial, long completed, long succeeded, long failed,
            Double successRate, Double p50DurationSeconds, Double p95DurationSeconds, Double p50QueueSeconds, long redSeconds) {
    }

    public static PipelineStatsView from(PipelineStats s) {
        PipelineStats.Runs r = s.runs();
        PipelineStats.RedTime red = s.red();
        return new PipelineStatsView(s.repository(), s.pipeline(), s.branch(), s.window().from(), s.window().to(),
                new Runs(r.completed(), r.succeeded(), r.failed(), r.other(), r.successRate(), r.p50DurationSeconds(),
                        r.p95DurationSeconds(), r.p50QueueSeconds(), r.p95QueueSeconds()),
                s.failingJobs().stream().map(j -> new FailingJob(j.repository(), j.name(), j.executions(), j.failures(),
                        j.failureRate(), j.lastFailedAt())).toList(),
                s.flakyJobs().stream().map(j -> new FlakyJob(j.repository(), j.name(), j.flakes(), j.lastPassedAt(), j.shas())).toList(),
                new Red(red.branch(), red.repositories(), red.redSeconds(), red.ratio(), red.redAtEnd(),
                        red.intervals().stream().map(i -> new Interval(i.repository(), i.from(), i.to())).toList()),
                s.weeks().stream().map(w -> new Week(w.week().label(), w.week().from(), w.week().to(), !w.week().complete(),
                        w.completed(), w.succeeded(), w.failed(), w.successRate(), w.p50DurationSeconds(), w.p95DurationSeconds(),
                        w.p50QueueSeconds(), w.redSeconds())).toList());
    }
}
