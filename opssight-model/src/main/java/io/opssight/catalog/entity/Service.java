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
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/**
 * A deployable service. Natural key: its name. Services first seen in a webhook are created from
 * the repository they deploy from (name = repository name, repository = owner/name).
 */
@Entity
@Table(name = "service")
@NamedQuery(name = Service.FIND_BY_NAME, query = "select s from Service s where s.name = :name")
@NamedQuery(name = Service.FIND_BY_REPOSITORY, query = "select s from Service s where s.repository = :repository")
public class Service {

    public static final String FIND_BY_NAME = "Service.findByName";
    public static final String FIND_BY_REPOSITORY = "Service.findByRepository";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "service_seq")
    @SequenceGenerator(name = "service_seq", sequenceName = "service_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 200, unique = true)
    private String name;

    @Column(length = 300)
    private String repository;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "team_id")
    private Team team;

    @Version
    private long version;

    protected Service() {
        // for JPA
    }

    public Service(String name, String repository, Instant createdAt) {
        this.name = Objects.requireNonNull(name, "name");
        this.repository = repository;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getRepository() {
        return repository;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** The owning team, or null while nobody claimed the service. */
    public Team getTeam() {
        return team;
    }

    /**
     * Learns the repository of a service first seen without one (e.g. named by an incident before
     * any deployment of its repository arrived); a known repository is never replaced.
     */
    public void deploysFrom(String repositoryFullName) {
        if (this.repository == null) {
            this.repository = repositoryFullName;
        }
    }

    public void assignTo(Team owner) {
        this.team = owner;
    }

    public long getVersion() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Service other && Objects.equals(name, other.getName()));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }
}
