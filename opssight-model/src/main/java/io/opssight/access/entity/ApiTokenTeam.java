package io.opssight.access.entity;

import io.opssight.catalog.entity.Team;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.Objects;

/**
 * An API token is limited to a team: a token with one or more of these sees only those teams'
 * services' objects, like a user whose every role assignment names a team. Natural key: (token, team).
 */
@Entity
@Table(name = "api_token_team")
public class ApiTokenTeam {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_token_team_seq")
    @SequenceGenerator(name = "api_token_team_seq", sequenceName = "api_token_team_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "token_id", nullable = false)
    private ApiToken token;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "team_id", nullable = false)
    private Team team;

    protected ApiTokenTeam() {
        // for JPA
    }

    ApiTokenTeam(ApiToken token, Team team) {
        this.token = Objects.requireNonNull(token, "token");
        this.team = Objects.requireNonNull(team, "team");
    }

    public ApiToken getToken() {
        return token;
    }

    public Team getTeam() {
        return team;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ApiTokenTeam other && Objects.equals(token, other.getToken())
                && Objects.equals(team, other.getTeam()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(token, team);
    }
}
