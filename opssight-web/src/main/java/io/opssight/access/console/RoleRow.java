package io.opssight.access.console;

import io.opssight.access.entity.Role;
import java.io.Serializable;
import java.util.List;

/** One role with its permissions, each with what it allows. */
public class RoleRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String description;
    private final boolean builtIn;
    private final List<PermissionLine> permissions;

    RoleRow(Role role) {
        this.name = role.getName();
        this.description = role.getDescription() == null ? "" : role.getDescription();
        this.builtIn = role.isBuiltIn();
        this.permissions = role.permissionSet().stream().sorted().map(p -> new PermissionLine(p, RolesPage.describe(p))).toList();
    }

    /** A permission and its one-line description. */
    public static class PermissionLine implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String name;
        private final String description;

        PermissionLine(String name, String description) {
            this.name = name;
            this.description = description;
        }

        public String getName() {
            return name;
        }

        public String getDescription() {
            return description;
        }
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public boolean isBuiltIn() {
        return builtIn;
    }

    public List<PermissionLine> getPermissions() {
        return permissions;
    }

    List<String> getPermissionNames() {
        return permissions.stream().map(PermissionLine::getName).toList();
    }
}
