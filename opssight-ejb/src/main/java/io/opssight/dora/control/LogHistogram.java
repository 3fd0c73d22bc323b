package io.opssight.dora.control;

import java.util.Map;
import java.util.TreeMap;

/**
 * A histogram of durations in seconds with logarithmic buckets 1 % wide, so the median of any number
 * of values is known to within 1 % from a few hundred numbers. The organisation-wide figures keep one
 * per day (dora_day) and add them up for a window: the median is then estimated by interpolating
 * inside the bucket that holds the middle rank(s), which is never off by more than the bucket's
 * width (1 % of the value). Bucket 0 holds zero (and anything under a second); bucket b &ge; 1 holds
 * [1.01^(b-1), 1.01^b). Stored as text: "b:count b:count ...".
 */
public final class LogHistogram {

    static final double RATIO = 1.01;
    private static final double LN_RATIO = Math.log(RATIO);

    private final TreeMap<Integer, Long> counts = new TreeMap<>();
    private long total;

    public static int bucket(double seconds) {
        if (seconds < 1) {
            return 0;
        }
        // The small epsilon keeps exact powers of the ratio in their own bucket despite rounding.
        return 1 + (int) Math.floor(Math.log(seconds) / LN_RATIO + 1e-9);
    }

    static double lower(int bucket) {
        return bucket == 0 ? 0 : Math.pow(RATIO, bucket - 1);
    }

    static double upper(int bucket) {
        return bucket == 0 ? 0 : Math.pow(RATIO, bucket);
    }

    public LogHistogram add(double seconds) {
        return add(bucket(seconds), 1);
    }

    public LogHistogram add(int bucket, long count) {
        if (count > 0) {
            counts.merge(bucket, count, Long::sum);
            total += count;
        }
        return this;
    }

    public LogHistogram addAll(LogHistogram other) {
        other.counts.forEach(this::add);
        return this;
    }

    public long count() {
        return total;
    }

    /** The median as {@link Medians} defines it (mean of the two middle values for an even count), estimated; null when empty. */
    public Double median() {
        if (total == 0) {
            return null;
        }
        if (total % 2 == 1) {
            return valueAtRank((total + 1) / 2);
        }
        return (valueAtRank(total / 2) + valueAtRank(total / 2 + 1)) / 2;
    }

    /** The estimated value of the {@code rank}-th smallest value (1-based): spread evenly over its bucket. */
    double valueAtRank(long rank) {
        long before = 0;
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            if (before + e.getValue() >= rank) {
                double lo = lower(e.getKey());
                double hi = upper(e.getKey());
                return lo + (hi - lo) * ((rank - before) - 0.5) / e.getValue();
            }
            before += e.getValue();
        }
        throw new IllegalStateException("rank " + rank + " of " + total);
    }

    public String format() {
        StringBuilder text = new StringBuilder();
        counts.forEach((b, c) -> text.append(text.length() == 0 ? "" : " ").append(b).append(':').append(c));
        return text.toString();
    }

    public static LogHistogram parse(String text) {
        LogHistogram h = new LogHistogram();
        if (text == null || text.isBlank()) {
            return h;
        }
        int i = 0;
        int n = text.length();
        while (i < n) {
            int colon = text.indexOf(':', i);
            int space = text.indexOf(' ', colon);
            int end = space < 0 ? n : space;
            h.add(Integer.parseInt(text, i, colon, 10), Long.parseLong(text, colon + 1, end, 10));
            i = end + 1;
        }
        return h;
    }
}
