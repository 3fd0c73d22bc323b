package io.opssight.pipeline.control;

import io.opssight.pipeline.entity.PipelineJob;
import io.opssight.pipeline.entity.PipelineRun;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Pipeline runs loaded for rendering after the transaction: with their service, and their jobs.
 * Shared by reading and by the push API, which answers with the run it recorded.
 */
@Dependent
public class PipelineRunQueries {

    /** The select every run read starts from; alias {@code r}, service {@code s}. */
    public static final String SELECT_LOADED = "select r from PipelineRun r left join fetch r.service s";

    @PersistenceContext
    EntityManager em;

    /** The run with this id, or null. */
    public PipelineRun byId(long id) {
        return first(em.createQuery(SELECT_LOADED + " where r.id = :id", PipelineRun.class).setParameter("id", id)
                .getResultList());
    }

    /** The run with this natural key, or null. */
    public PipelineRun byNaturalKey(String origin, String externalId) {
        return first(em.createQuery(SELECT_LOADED + " where r.origin = :origin and r.externalId = :externalId",
                PipelineRun.class).setParameter("origin", origin).setParameter("externalId", externalId).getResultList());
    }

    /** The jobs of a run, in the order they started (not yet started last). */
    public List<PipelineJob> jobsOf(PipelineRun run) {
        return em.createQuery("select j from PipelineJob j where j.run = :run "
                + "order by j.times.startedAt asc nulls last, j.name, j.id", PipelineJob.class)
                .setParameter("run", run).getResultList();
    }

    private static PipelineRun first(List<PipelineRun> found) {
        return found.isEmpty() ? null : found.get(0);
    }
}
