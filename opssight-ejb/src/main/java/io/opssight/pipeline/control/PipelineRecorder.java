package io.opssight.pipeline.control;

import io.opssight.catalog.control.Catalog;
import io.opssight.pipeline.entity.PipelineJob;
import io.opssight.pipeline.entity.PipelineRun;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** Records pipeline runs and jobs from any CI system, in any order, any number of times. */
@Dependent
public class PipelineRecorder {

    @PersistenceContext
    EntityManager em;

    @Inject
    Catalog catalog;

    public PipelineRun recordRun(RunFacts f, Instant now) {
        PipelineRun run = findRun(f.origin(), f.externalId());
        Instant reported = f.reportedAt() != null ? f.reportedAt() : now;
        boolean created = run == null;
        if (created) {
            run = new PipelineRun(f.origin(), f.externalId(), f.pipeline(), reported);
        }
        run.describe(f.repository() != null || f.repositoryName() != null
                        ? catalog.serviceForRepository(f.repository(), f.repositoryName(), now) : null,
                f.repository(), f.runNumber(), f.attempt(), f.branch(), f.sha(), f.triggerEvent(), f.actor(), f.url());
        run.times().apply(f.status(), f.conclusion(), f.queuedAt(), f.startedAt(), f.finishedAt(), reported);
        if (created) {
            // Persisted once complete, so the row is written by one insert (not an insert and an update).
            em.persist(run);
            for (PipelineJob orphan : em.createNamedQuery(PipelineJob.FIND_ORPHANS_OF_RUN, PipelineJob.class)
                    .setParameter("origin", f.origin()).setParameter("runExternalId", f.externalId()).getResultList()) {
                orphan.attachTo(run);
            }
        }
        return run;
    }

    public PipelineJob recordJob(JobFacts f, Instant now) {
        List<PipelineJob> found = em.createNamedQuery(PipelineJob.FIND_BY_EXTERNAL_ID, PipelineJob.class)
                .setParameter("origin", f.origin()).setParameter("externalId", f.externalId()).getResultList();
        Instant reported = f.reportedAt() != null ? f.reportedAt() : now;
        PipelineJob job = found.isEmpty() ? new PipelineJob(f.origin(), f.externalId(), f.name(), reported) : found.get(0);
        job.describe(f.runExternalId(), f.repository(), f.sha(), f.branch(), f.runner());
        if (job.getRun() == null && f.runExternalId() != null) {
            PipelineRun run = findRun(f.origin(), f.runExternalId());
            if (run != null) {
                job.attachTo(run);
            }
        }
        job.times().apply(f.status(), f.conclusion(), f.queuedAt(), f.startedAt(), f.finishedAt(), reported);
        if (found.isEmpty()) {
            em.persist(job);
        }
        return job;
    }

    private PipelineRun findRun(String origin, String externalId) {
        List<PipelineRun> found = em.createNamedQuery(PipelineRun.FIND_BY_EXTERNAL_ID, PipelineRun.class)
                .setParameter("origin", origin).setParameter("externalId", externalId).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }
}
