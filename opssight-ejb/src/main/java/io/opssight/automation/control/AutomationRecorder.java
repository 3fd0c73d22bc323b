package io.opssight.automation.control;

import io.opssight.automation.entity.AutomationRun;
import io.opssight.automation.entity.InfraChange;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** Records automation runs (AWX) and infrastructure changes (Terraform plans). */
@Dependent
public class AutomationRecorder {

    @PersistenceContext
    EntityManager em;

    /** A job notification: creates the run on first sight, then applies what it says. */
    public AutomationRun recordRun(String origin, String externalId, String name, String status, String playbook,
            String inventory, String launchedBy, String url, Instant startedAt, Instant finishedAt, Integer hostsOk,
            Integer hostsFailed) {
        List<AutomationRun> found = em.createNamedQuery(AutomationRun.FIND_BY_EXTERNAL_ID, AutomationRun.class)
                .setParameter("origin", origin).setParameter("externalId", externalId).getResultList();
        AutomationRun run;
        if (found.isEmpty()) {
            run = new AutomationRun(origin, externalId, name);
            em.persist(run);
        } else {
            run = found.get(0);
        }
        run.report(status, playbook, inventory, launchedBy, url, startedAt, finishedAt, hostsOk, hostsFailed);
        return run;
    }

    /** A plan is immutable: the same plan (same content hash) recorded twice is one change. */
    public InfraChange recordInfraChange(InfraChange change) {
        List<InfraChange> found = em.createNamedQuery(InfraChange.FIND_BY_EXTERNAL_ID, InfraChange.class)
                .setParameter("origin", change.getOrigin()).setParameter("externalId", change.getExternalId())
                .getResultList();
        if (!found.isEmpty()) {
            return found.get(0);
        }
        em.persist(change);
        return change;
    }
}
