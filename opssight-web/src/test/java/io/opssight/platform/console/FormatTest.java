package io.opssight.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("#6 the console writes times, durations and links one way on every page")
class FormatTest {

    @Test
    @DisplayName("#6 a time is UTC to the second; none is empty")
    void time() {
        assertEquals("2026-11-25 21:03:07 UTC", Format.time(Instant.parse("2026-11-25T21:03:07.987Z")));
        assertEquals("2026-11-25 21:03:00 UTC", Format.time(Instant.parse("2026-11-25T21:03:00Z")));
        assertEquals("", Format.time(null));
    }

    @ParameterizedTest(name = "#6 {0} s → {1}")
    @CsvSource({"0,0s", "42,42s", "60,1m 0s", "200,3m 20s", "3600,1h 0m", "5400,1h 30m", "7500,2h 5m", "86399,23h 59m",
        "86400,1d 0h", "273600,3d 4h"})
    void duration(long seconds, String text) {
        assertEquals(text, Format.duration(seconds));
        assertEquals(text, Format.duration(Duration.ofSeconds(seconds)));
        assertEquals(text, Format.duration((double) seconds));
    }

    @Test
    @DisplayName("#6 no duration is empty; a fractional one is rounded to the second")
    void durationEdges() {
        assertEquals("", Format.duration((Duration) null));
        assertEquals("", Format.duration((Double) null));
        assertEquals("1m 1s", Format.duration(60.5));
    }

    @Test
    @DisplayName("#6 only http(s) links from ingested data become links")
    void safeUrl() {
        assertEquals("https://ci.example/1", Format.safeUrl(" https://ci.example/1 "));
        assertEquals("HTTP://ci.example/1", Format.safeUrl("HTTP://ci.example/1"));
        assertNull(Format.safeUrl("javascript:alert(1)"));
        assertNull(Format.safeUrl(null));
    }

    @Test
    @DisplayName("#6 chart values: seconds as hours or minutes to two decimals, no data stays null")
    void chartUnits() {
        assertEquals(1.5, Charts.hours(5400.0));
        assertEquals(2.5, Charts.minutes(150.0));
        assertNull(Charts.hours(null));
    }
}
