package io.opssight.dora.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.platform.entity.ValidationProblem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#4 DORA windows: defaults, ISO weeks, months")
class WindowTest {

    @Test
    @DisplayName("#4 without from/to the window is the 90 days up to now")
    void defaults() {
        Instant now = Instant.parse("2026-03-04T10:00:00Z");
        Window w = Window.of(null, null, now);
        assertEquals(now, w.to());
        assertEquals(Instant.parse("2025-12-04T10:00:00Z"), w.from());
        assertEquals(90.0, w.days(), 1e-9);
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"),
                Window.of(null, Instant.parse("2026-04-01T00:00:00Z"), now).from());
    }

    @Test
    @DisplayName("#4 from must be before to, and a window is at most 1096 days")
    void invalid() {
        Instant t = Instant.parse("2026-03-04T10:00:00Z");
        assertThrows(ValidationProblem.class, () -> new Window(t, t));
        assertThrows(ValidationProblem.class, () -> new Window(t, t.minusSeconds(1)));
        assertThrows(ValidationProblem.class, () -> new Window(t.minusSeconds(1097L * 86400), t));
        new Window(t.minusSeconds(1096L * 86400), t);
    }

    @Test
    @DisplayName("#4 weeks are ISO weeks from Monday 00:00 UTC, labelled by the week-based year, partial at the edges")
    void isoWeeks() {
        // Wednesday 2026-12-30 12:00 to Wednesday 2027-01-13 00:00.
        // 2026-12-28 is a Monday; 2027-01-01 is a Friday, so that week is 2026-W53.
        Window w = new Window(Instant.parse("2026-12-30T12:00:00Z"), Instant.parse("2027-01-13T00:00:00Z"));
        List<Period> weeks = w.weeks();
        assertEquals(List.of("2026-W53", "2027-W01", "2027-W02"), weeks.stream().map(Period::label).toList());
        assertEquals(Instant.parse("2026-12-28T00:00:00Z"), weeks.get(0).start());
        assertEquals(Instant.parse("2026-12-30T12:00:00Z"), weeks.get(0).from());
        assertFalse(weeks.get(0).complete());
        assertTrue(weeks.get(1).complete());
        assertEquals(Instant.parse("2027-01-04T00:00:00Z"), weeks.get(1).start());
        assertEquals(Instant.parse("2027-01-11T00:00:00Z"), weeks.get(2).start());
        assertEquals(Instant.parse("2027-01-13T00:00:00Z"), weeks.get(2).to());
        assertFalse(weeks.get(2).complete());
        assertEquals(List.of(weeks.get(1)), Window.counted(weeks), "only complete weeks count for the median");
    }

    @Test
    @DisplayName("#4 the week boundary: Sunday 23:59:59 and Monday 00:00:00 UTC are in different weeks")
    void weekBoundary() {
        Instant sunday = Instant.parse("2026-03-08T23:59:59Z");
        Instant monday = Instant.parse("2026-03-09T00:00:00Z");
        assertEquals(Window.weekNumber(sunday) + 1, Window.weekNumber(monday));
        assertEquals(monday, Window.weekStart(Window.weekNumber(monday)));
        assertEquals("2026-W10", Window.weekLabel(Window.weekStart(Window.weekNumber(sunday))));
        assertEquals("2026-W11", Window.weekLabel(monday));
        assertEquals(Window.dayNumber(sunday) + 1, Window.dayNumber(monday));
        // before the epoch's first Monday too
        assertEquals(Instant.parse("1969-12-29T00:00:00Z"), Window.weekStart(Window.weekNumber(Instant.parse("1970-01-01T00:00:00Z"))));
    }

    @Test
    @DisplayName("#4 a window shorter than a week counts its one partial week; months are UTC calendar months")
    void shortWindowAndMonths() {
        Window w = new Window(Instant.parse("2026-03-10T00:00:00Z"), Instant.parse("2026-03-12T00:00:00Z"));
        assertEquals(1, Window.counted(w.weeks()).size());
        assertFalse(Window.counted(w.weeks()).get(0).complete());

        Window quarter = new Window(Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2026-04-15T00:00:00Z"));
        List<Period> months = quarter.months();
        assertEquals(List.of("2026-01", "2026-02", "2026-03", "2026-04"), months.stream().map(Period::label).toList());
        assertEquals(List.of("2026-02", "2026-03"), Window.counted(months).stream().map(Period::label).toList());
    }
}
