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

/** A team that owns services. Natural key: its name. */
@Entity
@Table(name = "team")
@NamedQuery(name = Team.FIND_BY_NAME, query = "select t from Team t where t.name = :name")
@NamedQuery(name = Team.FIND_ALL, query = "select t from Team t order by t.name")
public class Team {

    public static final String FIND_BY_NAME = "Team.findByName";
    public static final String FIND_ALL = "Team.findAll";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "team_seq")
    @SequenceGenerator(name = "team_seq", sequenceName = "team_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 200, unique = true)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Team() {
        // for JPA
    }

    public Team(String name, Instant createdAt) {
        this.name = Objects.requireNonNull(name, "name");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getVersion() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Team other && Objects.equals(name, other.getName()));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }
}
