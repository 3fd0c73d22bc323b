package io.opssight.deployment.entity;

import io.opssight.catalog.entity.Environment;
import io.opssight.catalog.entity.Service;
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
import java.util.List;
import java.util.Objects;

/**
 * A deployment of one service version to one environment. Natural key: (origin, externalId), where
 * origin names the source that reported it (e.g. "github:acme") and externalId is that tool's id.
 *
 * <p>Invariants: status changes arrive in any order and more than once, so a status is applied
 * only when it is newer than the last one applied (by the tool's own timestamp, then its status
 * id); a final outcome is never replaced by "inactive" (GitHub marks superseded deployments
 * inactive, which says nothing about whether they worked, and a final outcome that arrives after a
 * newer "inactive" still counts). {@code finishedAt} is the time of the
 * final outcome and {@code startedAt} the first time it was seen in progress (else its creation).
 */
@Entity
@Table(name = "deployment")
@NamedQuery(name = Deployment.FIND_BY_EXTERNAL_ID,
        query = "select d from Deployment d where d.origin = :origin and d.externalId = :externalId")
public class Deployment {

    public static final String FIND_BY_EXTERNAL_ID = "Deployment.findByExternalId";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "deployment_seq")
    @SequenceGenerator(name = "deployment_seq", sequenceName = "deployment_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 200)
    private String origin;

    @Column(name = "external_id", nullable = false, length = 200)
    private String externalId;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "service_id", nullable = false)
    private Service service;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "environment_id", nullable = false)
    private Environment environment;

    @Column(length = 200)
    private String version;

    @Column(length = 64)
    private String sha;

    @Column(length = 300)
    private String ref;

    @Column(length = 200)
    private String creator;

    @Column(length = 2000)
    private String url;

    @Column(length = 2000)
    private String description;

    @Column(length = 300)
    private String cluster;

    @Column(length = 200)
    private String namespace;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private DeploymentStatus status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Whether this is the newest deployment (by creation) of its service and environment. */
    @Column(name = "latest", nullable = false)
    private boolean latest;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "status_at", nullable = false)
    private Instant statusAt;

    @Column(name = "status_seq", nullable = false)
    private long statusSeq;

    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected Deployment() {
        // for JPA
    }

    public Deployment(String origin, String externalId, Service service, Environment environment, Instant createdAt) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.externalId = Objects.requireNonNull(externalId, "externalId");
        this.service = Objects.requireNonNull(service, "service");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.status = DeploymentStatus.PENDING;
        this.statusAt = createdAt;
        this.statusSeq = Long.MIN_VALUE;
    }

    /** What was deployed: sha and ref from the tool, version when it names one (else the short sha). */
    public void describe(String sha, String ref, String version, String creator, String url, String description) {
        if (sha != null) {
            this.sha = sha;
        }
        if (ref != null) {
            this.ref = ref;
        }
        if (version != null) {
            this.version = version;
        } else if (this.version == null && sha != null) {
            this.version = sha.length() > 12 ? sha.substring(0, 12) : sha;
        }
        if (creator != null) {
            this.creator = creator;
        }
        if (url != null) {
            this.url = url;
        }
        if (description != null) {
            this.description = description;
        }
    }

    /** Where in Kubernetes it went, when the source knows (Argo CD). */
    public void placeIn(String cluster, String namespace) {
        if (cluster != null) {
            this.cluster = cluster;
        }
        if (namespace != null) {
            this.namespace = namespace;
        }
    }

    /**
     * Applies a status reported at {@code at}; {@code seq} orders statuses with the same time (the
     * tool's status id). Returns whether anything changed.
     */
    public boolean applyStatus(DeploymentStatus newStatus, Instant at, long seq) {
        Objects.requireNonNull(newStatus, "newStatus");
        Objects.requireNonNull(at, "at");
        boolean changed = false;
        if (newStatus == DeploymentStatus.IN_PROGRESS && (startedAt == null || at.isBefore(startedAt))) {
            startedAt = at;
            changed = true;
        }
        boolean newer = at.isAfter(statusAt) || (at.equals(statusAt) && seq > statusSeq);
        if (newStatus == DeploymentStatus.INACTIVE) {
            // "Superseded" says nothing about how it went: it never hides an outcome.
            if (status.isFinal() || !newer) {
                return changed;
            }
            status = newStatus;
            statusAt = at;
            statusSeq = seq;
            return true;
        }
        if (!newer && !(status == DeploymentStatus.INACTIVE && newStatus.isFinal())) {
            return changed;
        }
        status = newStatus;
        if (newer) {
            statusAt = at;
            statusSeq = seq;
        }
        finishedAt = newStatus.isFinal() ? at : null;
        return true;
    }

    /** How long it took from start (or creation) to its final outcome; null while running. */
    public Duration duration() {
        if (finishedAt == null) {
            return null;
        }
        Instant from = startedAt != null ? startedAt : createdAt;
        return from.isAfter(finishedAt) ? Duration.ZERO : Duration.between(from, finishedAt);
    }

    public boolean isSuccessfulProduction() {
        return status == DeploymentStatus.SUCCESS && environment.isProduction();
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

    public Environment getEnvironment() {
        return environment;
    }

    public String getVersion() {
        return version;
    }

    public String getSha() {
        return sha;
    }

    public String getRef() {
        return ref;
    }

    public String getCreator() {
        return creator;
    }

    public String getUrl() {
        return url;
    }

    public String getDescription() {
        return description;
    }

    public String getCluster() {
        return cluster;
    }

    public String getNamespace() {
        return namespace;
    }

    public DeploymentStatus getStatus() {
        return status;
    }

    /**
     * Takes over "latest of its service and environment" from {@code others} (the current holders)
     * when it was created after all of them; true when it did.
     */
    public boolean takeLatestFrom(List<Deployment> others) {
        for (Deployment other : others) {
            if (other != this && (other.createdAt.isAfter(createdAt)
                    || (other.createdAt.equals(createdAt) && other.id != null && id != null && other.id > id))) {
                return false;
            }
        }
        for (Deployment other : others) {
            if (other != this) {
                other.latest = false;
            }
        }
        latest = true;
        return true;
    }

    public boolean isLatest() {
        return latest;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Instant getStatusAt() {
        return statusAt;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Deployment other
                && Objects.equals(origin, other.getOrigin()) && Objects.equals(externalId, other.getExternalId()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, externalId);
    }
}
