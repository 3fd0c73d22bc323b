package io.opssight.incident.console;

import io.opssight.deployment.entity.Deployment;
import io.opssight.incident.entity.Incident;
import io.opssight.incident.entity.LinkReason;
import io.opssight.platform.console.Format;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An incident as every console page lists it (the incidents table, the overview, a service's page,
 * the DORA drill-down): with the deployment it is linked to and why.
 */
public class IncidentRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long id;
    private final String title;
    private final String service;
    private final String status;
    private final String severity;
    private final String openedAt;
    private final String resolvedAt;
    private final String timeToRestore;
    private final String url;
    private final Long causeId;
    private final String cause;
    private final String deploymentLink;
    private final String why;

    public IncidentRow(Incident i) {
        this.id = i.getId();
        this.title = i.getTitle();
        this.service = i.getService() == null ? "" : i.getService().getName();
        this.status = Format.words(i.getStatus());
        this.severity = i.getSeverity();
        this.openedAt = Format.time(i.getOpenedAt());
        this.resolvedAt = Format.time(i.getResolvedAt());
        this.timeToRestore = Format.duration(i.timeToRestore());
        this.url = Format.safeUrl(i.getUrl());
        Deployment d = i.getCausedBy();
        this.causeId = d == null ? null : d.getId();
        this.cause = d == null ? "" : d.getService().getName() + " " + (d.getVersion() == null ? Format.shortSha(d.getSha())
                : d.getVersion()) + " to " + d.getEnvironment().getName() + " at " + Format.time(d.getFinishedAt());
        this.deploymentLink = d == null ? null : "deployments.xhtml?service="
                + URLEncoder.encode(d.getService().getName(), StandardCharsets.UTF_8)
                + "&environment=" + URLEncoder.encode(d.getEnvironment().getName(), StandardCharsets.UTF_8);
        this.why = why(i);
    }

    /** In words: why this incident is attributed to its deployment (or to none). */
    static String why(Incident i) {
        LinkReason reason = i.getLinkReason();
        String note = i.getLinkNote() == null || i.getLinkNote().isBlank() ? "" : ": " + i.getLinkNote();
        if (i.getCausedBy() == null && i.getCauseExternalId() != null && reason != LinkReason.MANUAL) {
            return "Not linked: the source names " + i.getCauseExternalId() + ", not (yet) a known deployment";
        }
        if (reason == null) {
            return "Not linked: no production deployment of its service before it opened";
        }
        return switch (reason) {
            case EXPLICIT -> "The incident named this deployment" + note;
            case LATEST_PRODUCTION_DEPLOYMENT -> "Latest successful production deployment of the service before it opened" + note;
            case MANUAL -> (i.getCausedBy() == null ? "Set by hand to no deployment" : "Linked by hand") + note;
        };
    }

    public long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getService() {
        return service;
    }

    public String getStatus() {
        return status;
    }

    public String getSeverity() {
        return severity;
    }

    public String getOpenedAt() {
        return openedAt;
    }

    public String getResolvedAt() {
        return resolvedAt;
    }

    public String getTimeToRestore() {
        return timeToRestore;
    }

    public String getUrl() {
        return url;
    }

    public Long getCauseId() {
        return causeId;
    }

    public String getCause() {
        return cause;
    }

    public String getDeploymentLink() {
        return deploymentLink;
    }

    public String getWhy() {
        return why;
    }
}
