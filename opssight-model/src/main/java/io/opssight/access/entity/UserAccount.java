package io.opssight.access.entity;

import io.opssight.platform.entity.ValidationProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A local user who signs in to the console with a password. Only a salted PBKDF2 hash is stored
 * (a self-describing string, see {@code access.control.PasswordHasher}). Consecutive failed sign-ins
 * are counted; reaching the limit locks the account for a while. Natural key: the username
 * (lower case).
 */
@Entity
@Table(name = "users")
@NamedQuery(name = UserAccount.FIND_BY_USERNAME, query = "select u from UserAccount u where u.username = :username")
@NamedQuery(name = UserAccount.FIND_ALL, query = "select u from UserAccount u order by u.username")
@NamedQuery(name = UserAccount.COUNT, query = "select count(u) from UserAccount u")
public class UserAccount {

    public static final String FIND_BY_USERNAME = "UserAccount.findByUsername";
    public static final String FIND_ALL = "UserAccount.findAll";
    public static final String COUNT = "UserAccount.count";
    /** Lower-case letters, digits and . _ @ -, starting with a letter or digit. */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,99}");

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "users_seq")
    @SequenceGenerator(name = "users_seq", sequenceName = "users_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 100, unique = true)
    private String username;

    @Column(name = "display_name", length = 200)
    private String displayName;

    @Column(name = "password_hash", length = 300)
    private String passwordHash;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    /**
     * The username a new user gets (trimmed, lower case), once it and the display name are valid:
     * 1 to 100 letters, digits and . _ @ -, a display name of at most 200 characters; a 400 naming
     * the field otherwise.
     */
    public static String newUsername(String username, String displayName) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new ValidationProblem("username", "A username has 1 to 100 characters: letters, digits and . _ @ -");
        }
        if (displayName != null && displayName.length() > 200) {
            throw new ValidationProblem("displayName", "displayName may have at most 200 characters");
        }
        return name;
    }

    protected UserAccount() {
        // for JPA
    }

    public UserAccount(String username, String displayName, String passwordHash, Instant createdAt) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("invalid username");
        }
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** Whether a password may be checked at all now: enabled, not locked, and one is set. */
    public boolean canSignInAt(Instant now) {
        return enabled && !isLockedAt(now) && passwordHash != null;
    }

    /**
     * Counts a failed sign-in; at {@code maxFailures} consecutive failures the account locks until
     * {@code now + lockFor} and the count starts again. Returns whether this failure locked it.
     */
    public boolean failedSignIn(Instant now, int maxFailures, Duration lockFor) {
        failedAttempts++;
        if (failedAttempts >= maxFailures) {
            failedAttempts = 0;
            lockedUntil = now.plus(lockFor);
            return true;
        }
        return false;
    }

    public void signedIn(Instant now) {
        failedAttempts = 0;
        lockedUntil = null;
        lastLoginAt = now;
    }

    public void unlock() {
        failedAttempts = 0;
        lockedUntil = null;
    }

    public void changePassword(String newHash) {
        this.passwordHash = newHash;
    }

    public void enable(boolean on) {
        this.enabled = on;
    }

    public void rename(String newDisplayName) {
        this.displayName = newDisplayName;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public int getFailedAttempts() {
        return failedAttempts;
    }

    public Instant getLockedUntil() {
        return lockedUntil;
    }

    public Instant getLastLoginAt() {
        return lastLoginAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof UserAccount other && Objects.equals(username, other.getUsername()));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(username);
    }
}
