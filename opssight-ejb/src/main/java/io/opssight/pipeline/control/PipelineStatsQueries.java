package io.opssight.pipeline.control;

import io.opssight.dora.entity.Window;
import io.opssight.pipeline.entity.PipelineStats.FailingJob;
import io.opssight.pipeline.entity.PipelineStats.FlakyJob;
import io.opssight.pipeline.control.RedTimeCalculator.Segment;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.sql.Timestamp;

/**
 * Reads pipeline analytics from the stored runs and jobs, at query time (like DORA, so figures are
 * current and independent of arrival order). Definitions:
 * <ul>
 * <li>A run counts in the window when it completed and finished in [from, to). Succeeded: conclusion
 * success; failed: failure or timed out; everything else (cancelled, skipped, neutral, stale,
 * action required) is "other" and left out of the success rate = succeeded ÷ (succeeded + failed).</li>
 * <li>Duration: finish − start; queue time: start − queued; both over the succeeded and failed runs
 * whose times are known; p50/p95 are {@code percentile_cont}.</li>
 * <li>Most failing jobs: jobs (by repository and name) that completed in the window, by number of
 * failed executions.</li>
 * <li>Flaky job: a job that failed (or timed out) on a sha and later passed on the same sha (a re-run);
 * counted once per sha, in the window of the passing execution.</li>
 * <li>Red time: see {@link RedTimeCalculator}.</li>
 * </ul>
 * Filters: repository (owner/name), pipeline (workflow name) and branch, each exact; a job is
 * filtered by its own repository and branch, and by its run's pipeline. Teams (a team-scoped
 * caller's): only runs whose service those teams own, and only jobs of such runs.
 */
@Dependent
public class PipelineStatsQueries {

    static final int TOP_JOBS = 10;
    static final int TOP_FLAKY = 20;
    static final int SHAS_PER_FLAKY_JOB = 20;
    private static final String FAILED = "('FAILURE', 'TIMED_OUT')";
    private static final String OUTCOME = "('SUCCESS', 'FAILURE', 'TIMED_OUT')";

    /** What the runs are filtered by; null means any ({@code teams}: ids of the teams owning the runs' services). */
    public record Filters(String repository, String pipeline, String branch, List<Long> teams) {
        public Filters(String repository, String pipeline, String branch) {
            this(repository, pipeline, branch, null);
        }

        Filters anyBranch() {
            return new Filters(repository, pipeline, null, teams);
        }
    }

    /** Runs of services owned by {@code :teams}, for a run alias. */
    private static final String OWNED = ".service_id in (select sv.id from service sv where sv.team_id in (:teams))";

    /** Run figures of one week ({@code week} number) or, with {@code week} null, of the whole window. */
    public record RunRow(Long week, long completed, long succeeded, long failed, Double p50Duration, Double p95Duration,
            Double p50Queue, Double p95Queue) {
    }

    @PersistenceContext
    EntityManager em;

    public List<RunRow> runs(Filters f, Window w) {
        Map<String, Object> p = window(w);
        String completed = "select floor((extract(epoch from r.finished_at) - " + Window.MONDAY_1970_01_05 + ") / 604800) as week, "
                + "r.conclusion, r.conclusion in " + OUTCOME + " as outcome, "
                + "case when r.started_at <= r.finished_at "
                + "then extract(epoch from r.finished_at) - extract(epoch from r.started_at) end as duration, "
                + "case when r.queued_at <= r.started_at "
                + "then extract(epoch from r.started_at) - extract(epoch from r.queued_at) end as queue "
                + "from pipeline_run r where r.status = 'COMPLETED' and r.finished_at >= :from and r.finished_at < :to"
                + runFilters(f, p, "r");
        String aggregates = "count(*), count(*) filter (where x.conclusion = 'SUCCESS'), "
                + "count(*) filter (where x.conclusion in " + FAILED + "), "
                + "percentile_cont(0.5) within group (order by x.duration) filter (where x.outcome), "
                + "percentile_cont(0.95) within group (order by x.duration) filter (where x.outcome), "
                + "percentile_cont(0.5) within group (order by x.queue) filter (where x.outcome), "
                + "percentile_cont(0.95) within group (order by x.queue) filter (where x.outcome)";
        // A CTE read twice rather than GROUPING SETS, which the embedded H2 lacks.
        String sql = "with x as (" + completed + ") select x.week, " + aggregates + " from x group by x.week union all select null, "
                + aggregates + " from x";
        List<RunRow> rows = new ArrayList<>();
        for (Object[] r : rows(sql, p)) {
            rows.add(new RunRow(r[0] == null ? null : number(r[0]), number(r[1]), number(r[2]), number(r[3]), decimal(r[4]),
                    decimal(r[5]), decimal(r[6]), decimal(r[7])));
        }
        return rows;
    }

