package io.opssight.incident.rest;

import io.opssight.ingestion.entity.IncidentPush;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * An incident pushed by a tool without webhooks. Only the title is required. Without
 * {@code causedBy} it is attributed to the latest successful production deployment of its service
 * before it opened; with it, to the deployment named (also when that deployment arrives later).
 * A class rather than a record for the reason given on NewSource.
 */
public class NewIncident {

    @Size(max = 200, message = "service is at most 200 characters")
    private String service;

    @NotBlank(message = "title is required")
    @Size(max = 1000, message = "title is at most 1000 characters")
    private String title;

    @Size(max = 32, message = "severity is at most 32 characters")
    private String severity;

    @Pattern(regexp = "triggered|acknowledged|resolved", message = "status must be one of triggered, acknowledged, resolved")
    private String status;

    private Instant openedAt;

    private Instant resolvedAt;

    @Size(max = 100, message = "externalId is at most 100 characters")
    @Pattern(regexp = "\\S+", message = "externalId must not contain blanks")
    private String externalId;

    @Size(max = 200, message = "origin is at most 200 characters")
    @Pattern(regexp = "\\S+", message = "origin must not contain blanks")
    private String origin;

    @Size(max = 2000, message = "url is at most 2000 characters")
    private String url;

    @Valid
    private CauseReference causedBy;

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getSeverity() {
        return severity;
    }

    public void setSeverity(String severity) {
        this.severity = severity;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public Instant getOpenedAt() {
        return openedAt;
    }

    public void setOpenedAt(Instant openedAt) {
        this.openedAt = openedAt;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public void setResolvedAt(Instant resolvedAt) {
        this.resolvedAt = resolvedAt;
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

    public CauseReference getCausedBy() {
        return causedBy;
    }

    public void setCausedBy(CauseReference causedBy) {
        this.causedBy = causedBy;
    }

    /** The push command this body stands for. */
    public IncidentPush push() {
        return new IncidentPush(service, title, severity, status, openedAt, resolvedAt, externalId, origin, url,
                causedBy == null ? null : causedBy.push());
    }
}
