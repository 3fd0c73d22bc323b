package io.opssight.pipeline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opssight.dora.entity.Window;
import io.opssight.pipeline.control.PipelineStatsQueries.Filters;
import io.opssight.pipeline.control.PipelineStatsQueries.RunRow;
import io.opssight.pipeline.entity.PipelineStats;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#4 pipeline analytics assembly")
class PipelineStatsCalculatorTest {

    private static final Window TWO_WEEKS = new Window(Instant.parse("2025-03-03T00:00:00Z"), Instant.parse("2025-03-17T00:00:00Z"));
    private static final long W10 = Window.weekNumber(Instant.parse("2025-03-03T00:00:00Z"));

    @Test
    @DisplayName("#4 success rate leaves cancelled runs out: 3 succeeded, 1 failed, 2 cancelled -> 75 %")
    void successRate() {
        List<RunRow> rows = List.of(new RunRow(null, 6, 3, 1, 300.0, 540.0, 5.0, 9.0), new RunRow(W10, 6, 3, 1, 300.0, 540.0, 5.0, 9.0));
        PipelineStats s = PipelineStatsCalculator.stats(new Filters("acme/a", null, null), TWO_WEEKS, Instant.parse("2025-04-01T00:00:00Z"),
                rows, List.of(), List.of(), "main", 1, List.of());

        assertEquals(6, s.runs().completed());
        assertEquals(2, s.runs().other());
        assertEquals(0.75, s.runs().successRate());
        assertEquals(2, s.weeks().size());
        assertEquals(0.75, s.weeks().get(0).successRate());
        assertEquals(0, s.weeks().get(1).completed());
        assertNull(s.weeks().get(1).successRate(), "no runs: no rate");
        assertNull(s.weeks().get(1).p50DurationSeconds());
        assertEquals(0, s.red().redSeconds());
    }
}
