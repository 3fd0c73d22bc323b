package io.opssight.dora.rest;

import io.opssight.change.entity.DeploymentChange;
import io.opssight.deployment.entity.Deployment;
import io.opssight.dora.entity.DoraPage;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The changes (commits) the counted deployments shipped, each with its lead time (deployment finish −
 * commit time, never negative); {@code total} equals the report's lead-time changes.
 */
@JsonbNillable
public record DoraChangePage(List<Item> items, long total, int offset, int limit) {

    @JsonbNillable
    @Schema(name = "DoraChangeItem")
    public record Item(String sha, String repository, String message, String author, Instant committedAt, long leadTimeSeconds,
            ShippedBy deployment) {
    }

    /** The deployment that shipped the change. */
    @JsonbNillable
    public record ShippedBy(long id, String service, String environment, String version, String sha, Instant finishedAt) {
    }

    public static DoraChangePage from(DoraPage<DeploymentChange> page) {
        return new DoraChangePage(page.items().stream().map(c -> {
            Deployment d = c.getDeployment();
            return new Item(c.getChange().getSha(), c.getChange().getRepository(), c.getChange().getMessage(),
                    c.getChange().getAuthor(), c.getChange().getCommittedAt(), c.getLeadTimeSeconds(),
                    new ShippedBy(d.getId(), d.getService().getName(), d.getEnvironment().getName(), d.getVersion(), d.getSha(),
                            d.getFinishedAt()));
        }).toList(), page.total(), page.offset(), page.limit());
    }
}
