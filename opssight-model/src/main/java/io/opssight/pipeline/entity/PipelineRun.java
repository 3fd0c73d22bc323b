package io.opssight.pipeline.entity;

import io.opssight.catalog.entity.Service;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * One run (one attempt) of a CI pipeline: a GitHub Actions workflow run attempt, a GitLab pipeline,
 * a Jenkins build. Natural key: (origin, externalId); a re-run attempt is a run of its own
 * ({@code <id>:<attempt>}), so flaky re-runs stay visible.
 */
@Entity
@Table(name = "pipeline_run")
@NamedQuery(name = PipelineRun.FIND_BY_EXTERNAL_ID,
        query = "select r from PipelineRun r where r.origin = :origin and r.externalId = :externalId")
public class PipelineRun {

    public static final String FIND_BY_EXTERNAL_ID = "PipelineRun.findByExternalId";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "pipeline_run_seq")
    @SequenceGenerator(name = "pipeline_run_seq", sequenceName = "pipeline_run_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 200)
    private String origin;

    @Column(name = "external_id", nullable = false, length = 200)
    private String externalId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "service_id")
    private Service service;

    @Column(length = 300)
    private String repository;

    @Column(nullable = false, length = 300)
    private String pipeline;

    @Column(name = "run_number")
    private Long runNumber;

    @Column(nullable = false)
    private int attempt = 1;

    @Column(length = 300)
    private String branch;

    @Column(length = 64)
    private String sha;

    @Column(name = "trigger_event", length = 100)
    private String triggerEvent;

    @Column(length = 200)
    private String actor;

    @Column(length = 2000)
    private String url;

    @Embedded
    private RunTimes times;

    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected PipelineRun() {
        // for JPA
    }

    public PipelineRun(String origin, String externalId, String pipeline, Instant firstReportAt) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.externalId = Objects.requireNonNull(externalId, "externalId");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.times = new RunTimes(firstReportAt);
    }

    /** What the run is about; null arguments keep what is known. */
    public void describe(Service service, String repository, Long runNumber, Integer attempt, String branch, String sha,
            String triggerEvent, String actor, String url) {
        this.service = service != null ? service : this.service;
        this.repository = repository != null ? repository : this.repository;
        this.runNumber = runNumber != null ? runNumber : this.runNumber;
        this.attempt = attempt != null ? attempt : this.attempt;
        this.branch = branch != null ? branch : this.branch;
        this.sha = sha != null ? sha : this.sha;
        this.triggerEvent = triggerEvent != null ? triggerEvent : this.triggerEvent;
        this.actor = actor != null ? actor : this.actor;
        this.url = url != null ? url : this.url;
    }

    public RunTimes times() {
        return times;
    }

    public Long getId() {
        return id;
    }

    public String getOrigin() {
        return origin;
    }

    public String getExternalId() {
        return externalId;
    }

    public Service getService() {
        return service;
    }

    public String getRepository() {
        return repository;
    }

    public String getPipeline() {
        return pipeline;
    }

    public Long getRunNumber() {
        return runNumber;
    }

    public int getAttempt() {
        return attempt;
    }

    public String getBranch() {
        return branch;
    }

    public String getSha() {
        return sha;
    }

    public String getTriggerEvent() {
        return triggerEvent;
    }

    public String getActor() {
        return actor;
    }

    public String getUrl() {
        return url;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof PipelineRun other && Objects.equals(origin, other.getOrigin())
                && Objects.equals(externalId, other.getExternalId()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, externalId);
    }
}
