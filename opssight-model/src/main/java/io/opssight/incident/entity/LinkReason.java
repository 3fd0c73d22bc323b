package io.opssight.incident.entity;

/** Why an incident is attributed to a deployment (change failure rate counts it either way). */
public enum LinkReason {
    /** The source named the deployment (e.g. a deployment id or sha in the incident). */
    EXPLICIT,
    /** The latest successful production deployment of the same service before the incident opened. */
    LATEST_PRODUCTION_DEPLOYMENT,
    /** A user with the permission set or corrected it (audited). */
    MANUAL
}
