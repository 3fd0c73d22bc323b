package io.opssight.platform.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.platform.entity.TextControls.Refused;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#17 TextControls: one scanner for control characters, each check naming what it refuses")
class TextControlsTest {

    @Test
    @DisplayName("#17 ALL refuses C0, DEL and C1, tab and line breaks included")
    void allRefusesEveryControl() {
        for (char c : new char[] {'\u0000', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u009f'}) {
            assertTrue(Refused.ALL.refuses(c), Integer.toHexString(c));
        }
        assertFalse(Refused.ALL.refuses(' '));
        assertFalse(Refused.ALL.refuses('\u00a0'));
        assertFalse(Refused.ALL.refuses(0x1F525));
    }

    @Test
    @DisplayName("#17 line breaks: tab, LF and CR pass; tab and line feed: CR is refused; NUL: only NUL")
    void allowances() {
        assertEquals(-1, TextControls.first("a\tb\nc\rd", Refused.ALL_BUT_LINE_BREAKS));
        assertEquals(5, TextControls.first("a\tb\nc\rd", Refused.ALL_BUT_TAB_AND_LINE_FEED));
        assertEquals(1, TextControls.first("a\u0000b", Refused.ALL_BUT_LINE_BREAKS));
        assertEquals(-1, TextControls.first("a\u001b\u007f\n", Refused.NUL));
        assertEquals(2, TextControls.first("a\u001b\u0000", Refused.NUL));
    }

    @Test
    @DisplayName("#17 null and empty text hold nothing")
    void nullHoldsNothing() {
        assertFalse(TextControls.any(null, Refused.ALL));
        assertEquals(-1, TextControls.first("", Refused.ALL));
        assertTrue(TextControls.any("x\u0000", Refused.NUL));
    }
}
