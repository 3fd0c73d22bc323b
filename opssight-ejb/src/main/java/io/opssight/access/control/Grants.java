package io.opssight.access.control;

import io.opssight.access.entity.Identity;
import io.opssight.access.entity.Role;
import io.opssight.access.entity.RoleAssignment;
import io.opssight.access.entity.UserAccount;
import io.opssight.catalog.entity.Team;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a set of role grants adds up to. Permissions are the union of the roles' permissions. A
 * caller with at least one grant without a team is unrestricted; one whose every grant names a team
 * sees only those teams' services (the union of the teams).
 */
@Dependent
public class Grants {

    /** One role, everywhere (team null) or for one team. */
    public record Grant(Role role, Team team) {
    }

    private static final System.Logger LOGGER = System.getLogger(Grants.class.getName());

    @PersistenceContext
    EntityManager em;

    public Identity identityOf(UserAccount user) {
        List<RoleAssignment> assignments = em.createNamedQuery(RoleAssignment.FIND_BY_USER, RoleAssignment.class)
                .setParameter("user", user).getResultList();
        return identity("user:" + user.getUsername(), assignments.stream().map(a -> new Grant(a.getRole(), a.getTeam())).toList());
    }

    public static Identity identity(String name, Collection<Grant> grants) {
        Set<String> permissions = new HashSet<>();
        Set<Long> teams = new HashSet<>();
        boolean everywhere = false;
        for (Grant grant : grants) {
            permissions.addAll(grant.role().permissionSet());
            if (grant.team() == null) {
                everywhere = true;
            } else {
                teams.add(grant.team().getId());
            }
        }
        return new Identity(name, permissions, everywhere || grants.isEmpty() ? null : teams);
    }

    public Optional<Role> role(String name) {
        return em.createNamedQuery(Role.FIND_BY_NAME, Role.class).setParameter("name", name).getResultList().stream().findFirst();
    }

    public Optional<Team> team(String name) {
        return em.createNamedQuery(Team.FIND_BY_NAME, Team.class).setParameter("name", name).getResultList().stream().findFirst();
    }

    /**
     * The grants a {@code group=role[@team],…} mapping gives these groups (JWT, OIDC and GitHub sign-in);
     * unknown roles or teams in the mapping are skipped and logged.
     */
    public List<Grant> fromMapping(Set<String> groups, String mapping) {
        return fromMapping(groups, mapping, false);
    }

    /**
     * As {@link #fromMapping(Set, String)}; with {@code ignoreCase} group names match whatever their
     * case (GitHub organisation logins and team slugs are case-insensitive).
     */
    public List<Grant> fromMapping(Set<String> groups, String mapping, boolean ignoreCase) {
        Set<String> held = ignoreCase ? groups.stream().map(g -> g.toLowerCase(Locale.ROOT)).collect(Collectors.toSet())
                : groups;
        List<Grant> result = new ArrayList<>();
        for (String entry : mapping.split(",")) {
            int eq = entry.indexOf('=');
            if (eq < 1) {
                continue;
            }
            String group = entry.substring(0, eq).trim();
            if (!held.contains(ignoreCase ? group.toLowerCase(Locale.ROOT) : group)) {
                continue;
            }
            String target = entry.substring(eq + 1).trim();
            int at = target.indexOf('@');
            String roleName = at < 0 ? target : target.substring(0, at).trim();
            String teamName = at < 0 ? null : target.substring(at + 1).trim();
            Optional<Role> role = role(roleName);
            Optional<Team> team = teamName == null ? Optional.empty() : team(teamName);
            if (role.isEmpty() || (teamName != null && team.isEmpty())) {
                LOGGER.log(Level.WARNING, "A group-to-role mapping names an unknown role or team: {0}", target);
                continue;
            }
            result.add(new Grant(role.get(), team.orElse(null)));
        }
        return result;
    }

}
