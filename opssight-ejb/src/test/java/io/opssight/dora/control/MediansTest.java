package io.opssight.dora.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#4 medians")
class MediansTest {

    @Test
    @DisplayName("#4 odd count: the middle value, whatever the input order")
    void odd() {
        assertEquals(7.0, Medians.of(List.of(9L, 7L, 1L)));
        assertEquals(5.0, Medians.of(5));
    }

    @Test
    @DisplayName("#4 even count: the mean of the two middle values")
    void even() {
        assertEquals(2.5, Medians.of(List.of(4, 1, 3, 2)));
        assertEquals(0.5, Medians.of(0, 1));
        assertEquals(90.0, Medians.of(List.of(60L, 120L)));
    }

    @Test
    @DisplayName("#4 no values: no median (null), not zero")
    void none() {
        assertNull(Medians.of(List.of()));
        assertNull(Medians.of((List<Long>) null));
        assertNull(Medians.of());
    }
}
