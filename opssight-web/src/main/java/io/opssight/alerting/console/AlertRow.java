package io.opssight.alerting.console;

import io.opssight.alerting.entity.Alert;
import io.opssight.platform.console.Format;
import java.io.Serializable;

/** One alert as the console lists it (the alerts table, the overview's firing alerts). */
public class AlertRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long id;
    private final String name;
    private final String service;
    private final String severity;
    private final String status;
    private final String startsAt;
    private final String endsAt;
    private final String lastSeenAt;
    private final String origin;
    private final String generatorUrl;
    private final String acknowledgedBy;
    private final String acknowledgedAt;
    private final String acknowledgementNote;

    public AlertRow(Alert a) {
        this.id = a.getId();
        this.name = a.getName();
        this.service = a.getService() == null ? "" : a.getService().getName();
        this.severity = a.getSeverity();
        this.status = a.getStatus();
        this.startsAt = Format.time(a.getStartsAt());
        this.endsAt = Format.time(a.getEndsAt());
        this.lastSeenAt = Format.time(a.getLastSeenAt());
        this.origin = a.getOrigin();
        this.acknowledgedBy = a.getAcknowledgedBy();
        this.acknowledgedAt = Format.time(a.getAcknowledgedAt());
        this.acknowledgementNote = a.getAckNote();
        this.generatorUrl = Format.safeUrl(a.getGeneratorUrl());
    }

    public long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getService() {
        return service;
    }

    public String getSeverity() {
        return severity;
    }

    public String getStatus() {
        return status;
    }

    public String getStartsAt() {
        return startsAt;
    }

    public String getEndsAt() {
        return endsAt;
    }

    public String getLastSeenAt() {
        return lastSeenAt;
    }

    public String getOrigin() {
        return origin;
    }

    public String getGeneratorUrl() {
        return generatorUrl;
    }

    public boolean isFiring() {
        return Alert.FIRING.equals(status);
    }

    public boolean isAcknowledged() {
        return acknowledgedBy != null;
    }

    public String getAcknowledgedBy() {
        return acknowledgedBy;
    }

    public String getAcknowledgedAt() {
        return acknowledgedAt;
    }

    public String getAcknowledgementNote() {
        return acknowledgementNote;
    }
}
