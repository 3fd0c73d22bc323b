package io.opssight.dora.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#4 log histograms: organisation-wide medians within 1 %")
class LogHistogramTest {

    @Test
    @DisplayName("#4 the estimated median of random lead times is within 1 % of the exact one, for odd and even counts")
    void medianWithinOnePercent() {
        Random random = new Random(7);
        for (int n : new int[] {1, 2, 3, 10, 101, 1000, 25_000}) {
            List<Double> values = new ArrayList<>();
            LogHistogram h = new LogHistogram();
            for (int i = 0; i < n; i++) {
                double v = Math.floor(-Math.log(1 - random.nextDouble()) * 86_400);
                values.add(v);
                h.add(v);
            }
            double exact = Medians.of(values);
            double estimate = h.median();
            assertTrue(Math.abs(estimate - exact) <= 0.01 * exact + 1, () -> n + " values: exact " + exact + ", estimate " + estimate);
        }
    }

    @Test
    @DisplayName("#4 buckets: zero alone, then 1 % wide; histograms add up and survive their text form")
    void bucketsAndText() {
        assertEquals(0, LogHistogram.bucket(0));
        assertEquals(0, LogHistogram.bucket(0.5));
        assertEquals(1, LogHistogram.bucket(1));
        assertEquals(LogHistogram.bucket(3600), LogHistogram.bucket(3600.5));
        assertTrue(LogHistogram.bucket(3700) > LogHistogram.bucket(3600));
        double lo = LogHistogram.lower(LogHistogram.bucket(86_400));
        assertTrue(lo <= 86_400 && 86_400 < LogHistogram.upper(LogHistogram.bucket(86_400)));

        LogHistogram a = new LogHistogram().add(60).add(60).add(0);
        LogHistogram b = LogHistogram.parse(a.format());
        assertEquals(a.format(), b.format());
        assertEquals(3, b.count());
        b.addAll(new LogHistogram().add(7200));
        assertEquals(4, b.count());
        assertEquals(0, LogHistogram.parse("").count());
        assertNull(new LogHistogram().median());
        assertEquals(0.0, new LogHistogram().add(0).median());
    }
}
