package io.opssight.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An OpsSight API token. Only a SHA-256 hash of the secret is stored (the secret is 256 random bits,
 * so a fast hash is enough: there is nothing to brute-force); the clear value is shown once at
 * creation. Natural key: the hash. A token is usable while it is neither revoked nor expired.
 */
@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.FIND_BY_HASH, query = "select t from ApiToken t where t.tokenHash = :hash")
@NamedQuery(name = ApiToken.COUNT_WITH_PERMISSION,
        query = "select count(t) from ApiToken t where t.revokedAt is null and t.permissions like :pattern")
@NamedQuery(name = ApiToken.FIND_ALL, query = "select t from ApiToken t order by t.id")
public class ApiToken {

    public static final String FIND_BY_HASH = "ApiToken.findByHash";
    public static final String COUNT_WITH_PERMISSION = "ApiToken.countWithPermission";
    public static final String FIND_ALL = "ApiToken.findAll";

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

    @Version
    private long version;

    protected ApiToken() {
        // for JPA
    }

    public ApiToken(String name, String tokenHash, String tokenPrefix, Set<String> permissions, String createdBy,
            Instant createdAt, Instant expiresAt) {
        this.name = Objects.requireNonNull(name, "name");
        this.tokenHash = Objects.requireNonNull(tokenHash, "tokenHash");
        this.tokenPrefix = Objects.requireNonNull(tokenPrefix, "tokenPrefix");
        this.permissions = Permission.format(permissions);
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = expiresAt;
    }

    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
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
        if (lastUsedAt == null || lastUsedAt.plusSeconds(60).isBefore(at)) {
            lastUsedAt = at;
            return true;
        }
        return false;
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

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ApiToken other && Objects.equals(tokenHash, other.tokenHash));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(tokenHash);
    }
}
