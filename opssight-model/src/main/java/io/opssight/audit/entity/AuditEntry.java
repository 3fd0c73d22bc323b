package io.opssight.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One entry of the audit trail: who did what to which target, when, from where, with what outcome.
 * Entries are immutable and hash-chained: {@code hash = SHA-256(prevHash | seq | at | actor | action |
 * target | outcome | clientAddress | requestId | details)}, so editing, deleting or reordering any
 * entry breaks the chain at that entry. Natural key: seq.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    /** Outcomes recorded. */
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String DENIED = "denied";

    @Id
    private long seq;

    @Column(nullable = false, updatable = false)
    private Instant at;

    @Column(nullable = false, length = 200, updatable = false)
    private String actor;

    @Column(nullable = false, length = 200, updatable = false)
    private String action;

    @Column(length = 500, updatable = false)
    private String target;

    @Column(nullable = false, length = 16, updatable = false)
    private String outcome;

    @Column(name = "client_address", length = 100, updatable = false)
    private String clientAddress;

    @Column(name = "request_id", length = 100, updatable = false)
    private String requestId;

    @Column(updatable = false)
    private String details;

    @Column(name = "prev_hash", nullable = false, length = 64, updatable = false)
    private String prevHash;

    @Column(nullable = false, length = 64, updatable = false)
    private String hash;

    protected AuditEntry() {
        // for JPA
    }

    /** A new entry following the chain at ({@code prevSeq}, {@code prevHash}). */
    public AuditEntry(long prevSeq, String prevHash, Instant at, String actor, String action, String target, String outcome,
            String clientAddress, String requestId, String details) {
        this.seq = prevSeq + 1;
        this.prevHash = Objects.requireNonNull(prevHash, "prevHash");
        this.at = Objects.requireNonNull(at, "at");
        this.actor = truncate(Objects.requireNonNull(actor, "actor"), 200);
        this.action = truncate(Objects.requireNonNull(action, "action"), 200);
        this.target = truncate(target, 500);
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.clientAddress = truncate(clientAddress, 100);
        this.requestId = truncate(requestId, 100);
        this.details = details;
        this.hash = computeHash(prevHash, seq, this.at, this.actor, this.action, this.target, this.outcome,
                this.clientAddress, this.requestId, this.details);
    }

    /** The chain hash of an entry's fields; verify recomputes it from what is stored. */
    public static String computeHash(String prevHash, long seq, Instant at, String actor, String action, String target,
            String outcome, String clientAddress, String requestId, String details) {
        StringBuilder canonical = new StringBuilder(prevHash).append('|').append(seq).append('|')
                .append(at.toEpochMilli()).append('|');
        for (String field : new String[] {actor, action, target, outcome, clientAddress, requestId, details}) {
            // Length-prefixed, so no choice of field values can produce another entry's input.
            canonical.append(field == null ? -1 : field.length()).append(':').append(field == null ? "" : field).append('|');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether the stored hash matches the stored fields and the given predecessor hash. */
    public boolean verifiesAfter(String expectedPrevHash) {
        return prevHash.equals(expectedPrevHash) && hash.equals(computeHash(prevHash, seq, at, actor, action, target,
                outcome, clientAddress, requestId, details));
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    public long getSeq() {
        return seq;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public String getRequestId() {
        return requestId;
    }

    public String getDetails() {
        return details;
    }

    public String getPrevHash() {
        return prevHash;
    }

    public String getHash() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof AuditEntry other && seq == other.getSeq());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq);
    }
}
