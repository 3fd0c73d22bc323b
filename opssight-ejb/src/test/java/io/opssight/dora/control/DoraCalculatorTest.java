package io.opssight.dora.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opssight.dora.entity.Benchmark;
import io.opssight.dora.entity.DoraReport;
import io.opssight.dora.entity.DoraReport.DayRow;
import io.opssight.dora.entity.DoraReport.MedianRow;
import io.opssight.dora.entity.DoraReport.WeekFigures;
import io.opssight.dora.entity.Scope;
import io.opssight.dora.entity.Tier;
import io.opssight.dora.entity.Window;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#4 DORA report assembly: counts, rates, tiers and the weekly trend")
class DoraCalculatorTest {

    private static final Scope ORG = new Scope(null, null, null, null, null, null, false);
    // Two complete ISO weeks: 2026-W10 (from Monday 2 March) and 2026-W11.
    private static final Window TWO_WEEKS = new Window(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-16T00:00:00Z"));
    private static final long W10 = Window.weekNumber(Instant.parse("2026-03-02T00:00:00Z"));

    private static long day(String date) {
        return Window.dayNumber(Instant.parse(date + "T00:00:00Z"));
    }

    private final List<DayRow> days = List.of(
            new DayRow(day("2026-03-02"), 2, 1, 2),   // two deployments, one caused two incidents
            new DayRow(day("2026-03-10"), 2, 0, 0));
    private final List<MedianRow> leads = List.of(
            new MedianRow(null, 5, 3, 7200.0),
            new MedianRow(W10, 3, 2, 3600.0),
            new MedianRow(W10 + 1, 2, 1, 9000.0));
    private final List<MedianRow> recoveries = List.of(new MedianRow(null, 1, 1, 1800.0), new MedianRow(W10, 1, 1, 1800.0));

    @Test
    @DisplayName("#4 1 failed deployment of 4 is 25 %: low in 2023, medium in 2021; lead time 2 h: elite in 2023, high in 2021")
    void figuresAndTiers() {
        DoraReport r = DoraCalculator.report(ORG, TWO_WEEKS, Benchmark.Y2023, days, leads, recoveries, List.of());

        assertEquals(4, r.deploymentFrequency().deployments());
        assertEquals(4 / 14.0, r.deploymentFrequency().perDay(), 1e-12);
        assertEquals(1.0, r.deploymentFrequency().weeklyMedianDays());
        assertEquals(Tier.HIGH, r.deploymentFrequency().tier());
        assertEquals(4, r.changeFailureRate().deployments());
        assertEquals(1, r.changeFailureRate().failedDeployments());
        assertEquals(2, r.changeFailureRate().incidents());
        assertEquals(0.25, r.changeFailureRate().rate());
        assertEquals(Tier.LOW, r.changeFailureRate().tier());
        assertEquals(5, r.leadTimeForChanges().changes());
        assertEquals(3, r.leadTimeForChanges().deployments());
        assertEquals(1, r.leadTimeForChanges().deploymentsWithoutKnownChanges());
        assertEquals(7200.0, r.leadTimeForChanges().medianSeconds());
        assertEquals(Tier.ELITE, r.leadTimeForChanges().tier());
        assertEquals(1, r.failedDeploymentRecoveryTime().incidents());
        assertEquals(Tier.ELITE, r.failedDeploymentRecoveryTime().tier());
        assertEquals(0, r.timeToRestore().incidents());
        assertNull(r.timeToRestore().medianSeconds());
        assertNull(r.timeToRestore().tier(), "no incidents restored: no data, not low");

        DoraReport y2021 = DoraCalculator.report(ORG, TWO_WEEKS, Benchmark.Y2021, days, leads, recoveries, List.of());
        assertEquals(Tier.MEDIUM, y2021.changeFailureRate().tier());
        assertEquals(Tier.HIGH, y2021.leadTimeForChanges().tier());
    }

    @Test
    @DisplayName("#4 the weekly trend has every week of the window, also weeks without data")
    void weeklyTrend() {
        DoraReport r = DoraCalculator.report(ORG, TWO_WEEKS, Benchmark.Y2023, days, leads, recoveries, List.of());

        assertEquals(2, r.weeks().size());
        WeekFigures w10 = r.weeks().get(0);
        assertEquals("2026-W10", w10.week().label());
        assertEquals(2, w10.deployments());
        assertEquals(1, w10.deploymentDays());
        assertEquals(2 / 7.0, w10.deploymentsPerDay(), 1e-12);
        assertEquals(1, w10.failedDeployments());
        assertEquals(0.5, w10.changeFailureRate());
        assertEquals(3, w10.changes());
        assertEquals(3600.0, w10.medianLeadTimeSeconds());
        assertEquals(1, w10.recoveredIncidents());
        WeekFigures w11 = r.weeks().get(1);
        assertEquals("2026-W11", w11.week().label());
        assertEquals(0.0, w11.changeFailureRate());
        assertEquals(9000.0, w11.medianLeadTimeSeconds());
        assertEquals(0, w11.recoveredIncidents());
        assertNull(w11.medianRecoverySeconds());
    }

    @Test
    @DisplayName("#4 nothing at all: zero counts, no values, no tiers")
    void nothing() {
        DoraReport r = DoraCalculator.report(ORG, TWO_WEEKS, Benchmark.Y2023, List.of(), List.of(), List.of(), List.of());
        assertNull(r.deploymentFrequency().tier());
        assertNull(r.changeFailureRate().rate());
        assertNull(r.changeFailureRate().tier());
        assertNull(r.leadTimeForChanges().medianSeconds());
        assertNull(r.leadTimeForChanges().tier());
        assertNull(r.failedDeploymentRecoveryTime().tier());
        assertEquals(2, r.weeks().size());
        assertNull(r.weeks().get(0).changeFailureRate());
    }
}
