package io.opssight.pipeline.rest;

import io.opssight.ingestion.entity.PipelineRunPush;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A pipeline run pushed by a CI system without webhooks. Only the pipeline is required. A missing
 * status follows from what is given (a conclusion or finish time: completed; a start: in_progress;
 * else queued). A push naming an existing origin and externalId updates that run, so a run can be
 * pushed when it starts and again when it ends. A class rather than a record (see NewSource).
 */
public class NewPipelineRun {

    @NotBlank(message = "pipeline is required")
    @Size(max = 300, message = "pipeline is at most 300 characters")
    private String pipeline;

    @Size(max = 300, message = "repository is at most 300 characters")
    @Pattern(regexp = "[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+", message = "repository must be owner/name")
    private String repository;

    @Size(max = 300, message = "branch is at most 300 characters")
    private String branch;

    @Pattern(regexp = "[0-9a-fA-F]{7,64}", message = "sha must be 7 to 64 hexadecimal characters")
    private String sha;

    @Pattern(regexp = "queued|in_progress|completed", message = "status must be one of queued, in_progress, completed")
    private String status;

    @Pattern(regexp = "success|failure|cancelled|skipped|timed_out|neutral|action_required|stale",
            message = "conclusion must be one of success, failure, cancelled, skipped, timed_out, neutral, action_required, stale")
    private String conclusion;

    private Instant queuedAt;

    private Instant startedAt;

    private Instant finishedAt;

    @Size(max = 100, message = "externalId is at most 100 characters")
    @Pattern(regexp = "\\S+", message = "externalId must not contain blanks")
    private String externalId;

    @Size(max = 200, message = "origin is at most 200 characters")
    @Pattern(regexp = "\\S+", message = "origin must not contain blanks")
    private String origin;

    @Size(max = 2000, message = "url is at most 2000 characters")
    private String url;

    @Valid
    @Size(max = 500, message = "at most 500 jobs per run")
    private List<NewPipelineJob> jobs;

    public String getPipeline() {
        return pipeline;
    }

    public void setPipeline(String pipeline) {
        this.pipeline = pipeline;
    }

    public String getRepository() {
        return repository;
    }

    public void setRepository(String repository) {
        this.repository = repository;
    }

    public String getBranch() {
        return branch;
    }

    public void setBranch(String branch) {
        this.branch = branch;
    }

    public String getSha() {
        return sha;
    }

    public void setSha(String sha) {
        this.sha = sha;
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

    public Instant getQueuedAt() {
        return queuedAt;
    }

    public void setQueuedAt(Instant queuedAt) {
        this.queuedAt = queuedAt;
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

    public String getExternalId() {
        return externalId;
    }

    public void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    public String getOrigin() {
        return origin;
    }

    public void setOrigin(String origin) {
        this.origin = origin;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public List<NewPipelineJob> getJobs() {
        return jobs;
    }

    public void setJobs(List<NewPipelineJob> jobs) {
        this.jobs = jobs;
    }

    /** The push command this body stands for (its jobs in order; a null job stays a null). */
    public PipelineRunPush push() {
        return new PipelineRunPush(pipeline, repository, branch, sha, status, conclusion, queuedAt, startedAt, finishedAt,
                externalId, origin, url, jobs == null ? null : jobs.stream().map(j -> j == null ? null : j.push()).toList());
    }
}
