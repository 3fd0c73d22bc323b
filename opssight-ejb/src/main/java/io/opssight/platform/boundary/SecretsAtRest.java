package io.opssight.platform.boundary;

import io.opssight.audit.control.AuditWriter;
import io.opssight.audit.entity.AuditEntry;
import io.opssight.ingestion.control.SourceCache;
import io.opssight.platform.entity.SecretBox;
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
import java.util.List;

/**
 * At start, loads the key ring for stored secrets (failing the deployment when a configured key is
 * malformed) and encrypts with the current key every stored secret that is still plaintext (rows
 * from before encryption) or sealed with a previous key (after a rotation). Each row is updated
 * only if it still holds what was read, so replicas starting together do not undo each other.
 */
@Startup
@Singleton
@PermitAll
@DependsOn("Migrations")
public class SecretsAtRest {

    private static final System.Logger LOGGER = System.getLogger(SecretsAtRest.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditWriter audit;

    @Inject
    SourceCache sourceCache;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void reseal() {
        SecretBox box = SecretBox.active();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, secret from source").getResultList();
        int resealed = 0;
        for (Object[] row : rows) {
            String stored = (String) row[1];
            if (box.needsResealing(stored)) {
                String sealed = box.seal(box.open(stored));
                resealed += em.createNativeQuery("update source set secret = ?1 where id = ?2 and secret = ?3")
                        .setParameter(1, sealed).setParameter(2, ((Number) row[0]).longValue()).setParameter(3, stored)
                        .executeUpdate();
            }
        }
        if (resealed > 0) {
            sourceCache.flush();
            audit.append("system", "secrets.resealed", "source", AuditEntry.SUCCESS,
                    resealed + " stored source secrets encrypted with key " + box.currentKeyId());
        }
        LOGGER.log(Level.INFO, "Stored secrets are encrypted with key {0} (from {1}); {2} resealed now",
                box.currentKeyId(), box.origin(), resealed);
    }
}
