package io.opssight.access.boundary;

import io.opssight.access.control.TokenCodec;
import io.opssight.access.entity.ApiToken;
import io.opssight.access.entity.Permission;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import io.opssight.audit.control.AuditWriter;
import io.opssight.audit.entity.AuditEntry;
import jakarta.inject.Inject;

/**
 * First start: when {@code OPSSIGHT_BOOTSTRAP_ADMIN_TOKEN} is set and no usable token carries
 * {@code tokens:manage}, creates an admin token with exactly that value, so automation can begin.
 * Two replicas racing here are harmless: the token hash is unique, the loser's insert fails and
 * the winner's token is the one that exists.
 */
@Startup
@Singleton
@PermitAll
@DependsOn("Migrations")
public class Bootstrap {

    static final String ADMIN_TOKEN_NAME = "bootstrap-admin";
    private static final System.Logger LOGGER = System.getLogger(Bootstrap.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditWriter audit;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void createAdminToken() {
        Config config = ConfigProvider.getConfig();
        Optional<String> value = config.getOptionalValue("OPSSIGHT_BOOTSTRAP_ADMIN_TOKEN", String.class)
                .filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            return;
        }
        String secret = value.get().trim();
        if (secret.length() < 8) {
            LOGGER.log(Level.ERROR, "OPSSIGHT_BOOTSTRAP_ADMIN_TOKEN is shorter than 8 characters; no admin token created");
            return;
        }
        if (secret.length() < 20) {
            LOGGER.log(Level.WARNING, "OPSSIGHT_BOOTSTRAP_ADMIN_TOKEN is short; use at least 32 random characters");
        }
        // Replicas starting together take turns on the audit head row (as AccountBootstrap does), so
        // two cannot both see "no admin token" and both insert it (the second would fail to deploy).
        em.createNativeQuery("select seq from audit_head where id = 1 for update").getResultList();
        long admins = em.createNamedQuery(ApiToken.COUNT_WITH_PERMISSION, Long.class)
                .setParameter("pattern", "%" + Permission.TOKENS_MANAGE + "%").getSingleResult();
        String hash = TokenCodec.hash(secret);
        boolean exists = !em.createNamedQuery(ApiToken.FIND_BY_HASH, ApiToken.class).setParameter("hash", hash)
                .getResultList().isEmpty();
        if (admins > 0 || exists) {
            return;
        }
        em.persist(new ApiToken(ADMIN_TOKEN_NAME, hash, TokenCodec.displayPrefix(secret), Permission.all(), "bootstrap",
                Instant.now(), null));
        audit.append("system", "ApiTokens.bootstrap", ADMIN_TOKEN_NAME, AuditEntry.SUCCESS,
                "created from OPSSIGHT_BOOTSTRAP_ADMIN_TOKEN with every permission");
        LOGGER.log(Level.WARNING, "Created the bootstrap admin API token from OPSSIGHT_BOOTSTRAP_ADMIN_TOKEN; "
                + "create personal tokens and revoke it");
    }
}
