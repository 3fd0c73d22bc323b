package io.opssight.pipeline.rest;

import io.opssight.ingestion.entity.PipelineRunPush;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** One job of a pushed run; its name is unique within the run and identifies it on later pushes. */
public class NewPipelineJob {

    @NotBlank(message = "job name is required")
    @Size(max = 100, message = "job name is at most 100 characters")
    private String name;

    @Pattern(regexp = "queued|in_progress|completed", message = "job status must be one of queued, in_progress, completed")
    private String status;

    @Pattern(regexp = "success|failure|cancelled|skipped|timed_out|neutral|action_required|stale",
            message = "job conclusion must be one of success, failure, cancelled, skipped, timed_out, neutral, action_required, stale")
    private String conclusion;

    private Instant startedAt;

    private Instant finishedAt;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getConclusion() {
        return conclusion;
    }

    public void setConclusion(String conclusion) {
        this.conclusion = conclusion;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(Instant startedAt) {
        this.startedAt = startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(Instant finishedAt) {
        this.finishedAt = finishedAt;
    }

    PipelineRunPush.Job push() {
        return new PipelineRunPush.Job(name, status, conclusion, startedAt, finishedAt);
    }
}
