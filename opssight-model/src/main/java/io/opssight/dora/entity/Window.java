package io.opssight.dora.entity;

import io.opssight.platform.entity.ValidationProblem;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

/**
 * The time window of a DORA question: from (inclusive) to (exclusive). Without {@code to} it ends
 * now; without {@code from} it is the {@value #DEFAULT_DAYS} days before {@code to}. At most
 * {@value #MAX_DAYS} days long.
 *
 * <p>Weeks are ISO weeks, Monday 00:00 UTC to the next Monday, labelled {@code 2026-W09} (the
 * ISO week-based year, so 2027-01-01, a Friday, is in {@code 2026-W53}). Days and months are UTC
 * calendar days and months. The arithmetic is on epoch seconds so SQL can group the same way:
 * day number = floor(epoch / 86400), week number = floor((epoch − {@value #MONDAY_1970_01_05}) / 604800).
 */
public record Window(Instant from, Instant to) {

    public static final int DEFAULT_DAYS = 90;
    public static final int MAX_DAYS = 1096;
    /** 1970-01-05T00:00:00Z, the first Monday of the epoch, in seconds. */
    public static final long MONDAY_1970_01_05 = 4 * 86_400L;
    static final long DAY = 86_400L;
    static final long WEEK = 7 * DAY;

    public Window {
        if (from == null || to == null) {
            throw new ValidationProblem("from", "a window needs 'from' and 'to'");
        }
        if (!from.isBefore(to)) {
            throw new ValidationProblem("from", "'from' must be before 'to'");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new ValidationProblem("from", "the window may be at most " + MAX_DAYS + " days long");
        }
    }

    /** The window asked for, with the defaults for what was left out. */
    public static Window of(Instant from, Instant to, Instant now) {
        Instant end = to != null ? to : now;
        Instant start = from != null ? from : end.minus(Duration.ofDays(DEFAULT_DAYS));
        return new Window(start, end);
    }

    /** The window's length in days (fractional): the denominator of deployments per day. */
    public double days() {
        return Duration.between(from, to).toMillis() / 86_400_000.0;
    }

    public static long dayNumber(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), DAY);
    }

    public static long weekNumber(Instant at) {
        return Math.floorDiv(at.getEpochSecond() - MONDAY_1970_01_05, WEEK);
    }

    public static Instant weekStart(long weekNumber) {
        return Instant.ofEpochSecond(MONDAY_1970_01_05 + weekNumber * WEEK);
    }

    /** "2026-W09" for the ISO week starting on {@code monday}. */
    public static String weekLabel(Instant monday) {
        LocalDate date = LocalDate.ofInstant(monday, ZoneOffset.UTC);
        return String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** Every ISO week that overlaps the window, oldest first; the first and last may be partial. */
    public List<Period> weeks() {
        List<Period> weeks = new ArrayList<>();
        for (long w = weekNumber(from); weekStart(w).isBefore(to); w++) {
            Instant start = weekStart(w);
            weeks.add(clip(weekLabel(start), start, weekStart(w + 1)));
        }
        return weeks;
    }

    /** Every calendar month (UTC) that overlaps the window, oldest first. */
    public List<Period> months() {
        List<Period> months = new ArrayList<>();
        YearMonth month = YearMonth.from(from.atZone(ZoneOffset.UTC));
        while (true) {
            Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!start.isBefore(to)) {
                return months;
            }
            months.add(clip(month.toString(), start, month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            month = month.plusMonths(1);
        }
    }

    /**
     * The periods a median over weeks or months is taken over: those lying completely inside the
     * window, or, when none does (a window shorter than the period), every overlapping one.
     */
    public static List<Period> counted(List<Period> periods) {
        List<Period> complete = periods.stream().filter(Period::complete).toList();
        return complete.isEmpty() ? periods : complete;
    }

    private Period clip(String label, Instant start, Instant end) {
        Instant clippedFrom = start.isBefore(from) ? from : start;
        Instant clippedTo = end.isAfter(to) ? to : end;
        return new Period(label, start, end, clippedFrom, clippedTo, !start.isBefore(from) && !end.isAfter(to));
    }
}
