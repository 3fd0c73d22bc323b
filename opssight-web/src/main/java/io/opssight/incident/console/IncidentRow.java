package io.opssight.incident.console;

import io.opssight.deployment.entity.Deployment;
import io.opssight.incident.entity.Incident;
import io.opssight.incident.entity.LinkReason;
import io.opssight.platform.console.Pages;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One incident with its linked deployment and why it is linked. */
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
    private final String deployment;
    private final String deploymentLink;
    private final String why;

    IncidentRow(Incident i) {
        this.id = i.getId();
        this.title = i.getTitle();
        this.service = i.getService() == null ? "" : i.getService().getName();
        this.status = i.getStatus().wireName();
        this.severity = i.getSeverity();
        this.openedAt = Pages.time(i.getOpenedAt());
        this.resolvedAt = Pages.time(i.getResolvedAt());
        Duration restore = i.timeToRestore();
        this.timeToRestore = restore == null ? "" : duration(restore.toSeconds());
        this.url = i.getUrl() != null && (i.getUrl().startsWith("https://") || i.getUrl().startsWith("http://")) ? i.getUrl() : null;
        Deployment d = i.getCausedBy();
        if (d == null) {
            this.deployment = "";
            this.deploymentLink = null;
            this.why = i.getCauseExternalId() == null ? "no deployment linked"
                    : "the source names " + i.getCauseExternalId() + ", not (yet) a known deployment";
        } else {
            this.deployment = d.getService().getName() + " " + d.getVersion() + " → " + d.getEnvironment().getName()
                    + " (" + Pages.time(d.getCreatedAt()) + ")";
            this.deploymentLink = "deployments.xhtml?service=" + URLEncoder.encode(d.getService().getName(), StandardCharsets.UTF_8)
                    + "&environment=" + URLEncoder.encode(d.getEnvironment().getName(), StandardCharsets.UTF_8);
            this.why = why(i.getLinkReason()) + (i.getLinkNote() == null || i.getLinkNote().isBlank() ? "" : ": " + i.getLinkNote());
        }
    }

    private static String why(LinkReason reason) {
        if (reason == null) {
            return "linked";
        }
        return switch (reason) {
            case EXPLICIT -> "named by the incident's source";
            case LATEST_PRODUCTION_DEPLOYMENT -> "the service's latest production deployment before the incident opened";
            case MANUAL -> "set by a person";
        };
    }

    private static String duration(long s) {
        return s >= 86400 ? (s / 86400) + "d " + (s % 86400 / 3600) + "h" : s >= 3600 ? (s / 3600) + "h " + (s % 3600 / 60) + "m"
                : s >= 60 ? (s / 60) + "m " + (s % 60) + "s" : s + "s";
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

    public String getDeployment() {
        return deployment;
    }

    public String getDeploymentLink() {
        return deploymentLink;
    }

    public String getWhy() {
        return why;
    }
}
