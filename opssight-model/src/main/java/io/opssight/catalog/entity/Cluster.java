package io.opssight.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/** A Kubernetes cluster workloads are deployed to (seen in Argo CD notifications). Natural key: name. */
@Entity
@Table(name = "k8s_cluster")
@NamedQuery(name = Cluster.FIND_BY_NAME, query = "select c from Cluster c where c.name = :name")
public class Cluster {

    public static final String FIND_BY_NAME = "Cluster.findByName";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "k8s_cluster_seq")
    @SequenceGenerator(name = "k8s_cluster_seq", sequenceName = "k8s_cluster_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 300, unique = true)
    private String name;

    @Column(length = 1000)
    private String server;

    @Column(name = "first_seen_at", nullable = false)
    private Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Version
    private long version;

    protected Cluster() {
        // for JPA
    }

    public Cluster(String name, String server, Instant seenAt) {
        this.name = Objects.requireNonNull(name, "name");
        this.server = server;
        this.firstSeenAt = Objects.requireNonNull(seenAt, "seenAt");
        this.lastSeenAt = seenAt;
    }

    public void seen(Instant at) {
        if (at.isAfter(lastSeenAt)) {
            lastSeenAt = at;
        }
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getServer() {
        return server;
    }

    public Instant getFirstSeenAt() {
        return firstSeenAt;
    }

    public Instant getLastSeenAt() {
        return lastSeenAt;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Cluster other && Objects.equals(name, other.getName()));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }
}
