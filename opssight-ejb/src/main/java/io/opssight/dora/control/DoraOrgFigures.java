package io.opssight.dora.control;

import io.opssight.dora.control.DoraQueries.Value;
import io.opssight.dora.control.DoraRollup.DayRollup;
import io.opssight.dora.entity.Benchmark;
import io.opssight.dora.entity.DoraReport;
import io.opssight.dora.entity.DoraReport.DayRow;
import io.opssight.dora.entity.DoraReport.MedianRow;
import io.opssight.dora.entity.Scope;
import io.opssight.dora.entity.Window;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The organisation's figures (no team or service; possibly one environment) from the daily roll-up:
 * whole UTC days that are not dirty come from dora_day; the partial days at the window's edges and
 * the dirty days (changed since their last recompute) are read from the normalized tables, so the
 * answer is as current as the events. Counts are exact; medians are estimated from 1 % histograms
 * ({@link LogHistogram}). With more than {@value #MAX_RAW_DAYS} dirty days in the window (right after
 * an upgrade or a bulk import, until the timer caught up) it answers nothing and the caller computes
 * everything from the normalized tables.
 */
@Dependent
public class DoraOrgFigures {

    static final int MAX_RAW_DAYS = 62;
    private static final long DAY = 86_400;

    @Inject
    DoraRollup rollup;

    @Inject
    DoraQueries queries;

    @Inject
    DoraDirtyDays dirtyDays;

    public Optional<DoraReport> report(Scope scope, Window window, Benchmark benchmark) {
        if (!dirtyDays.enabled()) {
            return Optional.empty();
        }
        long firstFull = Math.floorDiv(window.from().getEpochSecond() + DAY - 1, DAY);
        long endFull = Math.floorDiv(window.to().getEpochSecond(), DAY);
        List<Window> raw = new ArrayList<>();
        List<DayRollup> rolled = List.of();
        if (firstFull >= endFull) {
            raw.add(window);
        } else {
            Set<Long> dirty = rollup.dirtyDays(firstFull, endFull);
            if (dirty.size() > MAX_RAW_DAYS) {
                return Optional.empty();
            }
            if (window.from().isBefore(start(firstFull))) {
                raw.add(new Window(window.from(), start(firstFull)));
            }
            Long runStart = null;
            for (long day = firstFull; day <= endFull; day++) {
                boolean isDirty = day < endFull && dirty.contains(day);
                if (isDirty && runStart == null) {
                    runStart = day;
                } else if (!isDirty && runStart != null) {
                    raw.add(new Window(start(runStart), start(day)));
                    runStart = null;
                }
            }
            if (start(endFull).isBefore(window.to())) {
                raw.add(new Window(start(endFull), window.to()));
            }
            rolled = rollup.rows(firstFull, endFull, scope.environmentId()).stream().filter(r -> !dirty.contains(r.day())).toList();
        }

        Map<Long, long[]> days = new TreeMap<>();
        WeeklyHistograms lead = new WeeklyHistograms();
        WeeklyHistograms recovery = new WeeklyHistograms();
        WeeklyHistograms restore = new WeeklyHistograms();
        for (DayRollup r : rolled) {
            long[] d = days.computeIfAbsent(r.day(), k -> new long[3]);
            d[0] += r.deployments();
            d[1] += r.failedDeployments();
            d[2] += r.failureIncidents();
            long week = DoraRollup.week(r.day());
            lead.add(week, r.leadTimes(), r.deploymentsWithChanges());
            recovery.add(week, r.recoveryTimes(), 0);
            restore.add(week, r.restoreTimes(), 0);
        }
        for (Window w : raw) {
            for (DayRow r : queries.days(scope, w)) {
                long[] d = days.computeIfAbsent(r.day(), k -> new long[3]);
                d[0] += r.deployments();
                d[1] += r.failedDeployments();
                d[2] += r.incidents();
            }
            lead.addValues(queries.leadTimeValues(scope, w));
            recovery.addValues(queries.recoveryValues(scope, w));
            restore.addValues(queries.restoreValues(scope, w));
        }
        List<DayRow> dayRows = new ArrayList<>();
        days.forEach((day, d) -> dayRows.add(new DayRow(day, d[0], d[1], d[2])));
        return Optional.of(DoraCalculator.report(scope, window, benchmark, dayRows, lead.rows(), recovery.rows(), restore.rows(),
                false));
    }

    private static Instant start(long day) {
        return Instant.ofEpochSecond(day * DAY);
    }

    /** Histograms per week and overall, with the deployments behind them (rolled-up counts plus distinct raw ids). */
    private static final class WeeklyHistograms {
        private final Map<Long, LogHistogram> weeks = new HashMap<>();
        private final LogHistogram all = new LogHistogram();
        private final Map<Long, Long> deploymentsPerWeek = new HashMap<>();
        private long deployments;
        private final Map<Long, Set<Long>> rawDeploymentsPerWeek = new HashMap<>();
        private final Set<Long> rawDeployments = new HashSet<>();

        void add(long week, LogHistogram h, long deploymentCount) {
            weeks.computeIfAbsent(week, k -> new LogHistogram()).addAll(h);
            all.addAll(h);
            deploymentsPerWeek.merge(week, deploymentCount, Long::sum);
            deployments += deploymentCount;
        }

        void addValues(List<Value> values) {
            for (Value v : values) {
                weeks.computeIfAbsent(v.week(), k -> new LogHistogram()).add(v.value());
                all.add(v.value());
                if (v.deployment() != null) {
                    rawDeploymentsPerWeek.computeIfAbsent(v.week(), k -> new HashSet<>()).add(v.deployment());
                    rawDeployments.add(v.deployment());
                }
            }
        }

        List<MedianRow> rows() {
            List<MedianRow> rows = new ArrayList<>();
            weeks.forEach((week, h) -> rows.add(new MedianRow(week, h.count(), deploymentsPerWeek.getOrDefault(week, 0L)
                    + rawDeploymentsPerWeek.getOrDefault(week, Set.of()).size(), h.median())));
            rows.add(new MedianRow(null, all.count(), deployments + rawDeployments.size(), all.median()));
            return rows;
        }
    }
}
