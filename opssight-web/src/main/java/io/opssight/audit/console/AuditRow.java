package io.opssight.audit.console;

import io.opssight.audit.entity.AuditEntry;
import io.opssight.platform.console.Format;
import java.io.Serializable;

/** One audit entry as the console shows it. */
public class AuditRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long seq;
    private final String at;
    private final String actor;
    private final String action;
    private final String target;
    private final String outcome;
    private final String clientAddress;
    private final String details;

    AuditRow(AuditEntry e) {
        this.seq = e.getSeq();
        this.at = Format.time(e.getAt());
        this.actor = e.getActor();
        this.action = e.getAction();
        this.target = e.getTarget();
        this.outcome = e.getOutcome();
        this.clientAddress = e.getClientAddress();
        this.details = e.getDetails();
    }

    public long getSeq() {
        return seq;
    }

    public String getAt() {
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

    public String getDetails() {
        return details;
    }
}
