package io.opssight.dora.entity;

import io.opssight.deployment.entity.Deployment;
import java.util.List;

/**
 * A deployment that counts for DORA, with the number of changes it shipped, their median lead time
 * and the incidents linked to it (any: it "failed" when there is at least one).
 */
public record CountedDeployment(Deployment deployment, long changes, Double medianLeadTimeSeconds, List<Long> incidentIds) {
}
