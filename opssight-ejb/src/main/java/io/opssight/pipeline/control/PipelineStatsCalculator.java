package io.opssight.pipeline.control;

import io.opssight.dora.entity.Period;
import io.opssight.dora.entity.Window;
import io.opssight.pipeline.control.PipelineStatsQueries.Filters;
import io.opssight.pipeline.control.PipelineStatsQueries.RunRow;
import io.opssight.pipeline.control.RedTimeCalculator.Segment;
import io.opssight.pipeline.entity.PipelineStats;
import io.opssight.pipeline.entity.PipelineStats.FailingJob;
import io.opssight.pipeline.entity.PipelineStats.FlakyJob;
import io.opssight.pipeline.entity.PipelineStats.Interval;
import io.opssight.pipeline.entity.PipelineStats.Runs;
import io.opssight.pipeline.entity.PipelineStats.Week;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Assembles {@link PipelineStats} from what {@link PipelineStatsQueries} read. Pure. */
public final class PipelineStatsCalculator {

    private PipelineStatsCalculator() {
    }

    public static PipelineStats stats(Filters f, Window w, Instant now, List<RunRow> runs, List<FailingJob> failing,
            List<FlakyJob> flaky, String redBranch, long repositories, List<Segment> segments) {
        RunRow all = runs.stream().filter(r -> r.week() == null).findFirst()
                .orElse(new RunRow(null, 0, 0, 0, null, null, null, null));
        List<Interval> united = RedTimeCalculator.united(segments, w, now);
        List<Week> weeks = new ArrayList<>();
        for (Period p : w.weeks()) {
            long number = Window.weekNumber(p.start());
            RunRow r = runs.stream().filter(x -> x.week() != null && x.week() == number).findFirst()
                    .orElse(new RunRow(number, 0, 0, 0, null, null, null, null));
            weeks.add(new Week(p, r.completed(), r.succeeded(), r.failed(), rate(r), r.p50Duration(), r.p95Duration(),
                    r.p50Queue(), RedTimeCalculator.redSeconds(united, p)));
        }
        return new PipelineStats(f.repository(), f.pipeline(), f.branch(), w,
                new Runs(all.completed(), all.succeeded(), all.failed(), all.completed() - all.succeeded() - all.failed(), rate(all),
                        all.p50Duration(), all.p95Duration(), all.p50Queue(), all.p95Queue()),
                failing, flaky, RedTimeCalculator.redTime(redBranch, repositories, segments, united, w, now), weeks);
    }

    /** Succeeded ÷ (succeeded + failed); null without either. */
    static Double rate(RunRow r) {
        long decided = r.succeeded() + r.failed();
        return decided == 0 ? null : r.succeeded() / (double) decided;
    }
}
