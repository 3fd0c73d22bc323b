package io.opssight.deployment.console;

import io.opssight.deployment.entity.Deployment;
import io.opssight.platform.console.Format;
import java.io.Serializable;

/**
 * A deployment as every console page lists it (the deployments table, the overview, a service's
 * timeline), with getters because Jakarta EL 5 does not read record components.
 */
public class DeploymentRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long id;
    private final String service;
    private final String environment;
    private final boolean production;
    private final String version;
    private final String sha;
    private final String ref;
    private final String status;
    private final String creator;
    private final String createdAt;
    private final String finishedAt;
    private final String duration;
    private final String description;

    public DeploymentRow(Deployment d) {
        this.id = d.getId();
        this.service = d.getService().getName();
        this.environment = d.getEnvironment().getName();
        this.production = d.getEnvironment().isProduction();
        this.version = d.getVersion();
        this.sha = d.getSha();
        this.ref = d.getRef();
        this.status = d.getStatus().wireName();
        this.creator = d.getCreator();
        this.createdAt = Format.time(d.getCreatedAt());
        this.finishedAt = Format.time(d.getFinishedAt());
        this.duration = Format.duration(d.duration());
        this.description = d.getDescription();
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
        return Format.shortSha(sha);
    }

    /** The version, or the short sha when the deployment names none. */
    public String getVersionOrSha() {
        return version != null ? version : Format.shortSha(sha);
    }

    public String getRef() {
        return ref;
    }

    public String getStatus() {
        return status;
    }

    public String getCreator() {
        return creator;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public String getFinishedAt() {
        return finishedAt;
    }

    public String getDuration() {
        return duration;
    }

    public String getDescription() {
        return description;
    }
}
