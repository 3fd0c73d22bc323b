package io.opssight.access.boundary;

import io.opssight.audit.boundary.Audited;
import io.opssight.access.control.TokenCodec;
import io.opssight.access.entity.ApiToken;
import io.opssight.access.entity.Permission;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** API tokens: creation (the clear value is returned once), authentication, listing and revocation. */
@Stateless
@RolesAllowed(Permission.TOKENS_MANAGE)
public class ApiTokens {

    private static final System.Logger LOGGER = System.getLogger(ApiTokens.class.getName());

    /** A token just made: the entity, and the clear value that is never stored. */
    public record Issued(ApiToken token, String secret) {
    }

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    Clock clock = Clock.systemUTC();

    /**
     * Resolves a presented bearer value to an identity; empty for unknown, revoked and expired
     * tokens alike, so a caller cannot tell which of those it was.
     */
    @PermitAll
    public Optional<Identity> authenticate(String presented) {
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
        token.touch(now);
        return Optional.of(new Identity("token:" + token.getName(), token.permissionSet()));
    }

    /** Creates a token with the given permissions; expiresAt null means it does not expire. */
    @Audited
    public Issued create(String name, Set<String> permissions, Instant expiresAt) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new ValidationProblem("A token needs a name of 1 to 200 characters.");
        }
        if (permissions == null || permissions.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new ValidationProblem("permissions must be a list of permission names");
        }
        Set<String> unknown = new TreeSet<>(permissions);
        unknown.removeAll(Permission.all());
        if (!unknown.isEmpty()) {
            throw new ValidationProblem("Unknown permissions: " + unknown);
        }
        if (permissions.isEmpty()) {
            throw new ValidationProblem("A token needs at least one permission.");
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new ValidationProblem("expiresAt must be in the future.");
        }
        return issue(name, permissions, context.getCallerPrincipal().getName(), now, expiresAt, TokenCodec.newToken());
    }

    Issued issue(String name, Set<String> permissions, String createdBy, Instant now, Instant expiresAt, String secret) {
        ApiToken token = new ApiToken(name, TokenCodec.hash(secret), TokenCodec.displayPrefix(secret), permissions,
                createdBy, now, expiresAt);
        em.persist(token);
        LOGGER.log(Level.INFO, "API token {0} created by {1}", name, createdBy);
        return new Issued(token, secret);
    }

    public List<ApiToken> list() {
        return em.createNamedQuery(ApiToken.FIND_ALL, ApiToken.class).getResultList();
    }

    @Audited
    public ApiToken revoke(long id) {
        ApiToken token = em.find(ApiToken.class, id);
        if (token == null) {
            throw new NotFoundProblem("No API token " + id);
        }
        token.revoke(clock.instant());
        LOGGER.log(Level.INFO, "API token {0} revoked by {1}", token.getName(), context.getCallerPrincipal().getName());
        return token;
    }
}
