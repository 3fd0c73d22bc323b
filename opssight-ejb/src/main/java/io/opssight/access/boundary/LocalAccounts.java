package io.opssight.access.boundary;

import io.opssight.access.control.Grants;
import io.opssight.access.control.PasswordHasher;
import io.opssight.access.entity.Identity;
import io.opssight.access.entity.UserAccount;
import io.opssight.audit.control.AuditWriter;
import io.opssight.audit.entity.AuditEntry;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-in of local users with username and password. Every outcome is audited in the same
 * transaction as the failure count it changes. The caller learns only "signed in" or "not": an
 * unknown user, a wrong password, a locked and a disabled account look the same (and an unknown
 * user costs the same PBKDF2 time). {@code opssight.security.lockout.max-failures} consecutive
 * failures lock the account for {@code opssight.security.lockout.minutes}.
 */
@Stateless
@PermitAll
public class LocalAccounts {

    private static final System.Logger LOGGER = System.getLogger(LocalAccounts.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Grants grants;

    @Inject
    AuditWriter audit;

    @Inject
    PasswordHasher passwords;

    @Inject
    @ConfigProperty(name = "opssight.security.lockout.max-failures", defaultValue = "5")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "opssight.security.lockout.minutes", defaultValue = "15")
    int lockMinutes;

    Clock clock = Clock.systemUTC();

    /** The identity of a user whose password matches, or empty (see the class comment). */
    public Optional<Identity> signIn(String username, String password) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        String target = name.length() > 100 ? name.substring(0, 100) : name;
        Instant now = clock.instant();
        List<UserAccount> found = name.isEmpty() || name.length() > 100 ? List.of()
                : em.createNamedQuery(UserAccount.FIND_BY_USERNAME, UserAccount.class).setParameter("username", name)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (found.isEmpty()) {
            passwords.burn(password);
            audit.append("anonymous", "auth.login-failed", target, AuditEntry.DENIED, "unknown user");
            return Optional.empty();
        }
        UserAccount user = found.get(0);
        if (!user.canSignInAt(now)) {
            passwords.burn(password);
            audit.append("anonymous", "auth.login-failed", target, AuditEntry.DENIED,
                    !user.isEnabled() ? "account disabled" : user.isLockedAt(now) ? "account locked" : "no password set");
            return Optional.empty();
        }
        if (!passwords.verify(password, user.getPasswordHash())) {
            boolean locked = user.failedSignIn(now, Math.max(1, maxFailures), Duration.ofMinutes(Math.max(1, lockMinutes)));
            audit.append("anonymous", "auth.login-failed", target, AuditEntry.DENIED, "wrong password");
            if (locked) {
                audit.append("system", "auth.account-locked", target, AuditEntry.DENIED, maxFailures
                        + " failed sign-ins; locked until " + user.getLockedUntil());
                LOGGER.log(Level.WARNING, "Account {0} locked after {1} failed sign-ins", target, maxFailures);
            }
            return Optional.empty();
        }
        if (passwords.outdated(user.getPasswordHash())) {
            user.changePassword(passwords.hash(password));
        }
        user.signedIn(now);
        Identity identity = grants.identityOf(user);
        audit.append(identity.name(), "auth.login", target, AuditEntry.SUCCESS, "password");
        return Optional.of(identity);
    }
}
