package io.opssight.access.entity;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fine-grained permissions. Each one is also a container role name, so EJB boundaries and JAX-RS
 * resources check them with {@code @RolesAllowed(Permission.DEPLOYMENTS_READ)}: deny by default,
 * because a method without one of these is not callable by anyone authenticated.
 */
public final class Permission {

    public static final String DEPLOYMENTS_READ = "deployments:read";
    public static final String DEPLOYMENTS_WRITE = "deployments:write";
    public static final String INCIDENTS_READ = "incidents:read";
    public static final String INCIDENTS_WRITE = "incidents:write";
    public static final String PIPELINES_READ = "pipelines:read";
    public static final String PIPELINES_WRITE = "pipelines:write";
    public static final String ALERTS_READ = "alerts:read";
    /** Acknowledging a firing alert and taking the acknowledgement back (issues 5 and 6). */
    public static final String ALERTS_ACKNOWLEDGE = "alerts:acknowledge";
    public static final String SOURCES_READ = "sources:read";
    public static final String SOURCES_MANAGE = "sources:manage";
    public static final String TOKENS_MANAGE = "tokens:manage";
    public static final String CONSOLE_USE = "console:use";
    public static final String AUDIT_READ = "audit:read";
    public static final String AUDIT_EXPORT = "audit:export";
    /** Reading DORA figures and their drill-downs (issue 4). */
    public static final String DORA_READ = "dora:read";
    /** Correcting which deployment caused an incident (a manual link, never replaced by a time-based guess). */
    public static final String INCIDENTS_LINK = "incidents:link";
    public static final String TEAMS_READ = "teams:read";
    /** Creating teams and assigning services to them. */
    public static final String TEAMS_MANAGE = "teams:manage";
    /** Managing local users, custom roles and who holds which role (issue 5). */
    public static final String USERS_MANAGE = "users:manage";

    private static final Set<String> ALL = Set.of(
            DEPLOYMENTS_READ, DEPLOYMENTS_WRITE, INCIDENTS_READ, INCIDENTS_WRITE, PIPELINES_READ, PIPELINES_WRITE,
            ALERTS_READ, SOURCES_READ, SOURCES_MANAGE, TOKENS_MANAGE, CONSOLE_USE, AUDIT_READ, AUDIT_EXPORT, DORA_READ,
            INCIDENTS_LINK, TEAMS_READ, TEAMS_MANAGE, USERS_MANAGE, ALERTS_ACKNOWLEDGE);

    private Permission() {
    }

    public static Set<String> all() {
        return ALL;
    }

    public static boolean isKnown(String permission) {
        return ALL.contains(permission);
    }

    /** Parses the stored, comma-separated form. */
    public static Set<String> parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(stored.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public static String format(Set<String> permissions) {
        return permissions.stream().sorted().collect(Collectors.joining(","));
    }
}
