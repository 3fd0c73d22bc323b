package io.opssight.incident.rest;

import io.opssight.ingestion.entity.IncidentPush;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The deployment that caused an incident: by OpsSight id ({@code deploymentId}, which must exist),
 * or by the natural key the reporting tool knows ({@code origin} + {@code externalId}, which may
 * arrive later; the incident is linked when it does).
 */
public class CauseReference {

    @Positive(message = "causedBy.deploymentId must be a deployment id")
    private Long deploymentId;

    @Size(max = 200, message = "causedBy.origin is at most 200 characters")
    private String origin;

    @Size(max = 200, message = "causedBy.externalId is at most 200 characters")
    private String externalId;

    public Long getDeploymentId() {
        return deploymentId;
    }

    public void setDeploymentId(Long deploymentId) {
        this.deploymentId = deploymentId;
    }

    public String getOrigin() {
        return origin;
    }

    public void setOrigin(String origin) {
        this.origin = origin;
    }

    public String getExternalId() {
        return externalId;
    }

    public void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    IncidentPush.Cause push() {
        return new IncidentPush.Cause(deploymentId, origin, externalId);
    }
}
