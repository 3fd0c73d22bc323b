package io.opssight.access.boundary;

import io.opssight.access.entity.BuiltInRole;
import io.opssight.access.entity.Permission;
import io.opssight.access.entity.Role;
import io.opssight.access.entity.RoleAssignment;
import io.opssight.audit.boundary.Audited;
import io.opssight.audit.control.AuditWriter;
import io.opssight.audit.entity.AuditEntry;
import io.opssight.platform.entity.ConflictProblem;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Roles: the built-in ones (read-only) and custom ones, each a name for a set of permissions.
 * Changing a role's permissions is a security event ({@code security.role-permissions-changed}).
 */
@Stateless
@RolesAllowed(Permission.USERS_MANAGE)
public class Roles {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditWriter audit;

    @Resource
    SessionContext context;

    public List<Role> list() {
        return em.createNamedQuery(Role.FIND_ALL, Role.class).getResultList();
    }

    public Role find(String name) {
        return role(name);
    }

    @Audited
    public Role create(String name, String description, Set<String> permissions) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ValidationProblem("name", "A role name has 1 to 100 characters: lower-case letters, digits and . _ -");
        }
        if (BuiltInRole.named(name).isPresent() || !em.createNamedQuery(Role.FIND_BY_NAME, Role.class)
                .setParameter("name", name).getResultList().isEmpty()) {
            throw new ConflictProblem("name", "A role named '" + name + "' exists");
        }
        Role role = new Role(name, checkDescription(description), check(permissions), false);
        em.persist(role);
        audit.append(caller(), "security.role-permissions-changed", name, AuditEntry.SUCCESS,
                Permission.format(role.permissionSet()));
        return role;
    }

    @Audited
    public Role update(String name, String description, Set<String> permissions) {
        Role role = role(name);
        if (role.isBuiltIn()) {
            throw new ConflictProblem("Built-in role '" + name + "' cannot be changed; create a custom role");
        }
        role.describe(checkDescription(description));
        if (role.grant(check(permissions))) {
            audit.append(caller(), "security.role-permissions-changed", name, AuditEntry.SUCCESS,
                    Permission.format(role.permissionSet()));
        }
        return role;
    }

    @Audited
    public void delete(String name) {
        Role role = role(name);
        if (role.isBuiltIn()) {
            throw new ConflictProblem("Built-in role '" + name + "' cannot be deleted");
        }
        long holders = em.createNamedQuery(RoleAssignment.COUNT_BY_ROLE, Long.class).setParameter("role", role).getSingleResult();
        if (holders > 0) {
            throw new ConflictProblem("Role '" + name + "' is held by " + holders + " assignment(s); take it away first");
        }
        em.remove(role);
    }

    private Role role(String name) {
        return em.createNamedQuery(Role.FIND_BY_NAME, Role.class).setParameter("name", name).getResultList().stream()
                .findFirst().orElseThrow(() -> new NotFoundProblem("No role '" + name + "'"));
    }

    private static String checkDescription(String description) {
        if (description != null && description.length() > 500) {
            throw new ValidationProblem("description", "description may have at most 500 characters");
        }
        return description;
    }

    private static Set<String> check(Set<String> permissions) {
        if (permissions == null || permissions.isEmpty() || permissions.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new ValidationProblem("permissions", "A role needs a list of at least one permission name");
        }
        Set<String> unknown = new TreeSet<>(permissions);
        unknown.removeAll(Permission.all());
        if (!unknown.isEmpty()) {
            throw new ValidationProblem("permissions", "Unknown permissions: " + unknown);
        }
        return permissions;
    }

    private String caller() {
        return context.getCallerPrincipal() == null ? "anonymous" : context.getCallerPrincipal().getName();
    }
}
