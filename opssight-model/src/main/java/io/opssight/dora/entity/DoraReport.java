package io.opssight.dora.entity;

import java.util.List;

/**
 * The four keys for one scope and window, with the counts behind each and a weekly trend.
 * {@code exactMedians} is false when medians were estimated (within 1 %) from the organisation-wide
 * daily roll-up rather than computed from every value. The
 * definitions are in io.opssight.dora.control.DoraCalculator and docs/DORA.md.
 */
public record DoraReport(Scope scope, Window window, Benchmark benchmark, DeploymentFrequency deploymentFrequency,
        LeadTime leadTimeForChanges, ChangeFailureRate changeFailureRate, Recovery failedDeploymentRecoveryTime,
        Recovery timeToRestore, List<WeekFigures> weeks, boolean exactMedians) {

    /** Median lead time of the changes shipped by the deployments counted; {@code deployments} shipped at least one known change. */
    public record LeadTime(long changes, long deployments, long deploymentsWithoutKnownChanges, Double medianSeconds,
            Tier tier) {
    }

    /** Deployments that caused at least one incident ÷ deployments; {@code incidents} linked to them. */
    public record ChangeFailureRate(long deployments, long failedDeployments, long incidents, Double rate, Tier tier) {
    }

    /** A median recovery time over {@code incidents} resolved incidents. */
    public record Recovery(long incidents, Double medianSeconds, Tier tier) {
    }

    /** One ISO week of the trend (the part inside the window). No tiers: a week is too short to rate. */
    public record WeekFigures(Period week, long deployments, long deploymentDays, double deploymentsPerDay, long changes,
            Double medianLeadTimeSeconds, long failedDeployments, Double changeFailureRate, long recoveredIncidents,
            Double medianRecoverySeconds, long restoredIncidents, Double medianTimeToRestoreSeconds) {
    }

    /** Deployments, failed deployments and incidents linked to them, of one UTC day number. */
    public record DayRow(long day, long deployments, long failedDeployments, long incidents) {
    }

    /** A median over a week ({@code week} number) or, with {@code week} null, over the whole window. */
    public record MedianRow(Long week, long count, long deployments, Double median) {
    }
}
