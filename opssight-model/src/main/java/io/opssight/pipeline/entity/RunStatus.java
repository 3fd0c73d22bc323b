package io.opssight.pipeline.entity;

import java.util.Locale;

/** Where a pipeline run or job is: waiting, running or done (how it ended is its conclusion). */
public enum RunStatus {
    QUEUED, IN_PROGRESS, COMPLETED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Progress only moves forward: a late "queued" never undoes "completed". */
    public boolean isAfter(RunStatus other) {
        return ordinal() > other.ordinal();
    }
}