    public List<FailingJob> failingJobs(Filters f, Window w) {
        Map<String, Object> p = window(w);
        String sql = "select j.repository, j.name, count(*), count(*) filter (where j.conclusion in " + FAILED + "), "
                + "max(j.finished_at) filter (where j.conclusion in " + FAILED + ") "
                + "from pipeline_job j" + (f.pipeline() != null || f.teams() != null ? " join pipeline_run r on r.id = j.run_id" : "")
                + " where j.status = 'COMPLETED' and j.finished_at >= :from and j.finished_at < :to" + jobFilters(f, p, "j")
                + " group by j.repository, j.name having count(*) filter (where j.conclusion in " + FAILED + ") > 0"
                + " order by 4 desc, 1, 2 limit " + TOP_JOBS;
        List<FailingJob> jobs = new ArrayList<>();
        for (Object[] r : rows(sql, p)) {
            long executions = number(r[2]);
            long failures = number(r[3]);
            jobs.add(new FailingJob((String) r[0], (String) r[1], executions, failures, failures / (double) executions, instant(r[4])));
        }
        return jobs;
    }

    public List<FlakyJob> flakyJobs(Filters f, Window w) {
        Map<String, Object> p = window(w);
        String sql = "select j.repository, j.name, j.sha, max(j.finished_at) "
                + "from pipeline_job j" + (f.pipeline() != null || f.teams() != null ? " join pipeline_run r on r.id = j.run_id" : "")
                + " where j.status = 'COMPLETED' and j.conclusion = 'SUCCESS' and j.sha is not null"
                + " and j.finished_at >= :from and j.finished_at < :to" + jobFilters(f, p, "j")
                + " and exists (select 1 from pipeline_job x where x.repository = j.repository and x.name = j.name"
                + " and x.sha = j.sha and x.status = 'COMPLETED' and x.conclusion in " + FAILED
                + " and x.finished_at < j.finished_at)"
                + " group by j.repository, j.name, j.sha order by 4 desc limit 5000";
        Map<List<String>, List<Object[]>> byJob = new LinkedHashMap<>();
        for (Object[] r : rows(sql, p)) {
            byJob.computeIfAbsent(List.of((String) r[0], (String) r[1]), k -> new ArrayList<>()).add(r);
        }
        return byJob.entrySet().stream()
                .map(e -> new FlakyJob(e.getKey().get(0), e.getKey().get(1), e.getValue().size(), instant(e.getValue().get(0)[3]),
                        e.getValue().stream().limit(SHAS_PER_FLAKY_JOB).map(r -> (String) r[2]).toList()))
                .sorted((a, b) -> a.flakes() != b.flakes() ? Long.compare(b.flakes(), a.flakes())
                        : b.lastPassedAt().compareTo(a.lastPassedAt()))
                .limit(TOP_FLAKY).toList();
    }

