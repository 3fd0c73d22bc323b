package io.opssight.access.boundary;

import io.opssight.audit.boundary.Audited;
import io.opssight.audit.control.AuditWriter;
import io.opssight.audit.entity.AuditEntry;
import io.opssight.access.control.CallerTeams;
import io.opssight.access.control.TokenCodec;
import io.opssight.access.entity.ApiToken;
import io.opssight.access.entity.Identity;
import io.opssight.access.entity.Permission;
import io.opssight.catalog.entity.Team;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * API tokens: creation (the clear value is returned once), authentication, listing and revocation.
 * A token never gets more than its creator holds: only permissions the creator has, and a
 * team-scoped creator ({@link CallerTeams}) makes only tokens limited to some of its own teams,
 * lists only those and revokes only those. The first successful authentication with a token is
 * audited once ({@code token.first-use}).
 */
@Stateless
@RolesAllowed(Permission.TOKENS_MANAGE)
// Every permission, so that isCallerInRole answers for each (the container knows only declared role references).
@DeclareRoles({Permission.DEPLOYMENTS_READ, Permission.DEPLOYMENTS_WRITE, Permission.INCIDENTS_READ, Permission.INCIDENTS_WRITE,
        Permission.PIPELINES_READ, Permission.PIPELINES_WRITE, Permission.ALERTS_READ, Permission.ALERTS_ACKNOWLEDGE,
        Permission.SOURCES_READ, Permission.SOURCES_MANAGE, Permission.TOKENS_MANAGE, Permission.CONSOLE_USE, Permission.AUDIT_READ,
        Permission.AUDIT_EXPORT, Permission.DORA_READ, Permission.INCIDENTS_LINK, Permission.TEAMS_READ, Permission.TEAMS_MANAGE,
        Permission.USERS_MANAGE})
public class ApiTokens {

    private static final System.Logger LOGGER = System.getLogger(ApiTokens.class.getName());

    /** A token just made: the entity, and the clear value that is never stored. */
    public record Issued(ApiToken token, String secret) {
    }

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    CallerTeams callerTeams;

    @Inject
    AuditWriter audit;

    Clock clock = Clock.systemUTC();

    /**
     * Resolves a presented bearer value to an identity; empty for unknown, revoked and expired
     * tokens alike, so a caller cannot tell which of those it was. A token limited to teams gives a
     * team-scoped identity. The token's first use is audited as {@code token.first-use}, by the
     * token's creator, from {@code clientAddress}: exactly once, because only the one transaction
     * whose conditional update sets {@code first_used_at} writes it.
     */
    @PermitAll
    public Optional<Identity> authenticate(String presented, String clientAddress) {
        if (presented == null || presented.length() < 8 || presented.length() > 512) {
            return Optional.empty();
        }
        List<ApiToken> found = em.createNamedQuery(ApiToken.FIND_BY_HASH, ApiToken.class)
                .setParameter("hash", TokenCodec.hash(presented)).getResultList();
        Instant now = clock.instant();
        if (found.isEmpty() || !found.get(0).isUsableAt(now)) {
            return Optional.empty();
        }
        ApiToken token = found.get(0);
        Identity identity = new Identity("token:" + token.getName(), token.permissionSet(), token.teamIds());
        if (token.getFirstUsedAt() == null && em.createNamedQuery(ApiToken.MARK_FIRST_USE).setParameter("at", now)
                .setParameter("id", token.getId()).executeUpdate() == 1) {
            audit.append(token.getCreatedBy(), "token.first-use", "token:" + token.getName() + " (#" + token.getId() + ")",
                    AuditEntry.SUCCESS, "first authentication with token " + token.getTokenPrefix() + "…", clientAddress);
            LOGGER.log(Level.INFO, "API token {0} used for the first time", token.getName());
        } else if (token.isTouchDueAt(now)) {
            // Recorded at most once a minute, so a burst of calls does not turn every read into a write;
            // a conditional update, so concurrent calls neither conflict on the version nor fail.
            em.createNamedQuery(ApiToken.TOUCH).setParameter("at", now).setParameter("before", now.minusSeconds(60))
                    .setParameter("id", token.getId()).executeUpdate();
        }
        return Optional.of(identity);
    }

    /** {@link #authenticate(String, String)} without a known client address. */
    @PermitAll
    public Optional<Identity> authenticate(String presented) {
        return authenticate(presented, null);
    }

    /** Creates a token with the given permissions, not team-scoped; expiresAt null means it does not expire. */
    @Audited
    public Issued create(String name, Set<String> permissions, Instant expiresAt) {
        return create(name, permissions, null, expiresAt);
    }

