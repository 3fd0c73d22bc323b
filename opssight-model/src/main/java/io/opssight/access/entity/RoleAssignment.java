package io.opssight.access.entity;

import io.opssight.catalog.entity.Team;
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
import java.time.Instant;
import java.util.Objects;

/**
 * A user holds a role, either everywhere ({@code team} null) or for one team's services only. A
 * user whose every assignment names a team is team-scoped: reads of deployments, incidents and DORA
 * figures show only those teams' services. Natural key: (user, role, team).
 */
@Entity
@Table(name = "role_assignment")
@NamedQuery(name = RoleAssignment.FIND_BY_USER, query = "select a from RoleAssignment a join fetch a.role "
        + "left join fetch a.team where a.user = :user order by a.id")
@NamedQuery(name = RoleAssignment.COUNT_BY_ROLE, query = "select count(a) from RoleAssignment a where a.role = :role")
public class RoleAssignment {

    public static final String FIND_BY_USER = "RoleAssignment.findByUser";
    public static final String COUNT_BY_ROLE = "RoleAssignment.countByRole";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "role_assignment_seq")
    @SequenceGenerator(name = "role_assignment_seq", sequenceName = "role_assignment_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    private UserAccount user;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "role_id", nullable = false)
    private Role role;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "team_id")
    private Team team;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RoleAssignment() {
        // for JPA
    }

    public RoleAssignment(UserAccount user, Role role, Team team, Instant createdAt) {
        this.user = Objects.requireNonNull(user, "user");
        this.role = Objects.requireNonNull(role, "role");
        this.team = team;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public Long getId() {
        return id;
    }

    public UserAccount getUser() {
        return user;
    }

    public Role getRole() {
        return role;
    }

    /** The team this assignment is limited to, or null for everywhere. */
    public Team getTeam() {
        return team;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof RoleAssignment other && Objects.equals(user, other.getUser())
                && Objects.equals(role, other.getRole()) && Objects.equals(team, other.getTeam()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, role, team);
    }
}
