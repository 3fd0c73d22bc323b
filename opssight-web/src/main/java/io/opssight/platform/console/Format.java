package io.opssight.platform.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes times, durations and rates: UTC, short, the same on every page. */
public final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** "2026-11-25 21:03:07 UTC" (whole seconds), or "" for none. */
    public static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** "42s", "3m 20s", "2h 5m", "3d 4h"; empty for null. */
    public static String duration(Double seconds) {
        return seconds == null ? "" : duration(Math.round(seconds));
    }

    /** A {@link Duration} the same way; empty for null. */
    public static String duration(Duration duration) {
        return duration == null ? "" : duration(duration.toSeconds());
    }

    public static String duration(long s) {
        if (s >= 86_400) {
            return (s / 86_400) + "d " + (s % 86_400 / 3600) + "h";
        }
        if (s >= 3600) {
            return (s / 3600) + "h " + (s % 3600 / 60) + "m";
        }
        return s >= 60 ? (s / 60) + "m " + (s % 60) + "s" : s + "s";
    }

    /** 0.5 → "50.0 %"; "–" for null (no data is not zero). */
    public static String percent(Double rate) {
        return rate == null ? "–" : String.format(Locale.ROOT, "%.1f %%", rate * 100);
    }

    public static String number(double value) {
        return String.format(Locale.ROOT, value >= 10 ? "%.0f" : "%.2f", value);
    }

    public static String shortSha(String sha) {
        return sha == null ? "" : sha.substring(0, Math.min(7, sha.length()));
    }

    /**
     * A link from ingested data only when it is http(s): a {@code javascript:} URL sent in a
     * webhook must not become a clickable link in the console. Null otherwise.
     */
    public static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url.trim() : null;
    }

    /** An enum's name as the API writes it: "LATEST_PRODUCTION_DEPLOYMENT" → "latest production deployment". */
    public static String words(Enum<?> value) {
        return value == null ? "" : value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
