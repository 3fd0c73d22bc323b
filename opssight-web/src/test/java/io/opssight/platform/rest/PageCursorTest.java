package io.opssight.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.platform.entity.KeysetPage;
import io.opssight.platform.entity.KeysetPage.Position;
import io.opssight.platform.entity.ProblemType;
import io.opssight.platform.entity.ValidationProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("#2 PageCursor: the opaque keyset-paging cursor of every list (deployments, incidents, alerts, runs, SOAP)")
class PageCursorTest {

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("#2 a cursor this API issued reads back as the same position")
    void roundTrip() {
        Instant createdAt = Instant.parse("2026-11-20T10:00:00.123456Z");

        Position cursor = PageCursor.decode(PageCursor.encode(new Position(createdAt, 9_007_199_254_740_993L)));

        assertEquals(new Position(createdAt, 9_007_199_254_740_993L), cursor);
    }

    @Test
    @DisplayName("#2 a cursor is safe in a URL query without escaping")
    void cursorIsUrlSafe() {
        String cursor = PageCursor.encode(new Position(Instant.parse("2026-11-20T10:00:00Z"), 42));

        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
    }

    @Test
    @DisplayName("#2 different positions give different cursors")
    void differentPositionsDiffer() {
        Instant t = Instant.parse("2026-11-20T10:00:00Z");

        assertNotEquals(PageCursor.encode(new Position(t, 1)), PageCursor.encode(new Position(t, 2)));
        assertNotEquals(PageCursor.encode(new Position(t, 1)), PageCursor.encode(new Position(t.plusMillis(1), 1)));
    }

    @ParameterizedTest(name = "#2 ''{0}'' means the first page")
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    @DisplayName("#2 no cursor means the first page")
    void noCursorIsFirstPage(String cursor) {
        assertNull(PageCursor.decode(cursor));
    }

    @ParameterizedTest(name = "#2 ''{0}'' is refused")
    @ValueSource(strings = {"!!!not base64!!!", "abc", "bm8tYmFy", "MjAyNi0xMS0yMFQxMDowMDowMFp8", "fDQy"})
    @DisplayName("#2 a cursor this API did not issue is a validation problem (400), not a server error")
    void garbageIsValidationProblem(String cursor) {
        ValidationProblem e = assertThrows(ValidationProblem.class, () -> PageCursor.decode(cursor));

        assertEquals(ProblemType.VALIDATION, e.type());
        assertEquals("cursor is not one this API issued", e.getMessage());
    }

    @Test
    @DisplayName("#2 well-encoded but wrong content (bad time, bad id, no separator) is refused")
    void wrongContentIsRefused() {
        assertThrows(ValidationProblem.class, () -> PageCursor.decode(b64("yesterday|42")));
        assertThrows(ValidationProblem.class, () -> PageCursor.decode(b64("2026-11-20T10:00:00Z|forty-two")));
        assertThrows(ValidationProblem.class, () -> PageCursor.decode(b64("2026-11-20T10:00:00Z")));
        assertEquals(new Position(Instant.parse("2026-11-20T10:00:00Z"), 42),
                PageCursor.decode(b64("2026-11-20T10:00:00Z|42")));
    }

    @Test
    @DisplayName("#17 cursors already handed out (base64url of \"time|id\", no padding) read back the same")
    void wireFormatIsStable() {
        Instant at = Instant.parse("2026-11-20T10:00:00.123456Z");

        assertEquals(b64("2026-11-20T10:00:00.123456Z|42"), PageCursor.encode(new Position(at, 42)));
        assertEquals(new Position(at, 42), PageCursor.decode(b64("2026-11-20T10:00:00.123456Z|42")));
    }

    @Test
    @DisplayName("#17 a number cursor (audit seq, dead-letter id) is the number in decimal; anything else is refused")
    void numberCursor() {
        assertEquals(42L, PageCursor.number("42"));
        assertNull(PageCursor.number(null));
        assertNull(PageCursor.number("  "));
        ValidationProblem e = assertThrows(ValidationProblem.class, () -> PageCursor.number("4x2"));
        assertEquals("cursor is not one this API issued", e.getMessage());
    }

    @Test
    @DisplayName("#17 the next cursor is the last row's position, and none on the last page")
    void nextCursor() {
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        KeysetPage<Long> more = new KeysetPage<>(List.of(1L, 2L), true);

        assertEquals(PageCursor.encode(new Position(t, 2)), PageCursor.next(more, id -> t, id -> id));
        assertEquals("2", PageCursor.nextNumber(more, id -> id));
        assertNull(PageCursor.next(new KeysetPage<>(List.of(1L), false), id -> t, id -> id));
        assertNull(PageCursor.nextNumber(new KeysetPage<>(List.of(1L), false), id -> id));
    }
}
