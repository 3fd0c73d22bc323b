package io.opssight.audit.control;

import io.opssight.audit.entity.AuditEntry;
import io.opssight.platform.control.CallerContext;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Appends to the chain in the caller's transaction. The head row is locked (select ... for update)
 * for the rest of that transaction, which serialises appends so that each entry's predecessor is
 * certain; if the transaction rolls back, so does the entry, and if the entry cannot be written,
 * the transaction fails (fail closed).
 */
@Dependent
public class AuditWriter {

    @PersistenceContext
    EntityManager em;

    @Inject
    CallerContext caller;

    private final Clock clock = Clock.systemUTC();

    public AuditEntry append(String actor, String action, String target, String outcome, String details) {
        return append(actor, action, target, outcome, details, clientAddress());
    }

    /**
     * Appends with the client address given: for work done before the request's context is
     * established, such as authentication (null: unknown).
     */
    public AuditEntry append(String actor, String action, String target, String outcome, String details, String clientAddress) {
        Object[] head = (Object[]) em.createNativeQuery("select seq, hash from audit_head where id = 1 for update")
                .getSingleResult();
        long seq = ((Number) head[0]).longValue();
        String prevHash = (String) head[1];
        AuditEntry entry = new AuditEntry(seq, prevHash, clock.instant().truncatedTo(ChronoUnit.MILLIS), actor, action, target, outcome,
                clientAddress,
                requestId(), details);
        em.persist(entry);
        em.createNativeQuery("update audit_head set seq = ?1, hash = ?2 where id = 1")
                .setParameter(1, entry.getSeq()).setParameter(2, entry.getHash()).executeUpdate();
        return entry;
    }

    private String clientAddress() {
        try {
            return caller.clientAddress();
        } catch (ContextNotActiveException e) {
            return null;
        }
    }

    private String requestId() {
        try {
            return caller.requestId();
        } catch (ContextNotActiveException e) {
            return null;
        }
    }
}
