package io.opssight.pipeline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opssight.dora.entity.Window;
import io.opssight.pipeline.control.RedTimeCalculator.Segment;
import io.opssight.pipeline.entity.PipelineStats.Interval;
import io.opssight.pipeline.entity.PipelineStats.RedTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#4 red time of a branch")
class RedTimeCalculatorTest {

    // Exactly the ISO week 2025-W10.
    private static final Window WEEK = new Window(t("2025-03-03T00:00"), t("2025-03-10T00:00"));

    private static Instant t(String local) {
        return Instant.parse(local + ":00Z");
    }

    private final List<Segment> segments = List.of(
            new Segment("acme/a", t("2025-03-02T22:00"), t("2025-03-03T02:00")),   // red when the window starts: 2 h inside
            new Segment("acme/a", t("2025-03-04T10:00"), t("2025-03-04T10:30")),   // failed, failed again,
            new Segment("acme/a", t("2025-03-04T10:30"), t("2025-03-04T12:00")),   // then green at 12:00 ...
            new Segment("acme/a", t("2025-03-04T11:00"), t("2025-03-04T13:00")),   // ... but another pipeline red till 13:00
            new Segment("acme/a", t("2025-03-09T20:00"), null),                    // still red
            new Segment("acme/b", t("2025-03-05T00:00"), t("2025-03-05T01:00")));

    @Test
    @DisplayName("#4 spans are cut to the window, united over a repository's pipelines, open ones end at the window's end")
    void unitedAndCut() {
        Instant later = t("2025-03-20T00:00");
        List<Interval> united = RedTimeCalculator.united(segments, WEEK, later);

        assertEquals(List.of(
                new Interval("acme/a", t("2025-03-03T00:00"), t("2025-03-03T02:00")),
                new Interval("acme/a", t("2025-03-04T10:00"), t("2025-03-04T13:00")),
                new Interval("acme/a", t("2025-03-09T20:00"), t("2025-03-10T00:00")),
                new Interval("acme/b", t("2025-03-05T00:00"), t("2025-03-05T01:00"))), united);
        RedTime red = RedTimeCalculator.redTime("main", 2, segments, united, WEEK, later);
        assertEquals((2 + 3 + 4 + 1) * 3600, red.redSeconds());
        assertEquals(List.of("acme/a"), red.redAtEnd());
        assertEquals(36000 / (7 * 86400.0 * 2), red.ratio(), 1e-12);   // the whole week, two repositories
        assertEquals(36000, RedTimeCalculator.redSeconds(united, WEEK.weeks().get(0)));
    }

    @Test
    @DisplayName("#4 a branch still red now is red up to now, not up to a window end in the future")
    void upToNow() {
        Instant now = t("2025-03-09T22:00");
        List<Interval> united = RedTimeCalculator.united(segments, WEEK, now);
        RedTime red = RedTimeCalculator.redTime("main", 2, segments, united, WEEK, now);
        assertEquals((2 + 3 + 2 + 1) * 3600, red.redSeconds());
        assertEquals(8 * 3600 / ((7 * 86400.0 - 2 * 3600) * 2), red.ratio(), 1e-12);   // the window up to now
    }

    @Test
    @DisplayName("#4 no failed runs: never red")
    void green() {
        RedTime red = RedTimeCalculator.redTime("main", 3, List.of(), RedTimeCalculator.united(List.of(), WEEK, t("2025-04-01T00:00")),
                WEEK, t("2025-04-01T00:00"));
        assertEquals(0, red.redSeconds());
        assertEquals(List.of(), red.redAtEnd());
        assertEquals(0.0, red.ratio());
        assertNull(RedTimeCalculator.redTime("main", 0, List.of(), List.of(), WEEK, t("2025-04-01T00:00")).ratio());
    }
}
