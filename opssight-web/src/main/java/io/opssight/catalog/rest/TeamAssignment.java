package io.opssight.catalog.rest;

import jakarta.validation.constraints.Size;

/** Which team owns a service; null (or absent) for none. A class for the reason given on NewSource. */
public class TeamAssignment {

    @Size(min = 1, max = 200, message = "team is 1 to 200 characters, or null for no team")
    private String team;

    public String getTeam() {
        return team;
    }

    public void setTeam(String team) {
        this.team = team;
    }
}
