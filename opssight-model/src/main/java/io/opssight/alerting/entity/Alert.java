package io.opssight.alerting.entity;

import io.opssight.catalog.entity.Service;
import io.opssight.platform.entity.ConflictProblem;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.persistence.Column;
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
 * An alert received from Alertmanager (one firing episode of one alert series). Natural key:
 * (origin, fingerprint, startsAt): Alertmanager keeps the fingerprint of a series and gives each
 * new firing a new startsAt. Labels and annotations are kept as JSON text.
 */
@Entity
@Table(name = "alert")
@NamedQuery(name = Alert.FIND_BY_KEY,
        query = "select a from Alert a where a.origin = :origin and a.fingerprint = :fingerprint and a.startsAt = :startsAt")
public class Alert {

    public static final String FIND_BY_KEY = "Alert.findByKey";
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_seq")
    @SequenceGenerator(name = "alert_seq", sequenceName = "alert_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 200)
    private String origin;

    @Column(nullable = false, length = 200)
    private String fingerprint;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @Column(nullable = false, length = 300)
    private String name;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "service_id")
    private Service service;

    @Column(length = 32)
    private String severity;

    @Column(nullable = false, length = 16)
    private String status;

    @Column(nullable = false)
    private String labels;

    @Column(nullable = false)
    private String annotations;

    @Column(name = "generator_url", length = 2000)
    private String generatorUrl;

    @Column(name = "ends_at")
    private Instant endsAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "acknowledged_by", length = 200)
    private String acknowledgedBy;

    @Column(name = "ack_note", length = 800)
    private String ackNote;

    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected Alert() {
        // for JPA
    }

    public Alert(String origin, String fingerprint, Instant startsAt, String name, Instant seenAt) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.startsAt = Objects.requireNonNull(startsAt, "startsAt");
        this.name = Objects.requireNonNull(name, "name");
        this.status = FIRING;
        this.labels = "{}";
        this.annotations = "{}";
        this.lastSeenAt = Objects.requireNonNull(seenAt, "seenAt");
    }

    /**
     * Applies one notification. Once resolved, a repeated "firing" notification that was sent
     * earlier (Alertmanager retries) does not reopen it; a new firing has a new startsAt and is a
     * new alert.
     */
    public void report(String reportedStatus, Instant endsAt, Service service, String severity, String labels,
            String annotations, String generatorUrl, Instant seenAt) {
        boolean resolved = RESOLVED.equals(reportedStatus);
        if (!resolved && RESOLVED.equals(status)) {
            return;
        }
        if (!resolved && !FIRING.equals(status)) {
            unacknowledge(); // firing again: whoever acknowledged the earlier state has not seen this one
        }
        this.status = resolved ? RESOLVED : FIRING;
        this.endsAt = resolved ? endsAt : null;
        this.service = service != null ? service : this.service;
        this.severity = severity != null ? severity : this.severity;
        this.labels = labels != null ? labels : this.labels;
        this.annotations = annotations != null ? annotations : this.annotations;
        this.generatorUrl = generatorUrl != null ? generatorUrl : this.generatorUrl;
        if (seenAt.isAfter(lastSeenAt)) {
            lastSeenAt = seenAt;
        }
    }

    /** The longest acknowledgement note kept. */
    public static final int MAX_NOTE = 800;

    /**
     * A person says they are on it. Only a firing alert can be acknowledged (409 otherwise);
     * acknowledging again replaces who, when and the note. The state stays Alertmanager's.
     */
    public void acknowledge(String by, Instant at, String note) {
        if (!FIRING.equals(status)) {
            throw new ConflictProblem("Alert " + id + " is " + status + "; only a firing alert can be acknowledged");
        }
        String trimmed = note == null || note.isBlank() ? null : note.trim();
        if (trimmed != null && trimmed.length() > MAX_NOTE) {
            throw new ValidationProblem("note is at most " + MAX_NOTE + " characters");
        }
        this.acknowledgedBy = Objects.requireNonNull(by, "by");
        this.acknowledgedAt = Objects.requireNonNull(at, "at");
        this.ackNote = trimmed;
    }

    /** Takes the acknowledgement back (nothing happens when there is none). */
    public void unacknowledge() {
        this.acknowledgedBy = null;
        this.acknowledgedAt = null;
        this.ackNote = null;
    }

    public boolean isAcknowledged() {
        return acknowledgedAt != null;
    }

    public Instant getAcknowledgedAt() {
        return acknowledgedAt;
    }

    public String getAcknowledgedBy() {
        return acknowledgedBy;
    }

    public String getAckNote() {
        return ackNote;
    }

    public Long getId() {
        return id;
    }

    public String getOrigin() {
        return origin;
    }

    public String getFingerprint() {
        return fingerprint;
    }

    public Instant getStartsAt() {
        return startsAt;
    }

    public String getName() {
        return name;
    }

    public Service getService() {
        return service;
    }

    public String getSeverity() {
        return severity;
    }

    public String getStatus() {
        return status;
    }

    public String getLabels() {
        return labels;
    }

    public String getAnnotations() {
        return annotations;
    }

    public String getGeneratorUrl() {
        return generatorUrl;
    }

    public Instant getEndsAt() {
        return endsAt;
    }

    public Instant getLastSeenAt() {
        return lastSeenAt;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Alert other && Objects.equals(origin, other.getOrigin())
                && Objects.equals(fingerprint, other.getFingerprint()) && Objects.equals(startsAt, other.getStartsAt()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, fingerprint, startsAt);
    }
}
