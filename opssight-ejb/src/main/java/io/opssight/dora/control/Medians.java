package io.opssight.dora.control;

import java.util.Arrays;
import java.util.Collection;

/**
 * The median as every DORA figure uses it: the middle value of the sorted values, or the mean of
 * the two middle values when there is an even number of them (as PostgreSQL's
 * {@code percentile_cont(0.5)}); null when there are no values.
 */
public final class Medians {

    private Medians() {
    }

    public static Double of(Collection<? extends Number> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).toArray();
        return ofUnsorted(sorted);
    }

    public static Double of(double... values) {
        if (values == null || values.length == 0) {
            return null;
        }
        return ofUnsorted(values.clone());
    }

    private static Double ofUnsorted(double[] values) {
        Arrays.sort(values);
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
    }
}
