package io.opssight.catalog.rest;

import io.opssight.catalog.boundary.Teams;
import io.opssight.catalog.entity.Team;
import java.time.Instant;
import java.util.List;

/** A team with the names of the services it owns. */
public record TeamView(long id, String name, Instant createdAt, List<String> services) {

    public static TeamView from(Teams.Owned owned) {
        return new TeamView(owned.team().getId(), owned.team().getName(), owned.team().getCreatedAt(), owned.services());
    }

    public static TeamView from(Team team) {
        return new TeamView(team.getId(), team.getName(), team.getCreatedAt(), List.of());
    }
}