    /**
     * The red spans of {@code branch}: every failed run with the finish of the next run of the same
     * pipeline (null when none yet), from the last outcome before the window on (so a branch red
     * when the window starts counts from the start).
     */
    public List<Segment> redSegments(Filters f, String branch, Window w) {
        Map<String, Object> p = window(w);
        p.put("branch", branch);
        Filters onBranch = f.anyBranch();
        String filters = runFilters(onBranch, p, "r");
        String sql = "with since as (select r.repository, r.pipeline, max(r.finished_at) as since from pipeline_run r "
                + "where r.status = 'COMPLETED' and r.branch = :branch and r.conclusion in " + OUTCOME
                + " and r.finished_at < :from" + filters + " group by r.repository, r.pipeline) "
                + "select x.repository, x.finished_at, x.next_at from (select r.repository, r.finished_at, r.conclusion, "
                + "lead(r.finished_at) over (partition by r.repository, r.pipeline order by r.finished_at, r.id) as next_at "
                + "from pipeline_run r left join since s on s.repository = r.repository and s.pipeline = r.pipeline "
                + "where r.status = 'COMPLETED' and r.branch = :branch and r.conclusion in " + OUTCOME
                + " and r.finished_at < :to and r.finished_at >= coalesce(s.since, :from)" + filters
                + ") x where x.conclusion in " + FAILED;
        List<Segment> segments = new ArrayList<>();
        for (Object[] r : rows(sql, p)) {
            segments.add(new Segment((String) r[0], instant(r[1]), instant(r[2])));
        }
        return segments;
    }

    /** Repositories with a completed run on {@code branch} in the window. */
    public long repositoriesOn(Filters f, String branch, Window w) {
        Map<String, Object> p = window(w);
        p.put("branch", branch);
        return number(rows("select count(distinct r.repository) from pipeline_run r where r.status = 'COMPLETED' "
                + "and r.branch = :branch and r.finished_at >= :from and r.finished_at < :to"
                + runFilters(f.anyBranch(), p, "r"), p).get(0));
    }

    private static String runFilters(Filters f, Map<String, Object> p, String alias) {
        StringBuilder sql = new StringBuilder();
        if (f.repository() != null) {
            sql.append(" and ").append(alias).append(".repository = :repository");
            p.put("repository", f.repository());
        }
        if (f.pipeline() != null) {
            sql.append(" and ").append(alias).append(".pipeline = :pipeline");
            p.put("pipeline", f.pipeline());
        }
        if (f.branch() != null) {
            sql.append(" and ").append(alias).append(".branch = :branch");
            p.put("branch", f.branch());
        }
        if (f.teams() != null) {
            sql.append(" and ").append(alias).append(OWNED);
            p.put("teams", f.teams());
        }
        return sql.toString();
    }

    private static String jobFilters(Filters f, Map<String, Object> p, String alias) {
        StringBuilder sql = new StringBuilder();
        if (f.repository() != null) {
            sql.append(" and ").append(alias).append(".repository = :repository");
            p.put("repository", f.repository());
        }
        if (f.pipeline() != null) {
            sql.append(" and r.pipeline = :pipeline");
            p.put("pipeline", f.pipeline());
        }
        if (f.branch() != null) {
            sql.append(" and ").append(alias).append(".branch = :branch");
            p.put("branch", f.branch());
        }
        if (f.teams() != null) {
            sql.append(" and r").append(OWNED);
            p.put("teams", f.teams());
        }
        return sql.toString();
    }

    private static Map<String, Object> window(Window w) {
        Map<String, Object> p = new HashMap<>();
        p.put("from", w.from());
        p.put("to", w.to());
        return p;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Map<String, Object> p) {
        Query q = em.createNativeQuery(sql);
        p.forEach(q::setParameter);
        List<?> result = q.getResultList();
        List<Object[]> rows = new ArrayList<>();
        for (Object o : result) {
            rows.add(o instanceof Object[] a ? a : new Object[] {o});
        }
        return rows;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static long number(Object[] row) {
        return number(row[0]);
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    /** Hibernate hands timestamptz columns of native queries over as Instant, OffsetDateTime or Timestamp. */
    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("not a time: " + value.getClass());
    }
}
