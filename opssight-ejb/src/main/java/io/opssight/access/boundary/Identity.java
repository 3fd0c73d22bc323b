package io.opssight.access.boundary;

import java.util.Set;

/** Who a request acts as, and the permissions (container roles) it carries. */
public record Identity(String name, Set<String> permissions) {
    public Identity {
        permissions = Set.copyOf(permissions);
    }
}
