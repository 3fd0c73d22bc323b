package io.opssight.pipeline.entity;

import java.util.Locale;

/**
 * How a completed run or job ended, in one vocabulary for every CI system. GitHub's conclusions
 * map one to one; GitLab's "failed"/"canceled", Jenkins' "FAILURE"/"ABORTED"/"UNSTABLE" map onto them.
 */
public enum Conclusion {
    SUCCESS, FAILURE, CANCELLED, SKIPPED, TIMED_OUT, NEUTRAL, ACTION_REQUIRED, STALE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFailure() {
        return this == FAILURE || this == TIMED_OUT;
    }

    /** Reads any CI system's word for an outcome; null for words that are not an outcome (e.g. "running"). */
    public static Conclusion parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "success", "succeeded", "passed", "successful" -> SUCCESS;
            case "failure", "failed", "error", "errored", "broken" -> FAILURE;
            case "unstable" -> FAILURE;
            case "cancelled", "canceled", "aborted" -> CANCELLED;
            case "skipped", "not_built", "manual" -> SKIPPED;
            case "timed_out", "timeout" -> TIMED_OUT;
            case "neutral" -> NEUTRAL;
            case "action_required" -> ACTION_REQUIRED;
            case "stale" -> STALE;
            default -> null;
        };
    }
}
