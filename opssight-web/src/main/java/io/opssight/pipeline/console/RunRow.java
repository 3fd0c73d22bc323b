package io.opssight.pipeline.console;

import io.opssight.pipeline.entity.PipelineRun;
import io.opssight.pipeline.entity.RunTimes;
import io.opssight.platform.console.Format;
import java.io.Serializable;
import java.util.Locale;

/** A pipeline run (or, with the same columns, one of its jobs) as the page lists it. */
public class RunRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long id;
    private final String repository;
    private final String name;
    private final String branch;
    private final String sha;
    private final String actor;
    private final String status;
    private final String result;
    private final String queuedAt;
    private final String duration;
    private final String queueTime;
    private final String url;
    private final int attempt;

    RunRow(PipelineRun r) {
        this(r.getId(), r.getRepository(), r.getPipeline(), r.getBranch(), r.getSha(), r.getActor(), r.times(), r.getUrl(),
                r.getAttempt());
    }

    RunRow(long id, String repository, String name, String branch, String sha, String actor, RunTimes t, String url,
            int attempt) {
        this.id = id;
        this.repository = repository;
        this.name = name;
        this.branch = branch;
        this.sha = Format.shortSha(sha);
        this.actor = actor;
        this.status = t.getStatus() == null ? "" : t.getStatus().name().toLowerCase(Locale.ROOT);
        this.result = t.getConclusion() == null ? status : t.getConclusion().wireName();
        this.queuedAt = Format.time(t.getQueuedAt() != null ? t.getQueuedAt() : t.getStartedAt() != null ? t.getStartedAt()
                : t.getStatusAt());
        this.duration = Format.duration(t.runTime());
        this.queueTime = Format.duration(t.queueTime());
        this.url = Format.safeUrl(url);
        this.attempt = attempt;
    }

    public long getId() {
        return id;
    }

    public String getRepository() {
        return repository;
    }

    public String getName() {
        return name;
    }

    public String getBranch() {
        return branch;
    }

    public String getSha() {
        return sha;
    }

    public String getActor() {
        return actor;
    }

    public String getStatus() {
        return status;
    }

    public String getResult() {
        return result;
    }

    public String getQueuedAt() {
        return queuedAt;
    }

    public String getDuration() {
        return duration;
    }

    public String getQueueTime() {
        return queueTime;
    }

    public String getUrl() {
        return url;
    }

    public int getAttempt() {
        return attempt;
    }
}
