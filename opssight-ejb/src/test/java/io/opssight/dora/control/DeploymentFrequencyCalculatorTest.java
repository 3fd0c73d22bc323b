package io.opssight.dora.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opssight.dora.entity.Benchmark;
import io.opssight.dora.entity.DeploymentFrequency;
import io.opssight.dora.entity.Tier;
import io.opssight.dora.entity.Window;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#4 deployment frequency: per day, weekly and monthly medians of deployment days")
class DeploymentFrequencyCalculatorTest {

    private final Map<Long, Long> perDay = new HashMap<>();

    private void deploy(String date, long count) {
        perDay.merge(Window.dayNumber(Instant.parse(date + "T12:00:00Z")), count, Long::sum);
    }

    private static Window window(String from, String to) {
        return new Window(Instant.parse(from + "T00:00:00Z"), Instant.parse(to + "T00:00:00Z"));
    }

    @Test
    @DisplayName("#4 four complete weeks with 5, 1, 0 and 2 deployment days: median 1.5 days a week, high")
    void fourWeeks() {
        // 2026-03-02 is a Monday; the window is exactly the ISO weeks W10..W13 (28 days).
        deploy("2026-03-02", 2);
        deploy("2026-03-03", 1);
        deploy("2026-03-04", 1);
        deploy("2026-03-05", 1);
        deploy("2026-03-06", 1);   // W10: 6 deployments on 5 days
        deploy("2026-03-09", 1);   // W11: 1 day; W12: none
        deploy("2026-03-24", 1);
        deploy("2026-03-26", 1);   // W13: 2 days

        DeploymentFrequency f = DeploymentFrequencyCalculator.of(window("2026-03-02", "2026-03-30"), perDay, Benchmark.Y2023);

        assertEquals(9, f.deployments());
        assertEquals(8, f.deploymentDays());
        assertEquals(9 / 28.0, f.perDay(), 1e-12);
        assertEquals(4, f.weeksCounted());
        assertEquals(1.5, f.weeklyMedianDays());   // sorted 0, 1, 2, 5 -> (1 + 2) / 2
        // March is only partly inside (1 March and 30-31 March are not), and no month is complete: March counts as is.
        assertEquals(1, f.monthsCounted());
        assertEquals(8.0, f.monthlyMedianDays());
        assertEquals(Tier.HIGH, f.tier());
        assertEquals(Tier.HIGH, DeploymentFrequencyCalculator.of(window("2026-03-02", "2026-03-30"), perDay, Benchmark.Y2021).tier());
    }

    @Test
    @DisplayName("#4 five deployment days in every week is elite (2023); several deployments on one day are one day")
    void elite() {
        for (String date : new String[] {"2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06",
                "2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"}) {
            deploy(date, 3);
        }
        DeploymentFrequency f = DeploymentFrequencyCalculator.of(window("2026-03-02", "2026-03-16"), perDay, Benchmark.Y2023);
        assertEquals(30, f.deployments());
        assertEquals(10, f.deploymentDays());
        assertEquals(5.0, f.weeklyMedianDays());
        assertEquals(Tier.ELITE, f.tier());
    }

    @Test
    @DisplayName("#4 one deployment day every four weeks: weekly median 0, monthly median 1 -> medium")
    void medium() {
        // 8 weeks, Monday 2 March to Monday 27 April: days in weeks 1, 0, 0, 0, 1, 0, 0, 0.
        deploy("2026-03-03", 1);
        deploy("2026-03-31", 1);
        DeploymentFrequency f = DeploymentFrequencyCalculator.of(window("2026-03-02", "2026-04-27"), perDay, Benchmark.Y2023);
        assertEquals(0.0, f.weeklyMedianDays());
        assertEquals(8, f.weeksCounted());
        // No calendar month lies completely inside, so March (2 days) and April (0 days) count: median 1.
        assertEquals(2, f.monthsCounted());
        assertEquals(1.0, f.monthlyMedianDays());
        assertEquals(Tier.MEDIUM, f.tier());
    }

    @Test
    @DisplayName("#4 one deployment in a quarter: low; none: no tier at all")
    void lowAndNone() {
        deploy("2026-02-11", 1);
        Window quarter = window("2026-01-01", "2026-04-01");   // 90 days, January to March complete
        DeploymentFrequency one = DeploymentFrequencyCalculator.of(quarter, perDay, Benchmark.Y2023);
        assertEquals(1 / 90.0, one.perDay(), 1e-12);
        assertEquals(3, one.monthsCounted());
        assertEquals(0.0, one.monthlyMedianDays());   // 0, 1, 0
        assertEquals(Tier.LOW, one.tier());

        DeploymentFrequency none = DeploymentFrequencyCalculator.of(quarter, Map.of(), Benchmark.Y2023);
        assertEquals(0, none.deployments());
        assertEquals(0.0, none.perDay());
        assertNull(none.tier());
    }
}
