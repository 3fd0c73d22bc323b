package io.opssight.catalog.entity;

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
 * A workload (an Argo CD application's target) in a cluster namespace, with its last reported
 * health, sync status and revision. Natural key: (cluster, namespace, name).
 */
@Entity
@Table(name = "workload")
@NamedQuery(name = Workload.FIND_BY_KEY,
        query = "select w from Workload w where w.cluster = :cluster and w.namespace = :namespace and w.name = :name")
public class Workload {

    public static final String FIND_BY_KEY = "Workload.findByKey";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "workload_seq")
    @SequenceGenerator(name = "workload_seq", sequenceName = "workload_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "cluster_id", nullable = false)
    private Cluster cluster;

    @Column(nullable = false, length = 200)
    private String namespace;

    @Column(nullable = false, length = 300)
    private String name;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "service_id")
    private Service service;

    @Column(length = 32)
    private String health;

    @Column(name = "sync_status", length = 32)
    private String syncStatus;

    @Column(length = 64)
    private String revision;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Version
    private long version;

    protected Workload() {
        // for JPA
    }

    public Workload(Cluster cluster, String namespace, String name, Service service, Instant seenAt) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
        this.service = service;
        this.lastSeenAt = Objects.requireNonNull(seenAt, "seenAt");
    }

    /** Records a report; an older report than the last one applied changes nothing. */
    public void report(String health, String syncStatus, String revision, Instant at) {
        if (at.isBefore(lastSeenAt)) {
            return;
        }
        lastSeenAt = at;
        this.health = health != null ? health : this.health;
        this.syncStatus = syncStatus != null ? syncStatus : this.syncStatus;
        this.revision = revision != null ? revision : this.revision;
    }

    public Long getId() {
        return id;
    }

    public Cluster getCluster() {
        return cluster;
    }

    public String getNamespace() {
        return namespace;
    }

    public String getName() {
        return name;
    }

    public Service getService() {
        return service;
    }

    public String getHealth() {
        return health;
    }

    public String getSyncStatus() {
        return syncStatus;
    }

    public String getRevision() {
        return revision;
    }

    public Instant getLastSeenAt() {
        return lastSeenAt;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Workload other && Objects.equals(cluster, other.getCluster())
                && Objects.equals(namespace, other.getNamespace()) && Objects.equals(name, other.getName()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, name);
    }
}
