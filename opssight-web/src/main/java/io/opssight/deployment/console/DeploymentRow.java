package io.opssight.deployment.console;

import io.opssight.deployment.entity.Deployment;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/** One row of the deployments table, with getters because Jakarta EL 5 does not read record components. */
public class DeploymentRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long id;
    private final String service;
    private final String environment;
    private final boolean production;
    private final String version;
    private final String sha;
    private final String status;
    private final String creator;
    private final Instant createdAt;
    private final Instant finishedAt;
    private final Long durationSeconds;

    DeploymentRow(Deployment d) {
        Duration duration = d.duration();
        this.id = d.getId();
        this.service = d.getService().getName();
        this.environment = d.getEnvironment().getName();
        this.production = d.getEnvironment().isProduction();
        this.version = d.getVersion();
        this.sha = d.getSha();
        this.status = d.getStatus().wireName();
        this.creator = d.getCreator();
        this.createdAt = d.getCreatedAt();
        this.finishedAt = d.getFinishedAt();
        this.durationSeconds = duration == null ? null : duration.toSeconds();
    }

    public long getId() {
        return id;
    }

    public String getService() {
        return service;
    }

    public String getEnvironment() {
        return environment;
    }

    public boolean isProduction() {
        return production;
    }

    public String getVersion() {
        return version;
    }

    public String getShortSha() {
        return sha == null ? "" : sha.substring(0, Math.min(7, sha.length()));
    }

    public String getStatus() {
        return status;
    }

    public String getCreator() {
        return creator;
    }

    public String getCreatedAt() {
        return createdAt == null ? "" : createdAt.toString().replace('T', ' ').replace("Z", " UTC");
    }

    public String getFinishedAt() {
        return finishedAt == null ? "" : finishedAt.toString().replace('T', ' ').replace("Z", " UTC");
    }

    public String getDuration() {
        if (durationSeconds == null) {
            return "";
        }
        long s = durationSeconds;
        return s >= 3600 ? (s / 3600) + "h " + (s % 3600 / 60) + "m" : s >= 60 ? (s / 60) + "m " + (s % 60) + "s" : s + "s";
    }
}
