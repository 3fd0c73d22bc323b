package io.opssight.access.entity;

import io.opssight.catalog.entity.Team;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An OpsSight API token. Only a SHA-256 hash of the secret is stored (the secret is 256 random bits,
 * so a fast hash is enough: there is nothing to brute-force); the clear value is shown once at
 * creation. Natural key: the hash. A token is usable while it is neither revoked nor expired. A token
 * with teams is team-scoped (it sees only those teams' services' objects); without, it is not.
 */
@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.FIND_BY_HASH, query = "select t from ApiToken t left join fetch t.teams tt left join fetch tt.team "
        + "where t.tokenHash = :hash")
@NamedQuery(name = ApiToken.COUNT_WITH_PERMISSION,
        query = "select count(t) from ApiToken t where t.revokedAt is null and t.permissions like :pattern")
@NamedQuery(name = ApiToken.FIND_ALL, query = "select distinct t from ApiToken t left join fetch t.teams tt left join fetch tt.team "
        + "order by t.id")
@NamedQuery(name = ApiToken.FIND_BY_ID, query = "select t from ApiToken t left join fetch t.teams tt left join fetch tt.team "
        + "where t.id = :id")
/* Conditional updates, so that concurrent requests neither conflict on the version nor both count as the first use. */
@NamedQuery(name = ApiToken.MARK_FIRST_USE,
        query = "update ApiToken t set t.firstUsedAt = :at, t.lastUsedAt = :at where t.id = :id and t.firstUsedAt is null")
@NamedQuery(name = ApiToken.TOUCH,
        query = "update ApiToken t set t.lastUsedAt = :at where t.id = :id and (t.lastUsedAt is null or t.lastUsedAt < :before)")
public class ApiToken {

    public static final String FIND_BY_HASH = "ApiToken.findByHash";
    public static final String COUNT_WITH_PERMISSION = "ApiToken.countWithPermission";
    public static final String FIND_ALL = "ApiToken.findAll";
    public static final String FIND_BY_ID = "ApiToken.findById";
    public static final String MARK_FIRST_USE = "ApiToken.markFirstUse";
    public static final String TOUCH = "ApiToken.touch";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_token_seq")
    @SequenceGenerator(name = "api_token_seq", sequenceName = "api_token_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "token_hash", nullable = false, length = 64, unique = true)
    private String tokenHash;

    /** The first characters of the token, so a user can tell tokens apart without the secret. */
    @Column(name = "token_prefix", nullable = false, length = 16)
    private String tokenPrefix;

    @Column(nullable = false, length = 2000)
    private String permissions;

    @Column(name = "created_by", nullable = false, length = 200)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    /** The first successful authentication; set once, by {@link #MARK_FIRST_USE}. */
    @Column(name = "first_used_at")
    private Instant firstUsedAt;

    /** The teams the token is limited to; none: not team-scoped. Fixed at creation. */
    @OneToMany(mappedBy = "token", cascade = CascadeType.PERSIST)
    private List<ApiTokenTeam> teams = new ArrayList<>();

    @Version
    private long version;

    protected ApiToken() {
        // for JPA
    }

    /**
     * What a token asked for must be: a name of 1 to 200 characters and at least one permission,
     * each a known one; a 400 naming the field otherwise.
     */
    public static void checkRequested(String name, Set<String> permissions) {
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
    }

    public ApiToken(String name, String tokenHash, String tokenPrefix, Set<String> permissions, String createdBy,
            Instant createdAt, Instant expiresAt) {
        this(name, tokenHash, tokenPrefix, permissions, createdBy, createdAt, expiresAt, List.of());
    }

    /** A token limited to {@code teams} (empty: not team-scoped). */
    public ApiToken(String name, String tokenHash, String tokenPrefix, Set<String> permissions, String createdBy,
            Instant createdAt, Instant expiresAt, Collection<Team> teams) {
        this.name = Objects.requireNonNull(name, "name");
        this.tokenHash = Objects.requireNonNull(tokenHash, "tokenHash");
        this.tokenPrefix = Objects.requireNonNull(tokenPrefix, "tokenPrefix");
        this.permissions = Permission.format(permissions);
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = expiresAt;
        for (Team team : teams) {
            this.teams.add(new ApiTokenTeam(this, team));
        }
    }

    public boolean isUsableAt(Instant now) {
        return revokedAt == null && !isExpiredAt(now);
    }

    /** Whether its expiry has come by {@code now} (a token without one never expires). */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    /**
     * Records use, at most once a minute, so that authenticating a burst of calls does not turn
     * every read into a write. Returns whether the time changed.
     */
    public boolean touch(Instant at) {
        if (isTouchDueAt(at)) {
            lastUsedAt = at;
            return true;
        }
        return false;
    }

    /** Whether the token is limited to teams. */
    public boolean isTeamScoped() {
        return !teams.isEmpty();
    }

    /** The ids of the teams the token is limited to; null when it is not team-scoped. */
    public Set<Long> teamIds() {
        return teams.isEmpty() ? null : teams.stream().map(t -> t.getTeam().getId()).collect(Collectors.toUnmodifiableSet());
    }

    /** The names of the teams the token is limited to, sorted; empty when it is not team-scoped. */
    public List<String> teamNames() {
        return teams.stream().map(t -> t.getTeam().getName()).sorted().toList();
    }

    /**
     * Whether a use at {@code at} should be recorded: the last recorded use is more than a minute
     * old (the rule of {@link #touch} and of the {@link #TOUCH} update, which applies it in the database).
     */
    public boolean isTouchDueAt(Instant at) {
        return lastUsedAt == null || lastUsedAt.plusSeconds(60).isBefore(at);
    }

    public Set<String> permissionSet() {
        return Permission.parse(permissions);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getTokenPrefix() {
        return tokenPrefix;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public Instant getFirstUsedAt() {
        return firstUsedAt;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ApiToken other && Objects.equals(tokenHash, other.tokenHash));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(tokenHash);
    }
}
