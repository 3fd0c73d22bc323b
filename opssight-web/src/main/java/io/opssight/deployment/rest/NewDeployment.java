package io.opssight.deployment.rest;

import io.opssight.ingestion.entity.DeploymentPush;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A deployment pushed by a tool without webhooks. Only service and environment are required; a
 * missing status means success (a tool usually reports a deployment once it is done), missing
 * times are the time of the push. With {@code commits} (and {@code repository}) the commits are
 * recorded as a push, so the deployment's lead time is known. A class rather than a record: Payara's
 * OpenAPI scanner fails on Bean Validation annotations on record components (see NewSource).
 */
public class NewDeployment {

    @NotBlank(message = "service is required")
    @Size(max = 200, message = "service is at most 200 characters")
    private String service;

    @NotBlank(message = "environment is required")
    @Size(max = 200, message = "environment is at most 200 characters")
    private String environment;

    @Size(max = 200, message = "version is at most 200 characters")
    private String version;

    @Pattern(regexp = "[0-9a-fA-F]{7,64}", message = "sha must be 7 to 64 hexadecimal characters")
    private String sha;

    @Size(max = 300, message = "ref is at most 300 characters")
    private String ref;

    @Pattern(regexp = "success|failure|error|in_progress|queued|pending",
            message = "status must be one of success, failure, error, in_progress, queued, pending")
    private String status;

    private Instant createdAt;

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

    @Size(max = 200, message = "creator is at most 200 characters")
    private String creator;

    private Boolean production;

    @Size(max = 300, message = "repository is at most 300 characters")
    @Pattern(regexp = "[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+", message = "repository must be owner/name")
    private String repository;

    @Valid
    @Size(max = 1000, message = "at most 1000 commits per deployment")
    private List<NewCommit> commits;

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getSha() {
        return sha;
    }

    public void setSha(String sha) {
        this.sha = sha;
    }

    public String getRef() {
        return ref;
    }

    public void setRef(String ref) {
        this.ref = ref;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
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

    public String getCreator() {
        return creator;
    }

    public void setCreator(String creator) {
        this.creator = creator;
    }

    public Boolean getProduction() {
        return production;
    }

    public void setProduction(Boolean production) {
        this.production = production;
    }

    public String getRepository() {
        return repository;
    }

    public void setRepository(String repository) {
        this.repository = repository;
    }

    public List<NewCommit> getCommits() {
        return commits;
    }

    public void setCommits(List<NewCommit> commits) {
        this.commits = commits;
    }

    /** The push command this body stands for (its commits in order; a null commit stays a null). */
    public DeploymentPush push() {
        return new DeploymentPush(service, environment, version, sha, ref, status, createdAt, startedAt, finishedAt, externalId,
                origin, url, creator, production, repository,
                commits == null ? null : commits.stream().map(c -> c == null ? null : c.push()).toList());
    }
}
