package io.opssight.dora.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opssight.platform.entity.ValidationProblem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("#4 DORA benchmark tiers, 2023 and 2021")
class BenchmarkTest {

    private static final double HOUR = 3600;
    private static final double DAY = 24 * HOUR;

    @Test
    @DisplayName("#4 2023 is the default; 2021 is selectable; anything else is a 400")
    void parse() {
        assertEquals(Benchmark.Y2023, Benchmark.parse(null));
        assertEquals(Benchmark.Y2023, Benchmark.parse(" "));
        assertEquals(Benchmark.Y2023, Benchmark.parse("2023"));
        assertEquals(Benchmark.Y2021, Benchmark.parse("2021"));
        assertThrows(ValidationProblem.class, () -> Benchmark.parse("2022"));
    }

    @ParameterizedTest(name = "#4 2023: {0} deployments, weekly median {1}, monthly median {2} -> {3}")
    @CsvSource({
        "10, 5.0, 20, ELITE",
        "10, 4.5, 20, HIGH",     // 4.5 days a week is not yet "on demand"
        "3, 1.0, 4, HIGH",
        "3, 0.5, 2, MEDIUM",     // median of weeks {0, 1} is 0.5 < 1; months have 2 days each
        "1, 0.0, 1.0, MEDIUM",
        "1, 0.0, 0.5, LOW",
    })
    void deploymentFrequency2023(long deployments, double weekly, double monthly, Tier expected) {
        assertEquals(expected, Benchmark.Y2023.deploymentFrequency(deployments, weekly, monthly));
    }

    @Test
    @DisplayName("#4 no deployments is no tier, not low; 2021 calls three days a week elite")
    void deploymentFrequencyEdges() {
        assertNull(Benchmark.Y2023.deploymentFrequency(0, 0, 0));
        assertNull(Benchmark.Y2021.deploymentFrequency(0, 0, 0));
        assertEquals(Tier.ELITE, Benchmark.Y2021.deploymentFrequency(9, 3, 12));
        assertEquals(Tier.HIGH, Benchmark.Y2023.deploymentFrequency(9, 3, 12));
        assertEquals(Tier.HIGH, Benchmark.Y2021.deploymentFrequency(9, 2.5, 12));
    }

    @Test
    @DisplayName("#4 lead time: 2023 < 1 day, < 1 week, < 30 days; 2021 < 1 hour, < 1 week, < 180 days")
    void leadTime() {
        assertNull(Benchmark.Y2023.leadTime(null));
        assertEquals(Tier.ELITE, Benchmark.Y2023.leadTime(DAY - 1));
        assertEquals(Tier.HIGH, Benchmark.Y2023.leadTime(DAY));            // exactly one day is no longer "less than a day"
        assertEquals(Tier.HIGH, Benchmark.Y2023.leadTime(7 * DAY - 1));
        assertEquals(Tier.MEDIUM, Benchmark.Y2023.leadTime(7 * DAY));
        assertEquals(Tier.MEDIUM, Benchmark.Y2023.leadTime(30 * DAY - 1));
        assertEquals(Tier.LOW, Benchmark.Y2023.leadTime(30 * DAY));
        assertEquals(Tier.ELITE, Benchmark.Y2021.leadTime(HOUR - 0.5));
        assertEquals(Tier.HIGH, Benchmark.Y2021.leadTime(HOUR));
        assertEquals(Tier.MEDIUM, Benchmark.Y2021.leadTime(30 * DAY));
        assertEquals(Tier.LOW, Benchmark.Y2021.leadTime(180 * DAY));
    }

    @Test
    @DisplayName("#4 change failure rate: 2023 <= 5/10/15 %; 2021 <= 15/20/30 %; boundaries included")
    void changeFailureRate() {
        assertNull(Benchmark.Y2023.changeFailureRate(null));
        assertEquals(Tier.ELITE, Benchmark.Y2023.changeFailureRate(0.0));
        assertEquals(Tier.ELITE, Benchmark.Y2023.changeFailureRate(0.05));
        assertEquals(Tier.HIGH, Benchmark.Y2023.changeFailureRate(1 / 10.0));
        assertEquals(Tier.MEDIUM, Benchmark.Y2023.changeFailureRate(0.15));
        assertEquals(Tier.LOW, Benchmark.Y2023.changeFailureRate(1 / 6.0));
        assertEquals(Tier.ELITE, Benchmark.Y2021.changeFailureRate(0.15));
        assertEquals(Tier.HIGH, Benchmark.Y2021.changeFailureRate(0.2));
        assertEquals(Tier.MEDIUM, Benchmark.Y2021.changeFailureRate(0.25));
        assertEquals(Tier.LOW, Benchmark.Y2021.changeFailureRate(1 / 3.0));
    }

    @Test
    @DisplayName("#4 recovery and time to restore: < 1 hour, < 1 day, < 1 week, else low (both years)")
    void recovery() {
        for (Benchmark b : Benchmark.values()) {
            assertNull(b.recovery(null));
            assertEquals(Tier.ELITE, b.recovery(0.0));
            assertEquals(Tier.ELITE, b.recovery(59 * 60.0));
            assertEquals(Tier.HIGH, b.recovery(HOUR));
            assertEquals(Tier.MEDIUM, b.recovery(DAY));
            assertEquals(Tier.LOW, b.recovery(7 * DAY));
        }
    }
}
