package io.opssight.pipeline.boundary;

import io.opssight.access.control.CallerTeams;
import io.opssight.access.entity.Permission;
import io.opssight.pipeline.control.PipelineRunQueries;
import io.opssight.pipeline.entity.Conclusion;
import io.opssight.pipeline.entity.PipelineRun;
import io.opssight.pipeline.entity.RunStatus;
import io.opssight.platform.control.ListQuery;
import io.opssight.platform.entity.KeysetPage;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Locale;

/**
 * Reading pipeline runs: filtered, newest first, keyset-paged; one run with its jobs. A team-scoped
 * caller ({@link CallerTeams}) sees only runs of its teams' services (a run belongs to the service of
 * its repository); another team's run, and a run of no known service, is a 404.
 */
@Stateless
@RolesAllowed(Permission.PIPELINES_READ)
public class PipelineRuns {

    public static final int MAX_PAGE = 500;

    /** The time a run is ordered and filtered by (see {@link PipelineRunQuery}). */
    private static final String AT = "coalesce(r.times.queuedAt, r.times.startedAt, r.times.statusAt)";

    @PersistenceContext
    EntityManager em;

    @Inject
    PipelineRunQueries queries;

    @Inject
    CallerTeams callerTeams;

    /** A page of the list, newest first, after the cursor {@code query.after()}; and whether more follow. */
    public KeysetPage<PipelineRun> list(PipelineRunQuery query) {
        return matching(query).afterDescending(AT, "r.id", query.after()).page(query.limit(), MAX_PAGE);
    }

    /** Offset paging (newest first) for the console's table; the cursor of {@code query} is ignored. */
    public List<PipelineRun> slice(PipelineRunQuery query, int first, int size) {
        return matching(query).slice(first, size, MAX_PAGE);
    }

    /** How many runs match {@code query} (its cursor ignored). */
    public long count(PipelineRunQuery query) {
        return matching(query).count();
    }

    /**
     * The pipelines whose latest decided run (success, failure or timed out) on {@code branch}
     * failed: each such run, newest first, at most {@code limit}. A cancelled or skipped run neither
     * breaks nor fixes a branch (as in the red time of pipeline analytics).
     */
    public List<PipelineRun> red(String branch, int limit) {
        List<Conclusion> decided = List.of(Conclusion.SUCCESS, Conclusion.FAILURE, Conclusion.TIMED_OUT);
        List<Conclusion> failed = List.of(Conclusion.FAILURE, Conclusion.TIMED_OUT);
        // Candidates: the newest RED_CANDIDATES failed runs of the branch (one backward index range scan).
        // Scanning every failure to prove there are no more red branches would read millions of runs;
        // a branch whose last failure is older than that many failures elsewhere is not listed.
        TypedQuery<Long> candidateQuery = em.createQuery("select r.id from PipelineRun r where r.branch = :branch"
                + " and r.times.finishedAt is not null and r.times.conclusion in (:failed)"
                + (callerTeams.restricted() ? " and r.service.team.id in :callerTeams" : "")
                + " order by r.times.finishedAt desc, r.id desc", Long.class)
                .setParameter("branch", branch).setParameter("failed", failed);
        if (callerTeams.restricted()) {
            candidateQuery.setParameter("callerTeams", callerTeams.restriction());
        }
        List<Long> candidates = candidateQuery.setMaxResults(RED_CANDIDATES).getResultList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        return em.createQuery(PipelineRunQueries.SELECT_LOADED + " where r.id in (:candidates)"
                + " and not exists (select 1 from PipelineRun n where n.repository = r.repository and n.branch = r.branch"
                + " and n.pipeline = r.pipeline and n.times.conclusion in (:decided)"
                // The redundant >= lets the index (repository, branch, pipeline, finished_at) skip older runs.
                + " and n.times.finishedAt >= r.times.finishedAt"
                + " and (n.times.finishedAt > r.times.finishedAt or (n.times.finishedAt = r.times.finishedAt and n.id > r.id)))"
                + " order by r.times.finishedAt desc, r.id desc", PipelineRun.class)
                .setParameter("candidates", candidates)
                .setParameter("decided", decided)
                .setMaxResults(Math.max(1, Math.min(limit, MAX_PAGE))).getResultList();
    }

    /** How many of the newest failed runs {@link #red} considers. */
    static final int RED_CANDIDATES = 2000;

    /** The runs {@code query} filters for (its cursor aside), newest first. */
    private ListQuery<PipelineRun> matching(PipelineRunQuery query) {
        RunStatus status = query.status() == null ? null : status(query.status());
        Conclusion conclusion = query.conclusion() == null ? null : conclusion(query.conclusion());
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new ValidationProblem("from", "'from' must be before 'to'");
        }
        return ListQuery.of(em, PipelineRun.class, PipelineRunQueries.SELECT_LOADED,
                "select count(r) from PipelineRun r left join r.service s")
                .andIf(callerTeams.restricted(), "s.team.id in :callerTeams", "callerTeams", callerTeams.restriction())
                .andGiven("r.repository = :repository", "repository", query.repository())
                .andGiven("r.branch = :branch", "branch", query.branch())
                .andGiven("r.times.status = :status", "status", status)
                .andGiven("r.times.conclusion = :conclusion", "conclusion", conclusion)
                .andGiven(AT + " >= :from", "from", query.from())
                .andGiven(AT + " < :to", "to", query.to())
                .orderBy(AT + " desc, r.id desc");
    }

    /** One run with its jobs; 404 when there is none. */
    public RunWithJobs find(long id) {
        PipelineRun run = queries.byId(id);
        if (run == null || !callerTeams.sees(run.getService() == null || run.getService().getTeam() == null ? null
                : run.getService().getTeam().getId())) {
            throw new NotFoundProblem("No pipeline run " + id);
        }
        return new RunWithJobs(run, queries.jobsOf(run));
    }

    private static RunStatus status(String word) {
        try {
            return RunStatus.valueOf(word.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationProblem("status", "Unknown run status '" + word + "'; expected queued, in_progress or completed");
        }
    }

    private static Conclusion conclusion(String word) {
        try {
            return Conclusion.valueOf(word.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationProblem("conclusion", "Unknown conclusion '" + word + "'; expected success, failure, "
                    + "cancelled, skipped, timed_out, neutral, action_required or stale");
        }
    }
}