    /**
     * Creates a token with the given permissions, limited to the teams named (null or empty: not
     * team-scoped); expiresAt null means it does not expire. 403 for a permission the caller does not
     * hold, or for an unscoped token asked by a team-scoped caller; a team unknown (or, to a
     * team-scoped caller, not theirs) is a 400.
     */
    @Audited
    public Issued create(String name, Set<String> permissions, Collection<String> teams, Instant expiresAt) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new ValidationProblem("name", "A token needs a name of 1 to 200 characters.");
        }
        if (permissions == null || permissions.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new ValidationProblem("permissions", "permissions must be a list of permission names");
        }
        Set<String> unknown = new TreeSet<>(permissions);
        unknown.removeAll(Permission.all());
        if (!unknown.isEmpty()) {
            throw new ValidationProblem("permissions", "Unknown permissions: " + unknown);
        }
        if (permissions.isEmpty()) {
            throw new ValidationProblem("permissions", "A token needs at least one permission.");
        }
        Set<String> notHeld = new TreeSet<>();
        for (String permission : permissions) {
            if (!context.isCallerInRole(permission)) {
                notHeld.add(permission);
            }
        }
        if (!notHeld.isEmpty()) {
            throw new OpsSightException(ProblemType.FORBIDDEN, "permissions",
                    "A token cannot have permissions you do not hold: " + notHeld);
        }
        List<Team> scope = teams(teams);
        if (callerTeams.restricted() && scope.isEmpty()) {
            throw new OpsSightException(ProblemType.FORBIDDEN, "teams",
                    "You are limited to teams: a token you create must be limited to some of them (teams).");
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new ValidationProblem("expiresAt", "expiresAt must be in the future.");
        }
        return issue(name, permissions, scope, context.getCallerPrincipal().getName(), now, expiresAt, TokenCodec.newToken());
    }

    /** The teams named, each known and visible to the caller; another team looks like an unknown one. */
    private List<Team> teams(Collection<String> names) {
        List<Team> found = new ArrayList<>();
        if (names == null) {
            return found;
        }
        Set<String> unknown = new TreeSet<>();
        for (String name : new TreeSet<>(names.stream().map(n -> n == null ? "" : n.trim()).toList())) {
            List<Team> team = em.createNamedQuery(Team.FIND_BY_NAME, Team.class).setParameter("name", name).getResultList();
            if (team.isEmpty() || !callerTeams.sees(team.get(0).getId())) {
                unknown.add(name);
            } else {
                found.add(team.get(0));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ValidationProblem("teams", "Unknown teams: " + unknown);
        }
        return found;
    }

    Issued issue(String name, Set<String> permissions, String createdBy, Instant now, Instant expiresAt, String secret) {
        return issue(name, permissions, List.of(), createdBy, now, expiresAt, secret);
    }

    Issued issue(String name, Set<String> permissions, List<Team> teams, String createdBy, Instant now, Instant expiresAt,
            String secret) {
        ApiToken token = new ApiToken(name, TokenCodec.hash(secret), TokenCodec.displayPrefix(secret), permissions,
                createdBy, now, expiresAt, teams);
        em.persist(token);
        LOGGER.log(Level.INFO, "API token {0} created by {1}{2}", name, createdBy,
                teams.isEmpty() ? "" : " for teams " + token.teamNames());
        return new Issued(token, secret);
    }

    /** Every token (a team-scoped caller: those limited to some of its teams), with their teams. */
    public List<ApiToken> list() {
        return em.createNamedQuery(ApiToken.FIND_ALL, ApiToken.class).getResultList().stream().filter(this::visible).toList();
    }

    /** The names of the teams a token created by the caller may be limited to, sorted. */
    public List<String> teamChoices() {
        return em.createNamedQuery(Team.FIND_ALL, Team.class).getResultList().stream()
                .filter(t -> callerTeams.sees(t.getId())).map(Team::getName).toList();
    }

    private boolean visible(ApiToken token) {
        return !callerTeams.restricted() || (token.isTeamScoped() && callerTeams.teams().containsAll(token.teamIds()));
    }

    @Audited
    public ApiToken revoke(long id) {
        List<ApiToken> found = em.createNamedQuery(ApiToken.FIND_BY_ID, ApiToken.class).setParameter("id", id).getResultList();
        ApiToken token = found.isEmpty() ? null : found.get(0);
        if (token == null || !visible(token)) {
            throw new NotFoundProblem("No API token " + id);
        }
        token.revoke(clock.instant());
        LOGGER.log(Level.INFO, "API token {0} revoked by {1}", token.getName(), context.getCallerPrincipal().getName());
        return token;
    }
}
