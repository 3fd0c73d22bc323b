package io.opssight.access.boundary;

import io.opssight.access.control.PasswordHasher;
import io.opssight.access.entity.BuiltInRole;
import io.opssight.access.entity.Role;
import io.opssight.access.entity.RoleAssignment;
import io.opssight.access.entity.UserAccount;
import io.opssight.audit.control.AuditWriter;
import io.opssight.audit.entity.AuditEntry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * At start-up: brings the built-in roles' rows in line with their definitions in code, and on a
 * first start with no users creates the local administrator {@code admin} with every permission.
 * Its password is {@code opssight.admin.password} ({@code OPSSIGHT_ADMIN_PASSWORD}) or, when that
 * is unset, a generated one written to the log this once.
 */
@Startup
@Singleton
@PermitAll
@DependsOn("Migrations")
public class AccountBootstrap {

    static final String ADMIN = "admin";
    private static final System.Logger LOGGER = System.getLogger(AccountBootstrap.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditWriter audit;

    @Inject
    PasswordHasher passwords;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void start() {
        // Replicas starting together take turns here: the audit head row is the lock every audit
        // append takes anyway, so two cannot both see "no users" and both create an admin.
        em.createNativeQuery("select seq from audit_head where id = 1 for update").getResultList();
        syncBuiltInRoles();
        createFirstAdmin();
    }

    void syncBuiltInRoles() {
        for (BuiltInRole builtIn : BuiltInRole.values()) {
            List<Role> found = em.createNamedQuery(Role.FIND_BY_NAME, Role.class).setParameter("name", builtIn.roleName())
                    .getResultList();
            if (found.isEmpty()) {
                em.persist(new Role(builtIn.roleName(), "built-in", builtIn.permissions(), true));
            } else {
                found.get(0).grant(builtIn.permissions());
            }
        }
        em.flush();
    }

    private static String generated() {
        String password = PasswordHasher.generate();
        while (PasswordHasher.weakness(password, ADMIN) != null) {
            password = PasswordHasher.generate();
        }
        return password;
    }

    void createFirstAdmin() {
        if (em.createNamedQuery(UserAccount.COUNT, Long.class).getSingleResult() > 0) {
            return;
        }
        Optional<String> configured = ConfigProvider.getConfig().getOptionalValue("opssight.admin.password", String.class)
                .filter(v -> !v.isBlank());
        String password = configured.orElseGet(AccountBootstrap::generated);
        String weakness = PasswordHasher.weakness(password, ADMIN);
        if (weakness != null) {
            LOGGER.log(Level.ERROR, "OPSSIGHT_ADMIN_PASSWORD is not acceptable ({0}); no administrator created", weakness);
            return;
        }
        UserAccount admin = new UserAccount(ADMIN, "Administrator", passwords.hash(password), Instant.now());
        em.persist(admin);
        Role role = em.createNamedQuery(Role.FIND_BY_NAME, Role.class).setParameter("name", BuiltInRole.ADMIN.roleName())
                .getSingleResult();
        em.persist(new RoleAssignment(admin, role, null, Instant.now()));
        audit.append("system", "Users.bootstrap", ADMIN, AuditEntry.SUCCESS,
                configured.isPresent() ? "password from OPSSIGHT_ADMIN_PASSWORD" : "generated password written to the log");
        if (configured.isPresent()) {
            LOGGER.log(Level.WARNING, "Created the first administrator ''admin'' with the password from OPSSIGHT_ADMIN_PASSWORD");
        } else {
            // Shown this once, by design: there is no other way to hand the first password over.
            LOGGER.log(Level.WARNING, "Created the first administrator ''admin''. Generated password (shown once, "
                    + "change it after signing in): {0}", password);
        }
    }
}
