package io.opssight.access.rest;

import jakarta.validation.constraints.NotBlank;
import java.util.List;

/** A local user to create. Without a password the user cannot sign in with one. */
public class NewUser {

    @NotBlank(message = "username is required")
    private String username;
    private String displayName;
    private String password;
    private List<RoleGrant> roles;

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public List<RoleGrant> getRoles() {
        return roles;
    }

    public void setRoles(List<RoleGrant> roles) {
        this.roles = roles;
    }
}
