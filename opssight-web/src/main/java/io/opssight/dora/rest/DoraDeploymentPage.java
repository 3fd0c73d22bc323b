package io.opssight.dora.rest;

import io.opssight.deployment.rest.DeploymentView;
import io.opssight.dora.entity.CountedDeployment;
import io.opssight.dora.entity.DoraPage;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The deployments a DORA report counted, newest finish first; {@code total} equals the report's deployments. */
@JsonbNillable
public record DoraDeploymentPage(List<Item> items, long total, int offset, int limit) {

    /** A counted deployment; it "failed" (change failure rate) when at least one incident is linked to it. */
    @JsonbNillable
    @Schema(name = "DoraDeploymentItem")
    public record Item(DeploymentView deployment, long changes, Double medianLeadTimeSeconds, boolean failed,
            List<Long> incidentIds) {
    }

    public static DoraDeploymentPage from(DoraPage<CountedDeployment> page) {
        return new DoraDeploymentPage(page.items().stream().map(c -> new Item(DeploymentView.from(c.deployment()), c.changes(),
                c.medianLeadTimeSeconds(), !c.incidentIds().isEmpty(), c.incidentIds())).toList(),
                page.total(), page.offset(), page.limit());
    }
}
