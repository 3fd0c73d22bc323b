package io.opssight.dora.rest;

import io.opssight.dora.entity.DoraReport;
import io.opssight.dora.entity.Tier;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The DORA four keys for one scope and window. Each key has its value and unit, its tier under the
 * chosen benchmark (null when there is no data: no data is not "low"), the counts it was computed
 * from, a one-line definition and the drill-down that lists the rows behind it. {@code weeks} is
 * the trend: every ISO week overlapping the window (Monday 00:00 UTC), partial ones flagged.
 * {@code medians} says whether medians are exact (a team, a service) or estimated within 1 % from the
 * organisation-wide daily roll-up (no team or service filter); counts are always exact.
 */
@Schema(description = "DORA four keys with tiers, counts, drill-downs and a weekly trend")
@JsonbNillable
public record DoraView(ScopeView scope, WindowView window, String benchmark, String medians, Frequency deploymentFrequency,
        LeadTime leadTimeForChanges, FailureRate changeFailureRate, Recovery failedDeploymentRecoveryTime,
        Recovery timeToRestore, List<Week> weeks) {

    /** How the medians were computed: from every value, or (organisation-wide) from the daily roll-up's histograms. */
    public static final String EXACT = "exact";
    public static final String ESTIMATED = "estimated_within_1_percent";

    @JsonbNillable
    public record ScopeView(String team, String service, String environment) {
    }

    /** From (inclusive) and to (exclusive); days is the denominator of deployments per day. */
    @JsonbNillable
    public record WindowView(Instant from, Instant to, double days) {
    }

    @JsonbNillable
    public record Frequency(double value, String unit, String tier, long deployments, long deploymentDays,
            double medianDeploymentDaysPerWeek, double medianDeploymentDaysPerMonth, int weeksCounted, int monthsCounted,
            String definition, String drillDown) {
    }

    @JsonbNillable
    public record LeadTime(Double value, String unit, String tier, long changes, long deployments,
            long deploymentsWithoutKnownChanges, String definition, String drillDown) {
    }

    @JsonbNillable
    public record FailureRate(Double value, String unit, String tier, long deployments, long failedDeployments, long incidents,
            String definition, String drillDown) {
    }

    @JsonbNillable
    public record Recovery(Double value, String unit, String tier, long incidents, String definition, String drillDown) {
    }

    @JsonbNillable
    @Schema(name = "DoraWeek")
    public record Week(String week, Instant from, Instant to, boolean partial, long deployments, long deploymentDays,
            double deploymentsPerDay, long changes, Double medianLeadTimeSeconds, long failedDeployments,
            Double changeFailureRate, long recoveredIncidents, Double medianRecoverySeconds, long restoredIncidents,
            Double medianTimeToRestoreSeconds) {
    }

    /** {@code filters} is the query string of the report's own filters, for the drill-down links. */
    public static DoraView from(DoraReport r, String filters) {
        String base = "/api/v1/dora/";
        String q = filters.isEmpty() ? "" : "?" + filters;
        String and = filters.isEmpty() ? "?" : "?" + filters + "&";
        return new DoraView(new ScopeView(r.scope().team(), r.scope().service(), r.scope().environment()),
                new WindowView(r.window().from(), r.window().to(), r.window().days()), r.benchmark().year(),
                r.exactMedians() ? EXACT : ESTIMATED,
                new Frequency(r.deploymentFrequency().perDay(), "deployments_per_day", tier(r.deploymentFrequency().tier()),
                        r.deploymentFrequency().deployments(), r.deploymentFrequency().deploymentDays(),
                        r.deploymentFrequency().weeklyMedianDays(), r.deploymentFrequency().monthlyMedianDays(),
                        r.deploymentFrequency().weeksCounted(), r.deploymentFrequency().monthsCounted(),
                        "successful production deployments finished in the window, per day; tier from the median number "
                                + "of deployment days per complete week (then per month)", base + "deployments" + q),
                new LeadTime(r.leadTimeForChanges().medianSeconds(), "seconds", tier(r.leadTimeForChanges().tier()),
                        r.leadTimeForChanges().changes(), r.leadTimeForChanges().deployments(),
                        r.leadTimeForChanges().deploymentsWithoutKnownChanges(),
                        "median of deployment finish - commit time over the commits the counted deployments shipped",
                        base + "changes" + q),
                new FailureRate(r.changeFailureRate().rate(), "ratio", tier(r.changeFailureRate().tier()),
                        r.changeFailureRate().deployments(), r.changeFailureRate().failedDeployments(),
                        r.changeFailureRate().incidents(),
                        "counted deployments that caused at least one incident / counted deployments",
                        base + "incidents" + and + "measure=change_failure_rate"),
                new Recovery(r.failedDeploymentRecoveryTime().medianSeconds(), "seconds",
                        tier(r.failedDeploymentRecoveryTime().tier()), r.failedDeploymentRecoveryTime().incidents(),
                        "median of incident resolved - causing deployment finished, over incidents resolved in the window "
                                + "caused by a production deployment in scope (DORA 2023)",
                        base + "incidents" + and + "measure=recovery"),
                new Recovery(r.timeToRestore().medianSeconds(), "seconds", tier(r.timeToRestore().tier()),
                        r.timeToRestore().incidents(),
                        "median of incident resolved - opened, over the scope's incidents resolved in the window (DORA 2021)",
                        base + "incidents" + and + "measure=time_to_restore"),
                r.weeks().stream().map(w -> new Week(w.week().label(), w.week().from(), w.week().to(), !w.week().complete(),
                        w.deployments(), w.deploymentDays(), w.deploymentsPerDay(), w.changes(), w.medianLeadTimeSeconds(),
                        w.failedDeployments(), w.changeFailureRate(), w.recoveredIncidents(), w.medianRecoverySeconds(),
                        w.restoredIncidents(), w.medianTimeToRestoreSeconds())).toList());
    }

    private static String tier(Tier tier) {
        return tier == null ? null : tier.wireName();
    }
}
