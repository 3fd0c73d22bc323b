package io.opssight.access.rest;

import jakarta.validation.constraints.NotEmpty;
import java.util.Set;

/** A custom role: a name, a description and its permissions (on PUT the name comes from the path). */
public class NewRole {

    private String name;
    private String description;
    @NotEmpty(message = "at least one permission is required")
    private Set<String> permissions;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Set<String> getPermissions() {
        return permissions;
    }

    public void setPermissions(Set<String> permissions) {
        this.permissions = permissions;
    }
}
