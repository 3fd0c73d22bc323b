package io.opssight.dora.entity;

import io.opssight.platform.entity.ValidationProblem;
import java.util.Locale;

/** The figures an incident can count for (the drill-down says which, so each can be disputed). */
public enum IncidentMeasure {
    /** Its causing deployment is a counted deployment: that deployment failed. */
    CHANGE_FAILURE_RATE,
    /** Resolved in the window, caused by a production deployment in scope (2023). */
    RECOVERY,
    /** Resolved in the window and of the scope (2021). */
    TIME_TO_RESTORE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null for null; otherwise one of the wire names, else 400. */
    public static IncidentMeasure parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (IncidentMeasure m : values()) {
            if (m.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new ValidationProblem("measure", "measure must be one of change_failure_rate, recovery, time_to_restore");
    }
}
