package io.opssight.incident.entity;

import io.opssight.catalog.entity.Service;
import io.opssight.deployment.entity.Deployment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An incident (PagerDuty, the push API). Natural key: (origin, externalId).
 *
 * <p>Invariants: {@code openedAt} is the earliest time it was reported open; a resolution is kept
 * once known (a late "acknowledged" does not reopen it); a later "triggered" after resolution
 * reopens it. The causing deployment is kept with the reason it was linked; an explicit or manual
 * link is never replaced by a time-based guess.
 */
@Entity
@Table(name = "incident")
@NamedQuery(name = Incident.FIND_BY_EXTERNAL_ID,
        query = "select i from Incident i where i.origin = :origin and i.externalId = :externalId")
@NamedQuery(name = Incident.FIND_UNLINKED_OR_GUESSED_OF_SERVICE,
        query = "select i from Incident i where i.service = :service and (i.causedBy is null "
                + "or i.linkReason = io.opssight.incident.entity.LinkReason.LATEST_PRODUCTION_DEPLOYMENT)")
public class Incident {

    public static final String FIND_BY_EXTERNAL_ID = "Incident.findByExternalId";
    public static final String FIND_UNLINKED_OR_GUESSED_OF_SERVICE = "Incident.findUnlinkedOrGuessedOfService";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "incident_seq")
    @SequenceGenerator(name = "incident_seq", sequenceName = "incident_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 200)
    private String origin;

    @Column(name = "external_id", nullable = false, length = 200)
    private String externalId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "service_id")
    private Service service;

    @Column(nullable = false, length = 1000)
    private String title;

    @Column(length = 32)
    private String severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private IncidentStatus status;

    @Column(length = 2000)
    private String url;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "status_at", nullable = false)
    private Instant statusAt;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "caused_by_id")
    private Deployment causedBy;

    /** What the source named as the cause, kept so a deployment arriving later can still be linked. */
    @Column(name = "cause_origin", length = 200)
    private String causeOrigin;

    @Column(name = "cause_external_id", length = 200)
    private String causeExternalId;

    @Enumerated(EnumType.STRING)
    @Column(name = "link_reason", length = 32)
    private LinkReason linkReason;

    @Column(name = "link_note", length = 1000)
    private String linkNote;

    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected Incident() {
        // for JPA
    }

    public Incident(String origin, String externalId, String title, Instant openedAt) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.externalId = Objects.requireNonNull(externalId, "externalId");
        this.title = Objects.requireNonNull(title, "title");
        this.openedAt = Objects.requireNonNull(openedAt, "openedAt");
        this.status = IncidentStatus.TRIGGERED;
        this.statusAt = openedAt;
    }

    public void describe(Service service, String title, String severity, String url) {
        this.service = service != null ? service : this.service;
        this.title = title != null ? title : this.title;
        this.severity = severity != null ? severity : this.severity;
        this.url = url != null ? url : this.url;
    }

    /** Applies a status change reported at {@code at}; returns whether the state changed. */
    public boolean apply(IncidentStatus reported, Instant at) {
        Objects.requireNonNull(reported, "reported");
        Objects.requireNonNull(at, "at");
        if (reported == IncidentStatus.TRIGGERED && at.isBefore(openedAt)) {
            openedAt = at;
        }
        if (reported == IncidentStatus.ACKNOWLEDGED && (acknowledgedAt == null || at.isBefore(acknowledgedAt))) {
            acknowledgedAt = at;
        }
        if (reported == IncidentStatus.RESOLVED && (resolvedAt == null || at.isAfter(resolvedAt))) {
            resolvedAt = at;
        }
        if (at.isBefore(statusAt)) {
            return false;
        }
        if (status == IncidentStatus.RESOLVED && reported == IncidentStatus.ACKNOWLEDGED) {
            return false;
        }
        status = reported;
        statusAt = at;
        if (reported == IncidentStatus.TRIGGERED && resolvedAt != null && at.isAfter(resolvedAt)) {
            resolvedAt = null;
        }
        return true;
    }

    /** Remembers what the source named as the cause, for linking now or when it arrives. */
    public void nameCause(String origin, String externalId) {
        this.causeOrigin = origin;
        this.causeExternalId = externalId;
    }

    /**
     * Links the causing deployment. A guess never replaces an explicit or manual link. A manual
     * link may name no deployment: a user said nothing caused it, and that, too, is kept (the
     * reason stays MANUAL, so no later time-based guess brings a deployment back).
     */
    public boolean linkTo(Deployment deployment, LinkReason reason, String note) {
        if (reason == LinkReason.LATEST_PRODUCTION_DEPLOYMENT && linkReason != null
                && linkReason != LinkReason.LATEST_PRODUCTION_DEPLOYMENT) {
            return false;
        }
        this.causedBy = deployment;
        this.linkReason = deployment == null && reason != LinkReason.MANUAL ? null : reason;
        this.linkNote = note;
        return true;
    }

    /**
     * A tag of the cause link as it stands (deployment, reason, note): the strong ETag of
     * {@code /incidents/{id}/cause}. It moves only when the link does, not with every status report.
     */
    public String causeTag() {
        String state = (causedBy == null ? "-" : String.valueOf(causedBy.getId())) + "|" + linkReason + "|" + linkNote;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(state.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Time to restore (2021 definition): resolved − opened; null while open. */
    public Duration timeToRestore() {
        return resolvedAt == null ? null : Duration.between(openedAt, resolvedAt);
    }

    /**
     * Failed deployment recovery time (2023 definition): resolved − the causing deployment's finish,
     * never negative; null while open or without a finished causing deployment.
     */
    public Duration recoveryTime() {
        if (resolvedAt == null || causedBy == null || causedBy.getFinishedAt() == null) {
            return null;
        }
        Duration recovery = Duration.between(causedBy.getFinishedAt(), resolvedAt);
        return recovery.isNegative() ? Duration.ZERO : recovery;
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

    public String getTitle() {
        return title;
    }

    public String getSeverity() {
        return severity;
    }

    public IncidentStatus getStatus() {
        return status;
    }

    public String getUrl() {
        return url;
    }

    public Instant getOpenedAt() {
        return openedAt;
    }

    public Instant getAcknowledgedAt() {
        return acknowledgedAt;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public Deployment getCausedBy() {
        return causedBy;
    }

    public String getCauseOrigin() {
        return causeOrigin;
    }

    public String getCauseExternalId() {
        return causeExternalId;
    }

    public LinkReason getLinkReason() {
        return linkReason;
    }

    public String getLinkNote() {
        return linkNote;
    }

    public long getRowVersion() {
        return rowVersion;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Incident other && Objects.equals(origin, other.getOrigin())
                && Objects.equals(externalId, other.getExternalId()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, externalId);
    }
}
