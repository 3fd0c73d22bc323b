package io.opssight.deployment.entity;

import java.util.Locale;

/** The life of a deployment. SUCCESS, FAILURE and ERROR are final outcomes. */
public enum DeploymentStatus {
    QUEUED, PENDING, IN_PROGRESS, SUCCESS, FAILURE, ERROR, INACTIVE;

    public boolean isFinal() {
        return this == SUCCESS || this == FAILURE || this == ERROR;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Maps GitHub's deployment status states (queued, pending, in_progress, success, failure, error, inactive). */
    public static DeploymentStatus fromGitHub(String state) {
        if (state == null) {
            throw new IllegalArgumentException("deployment status without a state");
        }
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "queued", "waiting" -> QUEUED;
            case "pending" -> PENDING;
            case "in_progress" -> IN_PROGRESS;
            case "success" -> SUCCESS;
            case "failure" -> FAILURE;
            case "error" -> ERROR;
            case "inactive" -> INACTIVE;
            default -> throw new IllegalArgumentException("unknown deployment state '" + state + "'");
        };
    }
}
