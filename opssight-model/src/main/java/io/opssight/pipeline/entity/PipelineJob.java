package io.opssight.pipeline.entity;

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
 * One job of a pipeline run (a GitHub workflow job, a GitLab build). Natural key: (origin,
 * externalId). A job may arrive before its run: it keeps the run's external id and is attached when
 * the run appears.
 */
@Entity
@Table(name = "pipeline_job")
@NamedQuery(name = PipelineJob.FIND_BY_EXTERNAL_ID,
        query = "select j from PipelineJob j where j.origin = :origin and j.externalId = :externalId")
@NamedQuery(name = PipelineJob.FIND_ORPHANS_OF_RUN,
        query = "select j from PipelineJob j where j.run is null and j.origin = :origin and j.runExternalId = :runExternalId")
public class PipelineJob {

    public static final String FIND_BY_EXTERNAL_ID = "PipelineJob.findByExternalId";
    public static final String FIND_ORPHANS_OF_RUN = "PipelineJob.findOrphansOfRun";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "pipeline_job_seq")
    @SequenceGenerator(name = "pipeline_job_seq", sequenceName = "pipeline_job_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 200)
    private String origin;

    @Column(name = "external_id", nullable = false, length = 200)
    private String externalId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "run_id")
    private PipelineRun run;

    @Column(name = "run_external_id", length = 200)
    private String runExternalId;

    @Column(length = 300)
    private String repository;

    @Column(nullable = false, length = 300)
    private String name;

    @Column(length = 64)
    private String sha;

    @Column(length = 300)
    private String branch;

    @Column(length = 300)
    private String runner;

    @Embedded
    private RunTimes times;

    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected PipelineJob() {
        // for JPA
    }

    public PipelineJob(String origin, String externalId, String name, Instant firstReportAt) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.externalId = Objects.requireNonNull(externalId, "externalId");
        this.name = Objects.requireNonNull(name, "name");
        this.times = new RunTimes(firstReportAt);
    }

    public void describe(String runExternalId, String repository, String sha, String branch, String runner) {
        this.runExternalId = runExternalId != null ? runExternalId : this.runExternalId;
        this.repository = repository != null ? repository : this.repository;
        this.sha = sha != null ? sha : this.sha;
        this.branch = branch != null ? branch : this.branch;
        this.runner = runner != null ? runner : this.runner;
    }

    public void attachTo(PipelineRun owner) {
        this.run = owner;
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

    public PipelineRun getRun() {
        return run;
    }

    public String getRunExternalId() {
        return runExternalId;
    }

    public String getRepository() {
        return repository;
    }

    public String getName() {
        return name;
    }

    public String getSha() {
        return sha;
    }

    public String getBranch() {
        return branch;
    }

    public String getRunner() {
        return runner;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof PipelineJob other && Objects.equals(origin, other.getOrigin())
                && Objects.equals(externalId, other.getExternalId()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, externalId);
    }
}
