package io.opssight.audit.boundary;

import io.opssight.access.entity.Permission;
import io.opssight.audit.control.AuditWriter;
import io.opssight.audit.entity.AuditEntry;
import io.opssight.platform.control.ListQuery;
import io.opssight.platform.entity.KeysetPage;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** The audit trail: record security events, query, verify the chain, export. */
@Stateless
@RolesAllowed(Permission.AUDIT_READ)
public class AuditTrail {

    /** The answer of a verification: whether the chain is intact and, if not, where it first breaks. */
    public record Verification(boolean intact, long checked, Long firstBrokenSeq, String reason, long headSeq, String headHash,
            long anchorSeq) {
    }

    /** Filters for listing and export; null means any. */
    public record Filter(String actor, String action, String target, String outcome, Instant from, Instant to) {

        public Filter(String actor, String action, String outcome, Instant from, Instant to) {
            this(actor, action, null, outcome, from, to);
        }
    }

    public static final int VERIFY_BATCH = 1000;
    /** The largest page of the audit query. */
    public static final int MAX_PAGE = 1000;
    /** The largest page of a streamed export. */
    static final int MAX_EXPORT_PAGE = 5000;
    /** The largest page of the console's table. */
    static final int MAX_CONSOLE_PAGE = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditWriter writer;

    /**
     * Records an event in a transaction of its own: security events (failed sign-in, denied access)
     * and failed operations, whose own transaction rolls back.
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordApart(String actor, String action, String target, String outcome, String details) {
        writer.append(actor, action, target, outcome, details);
    }

    /** Records an event in the caller's transaction: it commits with the change it describes. */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(String actor, String action, String target, String outcome, String details) {
        writer.append(actor, action, target, outcome, details);
    }

    /** A page of the entries matching the filter (at most {@link #MAX_PAGE}), oldest first, after {@code afterSeq}. */
    public KeysetPage<AuditEntry> list(Filter filter, long afterSeq, int limit) {
        return after(filter, afterSeq).page(limit, MAX_PAGE);
    }

    /** The same, for a streamed export: a permission of its own, since an export leaves the system. */
    @RolesAllowed(Permission.AUDIT_EXPORT)
    public List<AuditEntry> exportPage(Filter filter, long afterSeq, int limit) {
        if (limit < 1 || limit > MAX_EXPORT_PAGE) {
            throw new ValidationProblem("limit must be between 1 and " + MAX_EXPORT_PAGE);
        }
        return after(filter, afterSeq).slice(0, limit, MAX_EXPORT_PAGE);
    }

    /** How many entries match: the console's lazy table pages by offset. */
    public long count(Filter filter) {
        return matching(filter).count();
    }

    /** Matching entries, newest first, {@code size} from row {@code first} (offset paging for the console). */
    public List<AuditEntry> slice(Filter filter, int first, int size) {
        return matching(filter).orderBy("e.seq desc").slice(first, size, MAX_CONSOLE_PAGE);
    }

    /** The entries matching the filter after {@code afterSeq}, oldest first. */
    private ListQuery<AuditEntry> after(Filter filter, long afterSeq) {
        return matching(filter).and("e.seq > :after", "after", afterSeq).orderBy("e.seq");
    }

    private ListQuery<AuditEntry> matching(Filter filter) {
        return ListQuery.of(em, AuditEntry.class, "select e from AuditEntry e", "select count(e) from AuditEntry e")
                .andGiven("e.actor = :actor", "actor", filter.actor())
                .andGiven("e.action = :action", "action", filter.action())
                .andGiven("e.target = :target", "target", filter.target())
                .andGiven("e.outcome = :outcome", "outcome", filter.outcome())
                .andGiven("e.at >= :from", "from", filter.from())
                .andGiven("e.at < :to", "to", filter.to());
    }

    /**
     * Recomputes the chain from its anchor (the last entry removed by retention, or the start): each
     * entry's hash must match its fields and its predecessor's hash, seqs must run on from the anchor
     * without gaps, and the last must be the head. Reports the first entry that was changed, deleted
     * (a gap) or reordered. An anchor moved without the chained {@code audit.pruned} entry that
     * retention writes for it counts as tampering too.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Verification verify() {
        Object[] head = (Object[]) em.createNativeQuery("select seq, hash, anchor_seq, anchor_hash from audit_head where id = 1")
                .getSingleResult();
        long headSeq = ((Number) head[0]).longValue();
        String headHash = (String) head[1];
        long anchorSeq = ((Number) head[2]).longValue();
        String prevHash = (String) head[3];
        long expected = anchorSeq + 1;
        long checked = 0;
        while (true) {
            List<AuditEntry> batch = em.createQuery("select e from AuditEntry e where e.seq >= :from order by e.seq",
                    AuditEntry.class).setParameter("from", expected).setMaxResults(VERIFY_BATCH).getResultList();
            for (AuditEntry entry : batch) {
                if (entry.getSeq() != expected) {
                    return new Verification(false, checked, expected, "entry " + expected + " is missing (deleted)",
                            headSeq, headHash, anchorSeq);
                }
                if (!entry.verifiesAfter(prevHash)) {
                    String reason = entry.getPrevHash().equals(prevHash)
                            ? "entry " + expected + " was changed: its hash does not match its contents"
                            : expected == anchorSeq + 1
                                    ? "entry " + expected
                                            + " does not follow the retention anchor (entries removed or the anchor rewritten)"
                                    : "entry " + expected + " does not follow entry " + (expected - 1) + " (reordered or replaced)";
                    return new Verification(false, checked, expected, reason, headSeq, headHash, anchorSeq);
                }
                prevHash = entry.getHash();
                expected++;
                checked++;
            }
            em.clear();
            if (batch.size() < VERIFY_BATCH) {
                break;
            }
        }
        if (anchorSeq + checked != headSeq || !prevHash.equals(headHash)) {
            return new Verification(false, checked, anchorSeq + checked + 1, "the chain ends at " + (anchorSeq + checked)
                    + " but the head says " + headSeq + " (entries deleted from the end, or the head was rewritten)", headSeq,
                    headHash, anchorSeq);
        }
        if (anchorSeq > 0 && em.createQuery("select count(e) from AuditEntry e where e.action = :action and e.target = :target",
                Long.class).setParameter("action", AuditRetention.PRUNED).setParameter("target", String.valueOf(anchorSeq))
                .getSingleResult() == 0) {
            return new Verification(false, checked, anchorSeq + 1, "the retention anchor " + anchorSeq
                    + " is not recorded by an audit.pruned entry (entries removed and the anchor moved outside retention)",
                    headSeq, headHash, anchorSeq);
        }
        return new Verification(true, checked, null, null, headSeq, headHash, anchorSeq);
    }

    /** The head (last seq and hash), for publication outside the database. */
    @PermitAll
    public Object[] head() {
        return (Object[]) em.createNativeQuery("select seq, hash from audit_head where id = 1").getSingleResult();
    }
}
