package io.opssight.dora.rest;

import io.opssight.dora.entity.DoraPage;
import io.opssight.dora.entity.IncidentMeasure;
import io.opssight.dora.entity.ScopedIncident;
import io.opssight.incident.rest.IncidentView;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Incidents behind the figures, newest opened first, each with its causing deployment, why it was
 * linked ({@code incident.linkReason}: explicit, latest_production_deployment, manual; and
 * {@code incident.linkNote}) and {@code countsFor}: change_failure_rate, recovery, time_to_restore
 * (empty for an incident of the scope that counts for nothing, e.g. one before any deployment).
 */
@JsonbNillable
public record DoraIncidentPage(List<Item> items, long total, int offset, int limit) {

    @JsonbNillable
    @Schema(name = "DoraIncidentItem")
    public record Item(IncidentView incident, List<String> countsFor) {
    }

    public static DoraIncidentPage from(DoraPage<ScopedIncident> page) {
        return new DoraIncidentPage(page.items().stream().map(i -> new Item(IncidentView.from(i.incident()),
                i.countsFor().stream().map(IncidentMeasure::wireName).toList())).toList(), page.total(), page.offset(),
                page.limit());
    }
}
