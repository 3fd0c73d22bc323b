package io.opssight.audit.rest;

import io.opssight.audit.entity.AuditEntry;
import java.time.Instant;

/** An audit entry on the wire. */
public record AuditEntryView(long seq, Instant at, String actor, String action, String target, String outcome,
        String clientAddress, String requestId, String details, String hash) {
    public static AuditEntryView from(AuditEntry e) {
        return new AuditEntryView(e.getSeq(), e.getAt(), e.getActor(), e.getAction(), e.getTarget(), e.getOutcome(),
                e.getClientAddress(), e.getRequestId(), e.getDetails(), e.getHash());
    }
}
