package io.opssight.access.rest;

import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The complete set of roles a user is to hold (replacing the current ones). */
public class RoleGrants {

    @NotNull(message = "roles is required (an empty list takes every role away)")
    private List<RoleGrant> roles;

    public List<RoleGrant> getRoles() {
        return roles;
    }

    public void setRoles(List<RoleGrant> roles) {
        this.roles = roles;
    }
}
