package io.opssight.audit.boundary;

import io.opssight.audit.control.AuditWriter;
import io.opssight.audit.entity.AuditEntry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Audit retention by age: entries older than {@code opssight.audit.retention-days} (default 400;
 * 0 keeps everything) are removed from the start of the chain, in batches of
 * {@code opssight.audit.retention-batch} per transaction, checked every
 * {@code opssight.audit.retention-check-seconds} (default an hour). Only a prefix of the chain is
 * removed (up to the first entry that is still young), so what remains is still one chain: the
 * head row keeps the seq and hash of the last removed entry as the anchor that verification
 * starts from, and each batch appends an {@code audit.pruned} entry naming its anchor, so an
 * anchor moved by anyone else is detected. Replicas take turns on the locked head row.
 */
@Startup
@Singleton
@PermitAll
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AuditRetention {

    public static final String PRUNED = "audit.pruned";
    private static final System.Logger LOGGER = System.getLogger(AuditRetention.class.getName());

    @Resource
    TimerService timers;

    @Resource
    SessionContext context;

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditWriter writer;

    @Inject
    @ConfigProperty(name = "opssight.audit.retention-days", defaultValue = "400")
    int retentionDays;

    @Inject
    @ConfigProperty(name = "opssight.audit.retention-batch", defaultValue = "5000")
    int batchSize;

    @Inject
    @ConfigProperty(name = "opssight.audit.retention-check-seconds", defaultValue = "3600")
    long checkSeconds;

    Clock clock = Clock.systemUTC();

    @PostConstruct
    void schedule() {
        if (retentionDays <= 0) {
            LOGGER.log(Level.INFO, "Audit retention is off: entries are kept forever");
            return;
        }
        long period = Math.max(1, checkSeconds) * 1000;
        timers.createIntervalTimer(Math.min(60_000, period), period, new TimerConfig("audit-retention", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void prune() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(retentionDays));
        AuditRetention self = context.getBusinessObject(AuditRetention.class);
        long removed = 0;
        try {
            for (int i = 0; i < 1000; i++) {
                long batch = self.pruneBatch(cutoff, Math.max(1, batchSize));
                removed += batch;
                if (batch == 0) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Audit retention stopped after removing {0} entries: {1}", removed, e.toString());
            return;
        }
        if (removed > 0) {
            LOGGER.log(Level.INFO, "Audit retention removed {0} entries older than {1} days", removed, retentionDays);
        }
    }

    /**
     * Removes up to {@code limit} entries older than {@code cutoff} from the start of the chain and
     * moves the anchor to the last of them, in one transaction holding the head row's lock.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long pruneBatch(Instant cutoff, int limit) {
        Object[] head = (Object[]) em.createNativeQuery("select seq, anchor_seq from audit_head where id = 1 for update")
                .getSingleResult();
        long headSeq = ((Number) head[0]).longValue();
        long anchor = ((Number) head[1]).longValue();
        Long firstKept = em.createQuery("select min(e.seq) from AuditEntry e where e.seq > :anchor and e.at >= :cutoff", Long.class)
                .setParameter("anchor", anchor).setParameter("cutoff", cutoff).getSingleResult();
        long through = Math.min(firstKept == null ? headSeq : firstKept - 1, anchor + limit);
        if (through <= anchor) {
            return 0;
        }
        AuditEntry last = em.find(AuditEntry.class, through);
        if (last == null) {
            throw new IllegalStateException("audit entry " + through + " is missing; run /api/v1/audit/verify");
        }
        String hash = last.getHash();
        em.detach(last);
        int removed = em.createQuery("delete from AuditEntry e where e.seq > :anchor and e.seq <= :through")
                .setParameter("anchor", anchor).setParameter("through", through).executeUpdate();
        em.createNativeQuery("update audit_head set anchor_seq = ?1, anchor_hash = ?2 where id = 1")
                .setParameter(1, through).setParameter(2, hash).executeUpdate();
        writer.append("system", PRUNED, String.valueOf(through), AuditEntry.SUCCESS, "removed entries " + (anchor + 1) + " to "
                + through + " (older than " + retentionDays + " days); the chain now starts after entry " + through
                + " whose hash is " + hash);
        return removed;
    }
}
