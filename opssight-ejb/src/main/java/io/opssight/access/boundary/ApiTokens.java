package io.opssight.access.boundary;

import io.opssight.audit.boundary.Audited;
import io.opssight.audit.control.AuditWriter;
import io.opssight.audit.entity.AuditEntry;
import io.opssight.access.control.TokenCodec;
import io.opssight.access.control.TokenTeams;
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
    TokenTeams tokenTeams;

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
        ApiToken.checkRequested(name, permissions);
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
        List<Team> scope = tokenTeams.named(teams);
        if (tokenTeams.callerRestricted() && scope.isEmpty()) {
            throw new OpsSightException(ProblemType.FORBIDDEN, "teams",
                    "You are limited to teams: a token you create must be limited to some of them (teams).");
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new ValidationProblem("expiresAt", "expiresAt must be in the future.");
        }
        return issue(name, permissions, scope, context.getCallerPrincipal().getName(), now, expiresAt, TokenCodec.newToken());
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
        return em.createNamedQuery(ApiToken.FIND_ALL, ApiToken.class).getResultList().stream().filter(tokenTeams::visible).toList();
    }

    /** The names of the teams a token created by the caller may be limited to, sorted. */
    public List<String> teamChoices() {
        return tokenTeams.choices();
    }

    @Audited
    public ApiToken revoke(long id) {
        List<ApiToken> found = em.createNamedQuery(ApiToken.FIND_BY_ID, ApiToken.class).setParameter("id", id).getResultList();
        ApiToken token = found.isEmpty() ? null : found.get(0);
        if (token == null || !tokenTeams.visible(token)) {
            throw new NotFoundProblem("No API token " + id);
        }
        token.revoke(clock.instant());
        LOGGER.log(Level.INFO, "API token {0} revoked by {1}", token.getName(), context.getCallerPrincipal().getName());
        return token;
    }
}
