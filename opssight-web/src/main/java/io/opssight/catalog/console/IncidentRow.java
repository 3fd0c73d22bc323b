package io.opssight.catalog.console;

import io.opssight.incident.entity.Incident;
import io.opssight.incident.entity.LinkReason;
import io.opssight.platform.console.Format;
import java.io.Serializable;

/** An incident with the deployment it is linked to and why (the "why linked" the pages show). */
public class IncidentRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long id;
    private final String title;
    private final String service;
    private final String severity;
    private final String status;
    private final String openedAt;
    private final String resolvedAt;
    private final String url;
    private final Long causeId;
    private final String cause;
    private final String why;

    public IncidentRow(Incident i) {
        this.id = i.getId();
        this.title = i.getTitle();
        this.service = i.getService() == null ? "" : i.getService().getName();
        this.severity = i.getSeverity();
        this.status = Format.words(i.getStatus());
        this.openedAt = Format.time(i.getOpenedAt());
        this.resolvedAt = Format.time(i.getResolvedAt());
        this.url = Format.safeUrl(i.getUrl());
        this.causeId = i.getCausedBy() == null ? null : i.getCausedBy().getId();
        this.cause = i.getCausedBy() == null ? "" : i.getCausedBy().getService().getName() + " "
                + (i.getCausedBy().getVersion() == null ? Format.shortSha(i.getCausedBy().getSha()) : i.getCausedBy().getVersion())
                + " to " + i.getCausedBy().getEnvironment().getName() + " at " + Format.time(i.getCausedBy().getFinishedAt());
        this.why = why(i);
    }

    /** In words: why this incident is attributed to its deployment (or to none). */
    static String why(Incident i) {
        LinkReason reason = i.getLinkReason();
        String note = i.getLinkNote() == null || i.getLinkNote().isBlank() ? "" : ": " + i.getLinkNote();
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

    public String getSeverity() {
        return severity;
    }

    public String getStatus() {
        return status;
    }

    public String getOpenedAt() {
        return openedAt;
    }

    public String getResolvedAt() {
        return resolvedAt;
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

    public String getWhy() {
        return why;
    }
}
