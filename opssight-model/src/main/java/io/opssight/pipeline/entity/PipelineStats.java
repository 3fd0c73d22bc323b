package io.opssight.pipeline.entity;

import io.opssight.dora.entity.Period;
import io.opssight.dora.entity.Window;
import java.time.Instant;
import java.util.List;

/**
 * Pipeline analytics for runs matching (repository, pipeline, branch; null: any) over a window. A
 * value, computed when asked for from the stored runs and jobs (pipeline.control.PipelineStatsQueries
 * has the definitions). Not persisted.
 */
public record PipelineStats(String repository, String pipeline, String branch, Window window, Runs runs,
        List<FailingJob> failingJobs, List<FlakyJob> flakyJobs, RedTime red, List<Week> weeks) {

    /**
     * Runs completed in the window: {@code succeeded}, {@code failed} (failure, timed out) and
     * {@code other} (cancelled, skipped, neutral...); success rate = succeeded ÷ (succeeded + failed).
     * Durations (start to finish) and queue times (queued to start) are over succeeded and failed runs.
     */
    public record Runs(long completed, long succeeded, long failed, long other, Double successRate, Double p50DurationSeconds,
            Double p95DurationSeconds, Double p50QueueSeconds, Double p95QueueSeconds) {
    }

    /** A job (by repository and name) with its completed executions in the window and how many failed. */
    public record FailingJob(String repository, String name, long executions, long failures, double failureRate,
            Instant lastFailedAt) {
    }

    /** A job that failed and then passed on the same sha; {@code shas} (at most 20) are the commits where it did. */
    public record FlakyJob(String repository, String name, long flakes, Instant lastPassedAt, List<String> shas) {
    }

    /** A span of time a branch was red, from a failed run's finish to the next successful run's finish. */
    public record Interval(String repository, Instant from, Instant to) {
    }

    /**
     * How long {@code branch} was red in the window, summed over {@code repositories}; {@code redNow}
     * lists the repositories still red at the window's end; {@code intervals} the first 100 spans;
     * {@code ratio} = red seconds ÷ (window seconds up to now × repositories), null without repositories.
     */
    public record RedTime(String branch, long repositories, long redSeconds, List<String> redAtEnd, List<Interval> intervals,
            Double ratio) {
    }

    /** One ISO week of the trend. */
    public record Week(Period week, long completed, long succeeded, long failed, Double successRate, Double p50DurationSeconds,
            Double p95DurationSeconds, Double p50QueueSeconds, long redSeconds) {
    }
}
