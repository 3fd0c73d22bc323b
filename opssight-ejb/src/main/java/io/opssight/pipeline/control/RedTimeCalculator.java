package io.opssight.pipeline.control;

import io.opssight.dora.entity.Period;
import io.opssight.dora.entity.Window;
import io.opssight.pipeline.entity.PipelineStats.Interval;
import io.opssight.pipeline.entity.PipelineStats.RedTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How long a branch was red. Per pipeline, the branch turns red when a run on it fails (or times
 * out) and green again when a later run of the same pipeline succeeds; cancelled and skipped runs
 * change nothing. A repository's branch is red while any of its pipelines is: the spans of its
 * pipelines are united, so two pipelines failing together are not counted twice. Spans are cut to
 * the window and, for a branch still red, end at the window's end or now, whichever is earlier.
 * Pure: the spans come from {@link PipelineStatsQueries#redSegments}.
 */
public final class RedTimeCalculator {

    static final int MAX_INTERVALS = 100;

    private RedTimeCalculator() {
    }

    /** A red span of one pipeline: from a failed run's finish to the next run's finish (null: no next run yet). */
    public record Segment(String repository, Instant from, Instant to) {
    }

    /** The united red spans of each repository, inside the window (and before now). */
    public static List<Interval> united(List<Segment> segments, Window window, Instant now) {
        Instant end = now.isBefore(window.to()) ? now : window.to();
        Map<String, List<Segment>> byRepository = new LinkedHashMap<>();
        for (Segment s : segments) {
            byRepository.computeIfAbsent(s.repository(), k -> new ArrayList<>()).add(s);
        }
        List<Interval> united = new ArrayList<>();
        for (Map.Entry<String, List<Segment>> e : byRepository.entrySet()) {
            List<Segment> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.comparing(Segment::from));
            Instant from = null;
            Instant to = null;
            for (Segment s : sorted) {
                Instant sFrom = s.from().isBefore(window.from()) ? window.from() : s.from();
                Instant sTo = s.to() == null || s.to().isAfter(end) ? end : s.to();
                if (!sFrom.isBefore(sTo)) {
                    continue;
                }
                if (to != null && !sFrom.isAfter(to)) {
                    to = sTo.isAfter(to) ? sTo : to;
                } else {
                    if (to != null) {
                        united.add(new Interval(e.getKey(), from, to));
                    }
                    from = sFrom;
                    to = sTo;
                }
            }
            if (to != null) {
                united.add(new Interval(e.getKey(), from, to));
            }
        }
        return united;
    }

    /** The total, the repositories still red at the window's end (or now), the first spans and the red ratio. */
    public static RedTime redTime(String branch, long repositories, List<Segment> segments, List<Interval> united, Window window,
            Instant now) {
        Instant end = now.isBefore(window.to()) ? now : window.to();
        long seconds = united.stream().mapToLong(i -> Duration.between(i.from(), i.to()).toSeconds()).sum();
        TreeSet<String> redAtEnd = new TreeSet<>();
        segments.stream().filter(s -> s.from().isBefore(end) && (s.to() == null || s.to().isAfter(end)))
                .forEach(s -> redAtEnd.add(s.repository()));
        List<Interval> shown = united.stream().sorted(Comparator.comparing(Interval::from)).limit(MAX_INTERVALS).toList();
        long windowSeconds = Math.max(0, end.getEpochSecond() - window.from().getEpochSecond());
        Double ratio = repositories == 0 || windowSeconds == 0 ? null : seconds / (double) (windowSeconds * repositories);
        return new RedTime(branch, repositories, seconds, List.copyOf(redAtEnd), shown, ratio);
    }

    /** Red seconds inside one week. */
    public static long redSeconds(List<Interval> united, Period week) {
        long seconds = 0;
        for (Interval i : united) {
            Instant from = i.from().isBefore(week.from()) ? week.from() : i.from();
            Instant to = i.to().isAfter(week.to()) ? week.to() : i.to();
            if (from.isBefore(to)) {
                seconds += Duration.between(from, to).toSeconds();
            }
        }
        return seconds;
    }
}
