package io.opssight.dora.entity;

import io.opssight.platform.entity.ValidationProblem;
import java.time.Duration;

/**
 * The DORA benchmark the tiers are taken from (docs/DORA.md has the tables).
 *
 * <p><b>2023</b> (the default; PRODUCT.md): deployment frequency elite when the median number of
 * deployment days per week is at least 5, high when at least 1, medium when the median number of
 * deployment days per month is at least 1, else low; lead time for changes elite &lt; 1 day, high
 * &lt; 1 week, medium &lt; 1 month (30 days), else low; change failure rate elite &le; 5 %, high
 * &le; 10 %, medium &le; 15 %, else low; failed deployment recovery time elite &lt; 1 hour, high
 * &lt; 1 day, medium &lt; 1 week, else low.
 *
 * <p><b>2021</b> (Accelerate State of DevOps 2021, with the boundaries Apache DevLake uses to make
 * its overlapping ranges decidable): deployment frequency elite at a weekly median of at least 3
 * deployment days, high at least 1, medium at a monthly median of at least 1, else low; lead time
 * elite &lt; 1 hour, high &lt; 1 week, medium &lt; 6 months (180 days), else low; change failure
 * rate elite &le; 15 %, high &le; 20 %, medium &le; 30 %, else low; time to restore elite &lt; 1
 * hour, high &lt; 1 day, medium &lt; 1 week, else low.
 *
 * <p>Every tier function answers null when there is no data: no data is not "low".
 */
public enum Benchmark {
    Y2023("2023", 5, Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30), 0.05, 0.10, 0.15),
    Y2021("2021", 3, Duration.ofHours(1), Duration.ofDays(7), Duration.ofDays(180), 0.15, 0.20, 0.30);

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration WEEK = Duration.ofDays(7);

    private final String year;
    private final int eliteDeploymentDaysPerWeek;
    private final Duration leadElite;
    private final Duration leadHigh;
    private final Duration leadMedium;
    private final double failureElite;
    private final double failureHigh;
    private final double failureMedium;

    Benchmark(String year, int eliteDeploymentDaysPerWeek, Duration leadElite, Duration leadHigh, Duration leadMedium,
            double failureElite, double failureHigh, double failureMedium) {
        this.year = year;
        this.eliteDeploymentDaysPerWeek = eliteDeploymentDaysPerWeek;
        this.leadElite = leadElite;
        this.leadHigh = leadHigh;
        this.leadMedium = leadMedium;
        this.failureElite = failureElite;
        this.failureHigh = failureHigh;
        this.failureMedium = failureMedium;
    }

    /** "2023" (also when absent) or "2021"; anything else is a 400. */
    public static Benchmark parse(String value) {
        if (value == null || value.isBlank()) {
            return Y2023;
        }
        for (Benchmark b : values()) {
            if (b.year.equals(value.trim())) {
                return b;
            }
        }
        throw new ValidationProblem("benchmark", "benchmark must be 2023 or 2021");
    }

    public String year() {
        return year;
    }

    /** From the weekly and monthly medians of deployment days; null without deployments. */
    public Tier deploymentFrequency(long deployments, double weeklyMedianDays, double monthlyMedianDays) {
        if (deployments == 0) {
            return null;
        }
        if (weeklyMedianDays >= eliteDeploymentDaysPerWeek) {
            return Tier.ELITE;
        }
        if (weeklyMedianDays >= 1) {
            return Tier.HIGH;
        }
        return monthlyMedianDays >= 1 ? Tier.MEDIUM : Tier.LOW;
    }

    /** From the median lead time in seconds; null without changes. */
    public Tier leadTime(Double medianSeconds) {
        if (medianSeconds == null) {
            return null;
        }
        return below(medianSeconds, leadElite) ? Tier.ELITE : below(medianSeconds, leadHigh) ? Tier.HIGH
                : below(medianSeconds, leadMedium) ? Tier.MEDIUM : Tier.LOW;
    }

    /** From the change failure rate (0..1); null without deployments. */
    public Tier changeFailureRate(Double rate) {
        if (rate == null) {
            return null;
        }
        return rate <= failureElite ? Tier.ELITE : rate <= failureHigh ? Tier.HIGH
                : rate <= failureMedium ? Tier.MEDIUM : Tier.LOW;
    }

    /**
     * From a median recovery time in seconds: 2023's failed deployment recovery time and 2021's time
     * to restore share the boundaries (&lt; 1 hour, &lt; 1 day, &lt; 1 week). Null without incidents.
     */
    public Tier recovery(Double medianSeconds) {
        if (medianSeconds == null) {
            return null;
        }
        return below(medianSeconds, HOUR) ? Tier.ELITE : below(medianSeconds, DAY) ? Tier.HIGH
                : below(medianSeconds, WEEK) ? Tier.MEDIUM : Tier.LOW;
    }

    private static boolean below(double seconds, Duration limit) {
        return seconds < limit.toSeconds();
    }
}
