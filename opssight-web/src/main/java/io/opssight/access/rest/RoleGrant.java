package io.opssight.access.rest;

/** A role to give a user, everywhere or (with {@code team}) for one team's services only. */
public class RoleGrant {

    private String role;
    private String team;

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getTeam() {
        return team;
    }

    public void setTeam(String team) {
        this.team = team;
    }
}
