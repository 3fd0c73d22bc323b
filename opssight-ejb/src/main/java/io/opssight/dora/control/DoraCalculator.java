package io.opssight.dora.control;

import io.opssight.dora.entity.DoraReport.ChangeFailureRate;
import io.opssight.dora.entity.DoraReport.DayRow;
import io.opssight.dora.entity.DoraReport.LeadTime;
import io.opssight.dora.entity.DoraReport.MedianRow;
import io.opssight.dora.entity.DoraReport.Recovery;
import io.opssight.dora.entity.DoraReport.WeekFigures;
import io.opssight.dora.entity.Benchmark;
import io.opssight.dora.entity.DeploymentFrequency;
import io.opssight.dora.entity.DoraReport;
import io.opssight.dora.entity.Period;
import io.opssight.dora.entity.Scope;
import io.opssight.dora.entity.Window;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles the four keys from the per-day and per-week aggregates {@link DoraQueries} reads.
 * Pure, so the arithmetic is unit-tested by hand-computed cases. The definitions (binding: PRODUCT.md
 * "DORA definitions we use"; the choices it leaves open are marked *):
 * <ul>
 * <li><b>Deployment</b>: a deployment with status success to a production environment, of a service
 * in scope, counted once at its finish time, which must lie in [from, to). *Each production
 * environment of a service counts its own deployments (a release to eu and us is two).</li>
 * <li><b>Deployment frequency</b>: *deployments ÷ the window's length in days; tier from the median
 * deployment days per week over the *weeks lying completely inside the window (all overlapping weeks
 * when none does), then the same per calendar month (see {@link DeploymentFrequency}).</li>
 * <li><b>Lead time for changes</b>: median over every change shipped by a counted deployment of
 * (deployment finish − commit time); the commits a deployment shipped are those after the previous
 * successful deployment of the same service and environment (change.control.ShippedChanges).</li>
 * <li><b>Change failure rate</b>: counted deployments that caused at least one incident (linked
 * explicitly, manually, or as the latest production deployment of the service before the incident
 * opened) ÷ counted deployments. *The incident may open at any time, also after the window.</li>
 * <li><b>Failed deployment recovery time</b> (2023): median of (resolved − causing deployment's
 * finish) over the incidents *resolved in the window whose causing deployment is a successful
 * production deployment in scope (*it may have finished before the window).</li>
 * <li><b>Time to restore</b> (2021): median of (resolved − opened) over the incidents of the scope
 * *resolved in the window. *An incident belongs to the scope of its causing deployment; one linked
 * to none belongs to its own service's scope, unless an environment is asked for.</li>
 * </ul>
 * Negative durations (a clock skew between tools) count as zero.
 */
public final class DoraCalculator {

    private DoraCalculator() {
    }

    /** With exact medians (computed by the database from every value). */
    public static DoraReport report(Scope scope, Window window, Benchmark benchmark, List<DayRow> days,
            List<MedianRow> leadTimes, List<MedianRow> recoveries, List<MedianRow> restores) {
        return report(scope, window, benchmark, days, leadTimes, recoveries, restores, true);
    }

    /** {@code exactMedians} false: the medians were estimated from histograms (the organisation-wide roll-up). */
    public static DoraReport report(Scope scope, Window window, Benchmark benchmark, List<DayRow> days,
            List<MedianRow> leadTimes, List<MedianRow> recoveries, List<MedianRow> restores, boolean exactMedians) {
        Map<Long, Long> deploymentsByDay = new HashMap<>();
        long deployments = 0;
        long failed = 0;
        long incidents = 0;
        for (DayRow d : days) {
            deploymentsByDay.merge(d.day(), d.deployments(), Long::sum);
            deployments += d.deployments();
            failed += d.failedDeployments();
            incidents += d.incidents();
        }
        DeploymentFrequency frequency = DeploymentFrequencyCalculator.of(window, deploymentsByDay, benchmark);

        MedianRow lead = overall(leadTimes);
        LeadTime leadTime = new LeadTime(lead.count(), lead.deployments(), deployments - lead.deployments(), lead.median(),
                benchmark.leadTime(lead.median()));

        Double rate = deployments == 0 ? null : failed / (double) deployments;
        ChangeFailureRate failureRate = new ChangeFailureRate(deployments, failed, incidents, rate,
                benchmark.changeFailureRate(rate));

        MedianRow recovery = overall(recoveries);
        MedianRow restore = overall(restores);
        return new DoraReport(scope, window, benchmark, frequency, leadTime, failureRate,
                new Recovery(recovery.count(), recovery.median(), benchmark.recovery(recovery.median())),
                new Recovery(restore.count(), restore.median(), benchmark.recovery(restore.median())),
                weeks(window, days, leadTimes, recoveries, restores), exactMedians);
    }

    private static List<WeekFigures> weeks(Window window, List<DayRow> days, List<MedianRow> leadTimes,
            List<MedianRow> recoveries, List<MedianRow> restores) {
        Map<Long, MedianRow> lead = byWeek(leadTimes);
        Map<Long, MedianRow> recovery = byWeek(recoveries);
        Map<Long, MedianRow> restore = byWeek(restores);
        List<WeekFigures> weeks = new ArrayList<>();
        for (Period week : window.weeks()) {
            long number = Window.weekNumber(week.start());
            long first = Window.dayNumber(week.start());
            long deployments = 0;
            long failed = 0;
            long deploymentDays = 0;
            for (DayRow d : days) {
                if (d.day() >= first && d.day() < first + 7) {
                    deployments += d.deployments();
                    failed += d.failedDeployments();
                    deploymentDays += d.deployments() > 0 ? 1 : 0;
                }
            }
            double weekDays = Duration.between(week.from(), week.to()).toMillis() / 86_400_000.0;
            MedianRow l = lead.getOrDefault(number, NONE);
            MedianRow r = recovery.getOrDefault(number, NONE);
            MedianRow t = restore.getOrDefault(number, NONE);
            weeks.add(new WeekFigures(week, deployments, deploymentDays, deployments / weekDays, l.count(), l.median(), failed,
                    deployments == 0 ? null : failed / (double) deployments, r.count(), r.median(), t.count(), t.median()));
        }
        return weeks;
    }

    private static final MedianRow NONE = new MedianRow(null, 0, 0, null);

    private static MedianRow overall(List<MedianRow> rows) {
        return rows.stream().filter(r -> r.week() == null).findFirst().orElse(NONE);
    }

    private static Map<Long, MedianRow> byWeek(List<MedianRow> rows) {
        Map<Long, MedianRow> map = new HashMap<>();
        rows.stream().filter(r -> r.week() != null).forEach(r -> map.put(r.week(), r));
        return map;
    }
}
