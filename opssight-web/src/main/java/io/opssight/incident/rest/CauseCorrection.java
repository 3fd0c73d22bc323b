package io.opssight.incident.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A user's correction of what caused an incident: a deployment id, or null for "no deployment caused
 * it", and why (required, so a disputed figure can be explained). A class for the reason given on NewSource.
 */
public class CauseCorrection {

    @Positive(message = "deploymentId must be a deployment id")
    private Long deploymentId;

    @NotBlank(message = "note is required: say why the link is corrected")
    @Size(max = 800, message = "note is at most 800 characters")
    private String note;

    public Long getDeploymentId() {
        return deploymentId;
    }

    public void setDeploymentId(Long deploymentId) {
        this.deploymentId = deploymentId;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }
}
