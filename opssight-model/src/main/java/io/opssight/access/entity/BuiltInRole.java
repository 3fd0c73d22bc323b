package io.opssight.access.entity;

import static io.opssight.access.entity.Permission.ALERTS_ACKNOWLEDGE;
import static io.opssight.access.entity.Permission.ALERTS_READ;
import static io.opssight.access.entity.Permission.AUDIT_READ;
import static io.opssight.access.entity.Permission.CONSOLE_USE;
import static io.opssight.access.entity.Permission.DEPLOYMENTS_READ;
import static io.opssight.access.entity.Permission.DEPLOYMENTS_WRITE;
import static io.opssight.access.entity.Permission.DORA_READ;
import static io.opssight.access.entity.Permission.INCIDENTS_LINK;
import static io.opssight.access.entity.Permission.INCIDENTS_READ;
import static io.opssight.access.entity.Permission.INCIDENTS_WRITE;
import static io.opssight.access.entity.Permission.PIPELINES_READ;
import static io.opssight.access.entity.Permission.PIPELINES_WRITE;
import static io.opssight.access.entity.Permission.SOURCES_MANAGE;
import static io.opssight.access.entity.Permission.SOURCES_READ;
import static io.opssight.access.entity.Permission.TEAMS_MANAGE;
import static io.opssight.access.entity.Permission.TEAMS_READ;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The roles every installation has: named permission sets defined in code, so that a permission
 * added in a later version reaches the built-in roles without a migration (their stored rows are
 * brought in line at start-up). Custom roles are rows only.
 */
public enum BuiltInRole {

    /** Everything, including users, tokens and the audit export. */
    ADMIN(Permission.all()),
    /** Runs the platform for others: sources, teams, link corrections, reading the audit trail; no users or tokens. */
    MAINTAINER(Set.of(DEPLOYMENTS_READ, DEPLOYMENTS_WRITE, INCIDENTS_READ, INCIDENTS_WRITE, PIPELINES_READ, PIPELINES_WRITE,
            ALERTS_READ, SOURCES_READ, SOURCES_MANAGE, CONSOLE_USE, AUDIT_READ, DORA_READ, INCIDENTS_LINK, TEAMS_READ,
            TEAMS_MANAGE, ALERTS_ACKNOWLEDGE)),
    /** Works on services: reads everything about them, corrects incident causes and acknowledges alerts. */
    ENGINEER(Set.of(DEPLOYMENTS_READ, INCIDENTS_READ, PIPELINES_READ, ALERTS_READ, SOURCES_READ, CONSOLE_USE, DORA_READ,
            INCIDENTS_LINK, TEAMS_READ, ALERTS_ACKNOWLEDGE)),
    /** Reads figures and events in the console and over the API. */
    VIEWER(Set.of(DEPLOYMENTS_READ, INCIDENTS_READ, PIPELINES_READ, ALERTS_READ, CONSOLE_USE, DORA_READ, TEAMS_READ)),
    /** A tool pushing events (the push API), with no console. */
    INTEGRATION(Set.of(DEPLOYMENTS_READ, DEPLOYMENTS_WRITE, INCIDENTS_READ, INCIDENTS_WRITE, PIPELINES_READ, PIPELINES_WRITE));

    private final Set<String> permissions;

    BuiltInRole(Set<String> permissions) {
        this.permissions = Set.copyOf(new HashSet<>(permissions));
    }

    /** The role's name as users see and assign it: lower case. */
    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Set<String> permissions() {
        return permissions;
    }

    public static Optional<BuiltInRole> named(String name) {
        for (BuiltInRole role : values()) {
            if (role.roleName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
