package io.opssight.catalog.boundary;

import io.opssight.access.control.CallerTeams;
import io.opssight.access.entity.Permission;
import io.opssight.catalog.entity.Service;
import io.opssight.catalog.entity.Team;
import io.opssight.platform.entity.ConflictProblem;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.opssight.audit.boundary.Audited;
import jakarta.persistence.TypedQuery;
import java.util.Locale;

/**
 * Teams and which services they own: the minimum DORA per team needs. Services appear by themselves
 * (first seen in an event); a team claims them here. A team-scoped caller ({@link CallerTeams}) sees
 * only its own teams (another team is a 404) and their services, and moves only services its teams
 * own to one of its teams.
 */
@Stateless
@RolesAllowed(Permission.TEAMS_MANAGE)
public class Teams {

    private static final System.Logger LOGGER = System.getLogger(Teams.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    CallerTeams callerTeams;

    /** A team and the names of its services, sorted. */
    public record Owned(Team team, List<String> services) {
    }

    /** Creates a team; 409 when the name is taken. */
    @Audited
    public Team create(String name) {
        if (!em.createNamedQuery(Team.FIND_BY_NAME, Team.class).setParameter("name", name).getResultList().isEmpty()) {
            throw new ConflictProblem("A team named '" + name + "' exists");
        }
        Team team = new Team(name, Instant.now());
        em.persist(team);
        LOGGER.log(Level.INFO, "Created team {0}", name);
        return team;
    }

    /** Every team with its services, by name. */
    @RolesAllowed({Permission.TEAMS_READ, Permission.TEAMS_MANAGE})
    public List<Owned> list() {
        Map<Long, List<String>> services = new LinkedHashMap<>();
        for (Object[] row : em.createQuery("select s.team.id, s.name from Service s where s.team is not null order by s.name",
                Object[].class).getResultList()) {
            services.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add((String) row[1]);
        }
        return em.createNamedQuery(Team.FIND_ALL, Team.class).getResultList().stream()
                .filter(t -> callerTeams.sees(t.getId()))
                .map(t -> new Owned(t, services.getOrDefault(t.getId(), List.of()))).toList();
    }

    /** Names of services starting with {@code prefix} (any case), by name, at most {@code limit}: for pickers. */
    @RolesAllowed({Permission.TEAMS_READ, Permission.TEAMS_MANAGE})
    public List<String> serviceNames(String prefix, int limit) {
        String start = prefix == null ? "" : prefix.trim().toLowerCase(Locale.ROOT)
                .replace("!", "!!").replace("%", "!%").replace("_", "!_");
        TypedQuery<String> q = em.createQuery("select s.name from Service s where lower(s.name) like :prefix "
                + "escape '!'" + (callerTeams.restricted() ? " and s.team.id in :callerTeams" : "") + " order by s.name",
                String.class).setParameter("prefix", start + "%");
        if (callerTeams.restricted()) {
            q.setParameter("callerTeams", callerTeams.restriction());
        }
        return q.setMaxResults(Math.max(1, Math.min(limit, 100))).getResultList();
    }

    /** One team with its services; 404 when there is no team of that name. */
    @RolesAllowed({Permission.TEAMS_READ, Permission.TEAMS_MANAGE})
    public Owned find(String name) {
        List<Team> teams = em.createNamedQuery(Team.FIND_BY_NAME, Team.class).setParameter("name", name).getResultList();
        if (teams.isEmpty() || !callerTeams.sees(teams.get(0).getId())) {
            throw new NotFoundProblem("No team '" + name + "'");
        }
        Team team = teams.get(0);
        List<String> services = em.createQuery("select s.name from Service s where s.team = :team order by s.name", String.class)
                .setParameter("team", team).getResultList();
        return new Owned(team, services);
    }

    /**
     * Makes {@code teamName} own service {@code serviceName}, or no team when it is null. 404 for an
     * unknown service, 400 for an unknown team.
     */
    @Audited
    public Service assign(String serviceName, String teamName) {
        List<Service> found = em.createNamedQuery(Service.FIND_BY_NAME, Service.class).setParameter("name", serviceName)
                .getResultList();
        if (found.isEmpty() || !callerTeams.sees(found.get(0).getTeam() == null ? null : found.get(0).getTeam().getId())) {
            throw new NotFoundProblem("service", "No service '" + serviceName + "'");
        }
        Team team = null;
        if (teamName != null) {
            List<Team> teams = em.createNamedQuery(Team.FIND_BY_NAME, Team.class).setParameter("name", teamName).getResultList();
            if (teams.isEmpty() || !callerTeams.sees(teams.get(0).getId())) {
                throw new ValidationProblem("team", "No team '" + teamName + "'; create it first (POST /api/v1/teams)");
            }
            team = teams.get(0);
        }
        Service service = found.get(0);
        service.assignTo(team);
        LOGGER.log(Level.INFO, "Service {0} now belongs to {1}", serviceName, teamName == null ? "no team" : teamName);
        return service;
    }
}
