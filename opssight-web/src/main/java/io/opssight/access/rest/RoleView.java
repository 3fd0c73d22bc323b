package io.opssight.access.rest;

import io.opssight.access.entity.Role;
import java.util.Set;
import java.util.TreeSet;

/** A role: its name, whether it is built in, and its permissions. */
public record RoleView(String name, String description, boolean builtIn, Set<String> permissions) {
    public static RoleView from(Role r) {
        return new RoleView(r.getName(), r.getDescription(), r.isBuiltIn(), new TreeSet<>(r.permissionSet()));
    }
}
