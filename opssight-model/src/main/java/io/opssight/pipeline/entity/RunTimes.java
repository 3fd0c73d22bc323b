package io.opssight.pipeline.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Duration;
import java.time.Instant;

/**
 * The progress of a run or a job: status, conclusion and the times of each step. Reports arrive in
 * any order and more than once; {@link #apply} keeps the furthest progress and the earliest
 * known queue/start times, so any arrival order ends in the same state.
 */
@Embeddable
public class RunTimes {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RunStatus status = RunStatus.QUEUED;

    @Enumerated(EnumType.STRING)
    @Column(length = 32)
    private Conclusion conclusion;

    @Column(name = "queued_at")
    private Instant queuedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "status_at", nullable = false)
    private Instant statusAt;

    protected RunTimes() {
        // for JPA
    }

    public RunTimes(Instant reportedAt) {
        this.statusAt = reportedAt;
    }

    /** Applies one report. Null arguments mean "not said". */
    public void apply(RunStatus reported, Conclusion reportedConclusion, Instant queued, Instant started, Instant finished,
            Instant reportedAt) {
        queuedAt = earliest(queuedAt, queued);
        startedAt = earliest(startedAt, started);
        if (finished != null && (reported == RunStatus.COMPLETED || reportedConclusion != null)) {
            finishedAt = finished;
        }
        if (reported != null && (reported.isAfter(status) || (reported == status && !reportedAt.isBefore(statusAt)))) {
            status = reported;
            statusAt = reportedAt;
            if (reported == RunStatus.COMPLETED && reportedConclusion != null) {
                conclusion = reportedConclusion;
            }
        }
        if (queuedAt != null && startedAt != null && startedAt.isBefore(queuedAt)) {
            queuedAt = startedAt;
        }
    }

    private static Instant earliest(Instant current, Instant candidate) {
        return candidate == null ? current : current == null || candidate.isBefore(current) ? candidate : current;
    }

    /** Time spent waiting for a runner; null when unknown. */
    public Duration queueTime() {
        return queuedAt == null || startedAt == null ? null : Duration.between(queuedAt, startedAt);
    }

    /** Time from start to finish; null while running. */
    public Duration runTime() {
        return startedAt == null || finishedAt == null || finishedAt.isBefore(startedAt) ? null
                : Duration.between(startedAt, finishedAt);
    }

    public RunStatus getStatus() {
        return status;
    }

    public Conclusion getConclusion() {
        return conclusion;
    }

    public Instant getQueuedAt() {
        return queuedAt;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Instant getStatusAt() {
        return statusAt;
    }
}
