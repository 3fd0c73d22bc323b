package io.opssight.automation.boundary;

import io.opssight.access.entity.Permission;
import io.opssight.automation.entity.AutomationRun;
import io.opssight.automation.entity.InfraChange;
import io.opssight.catalog.entity.Workload;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Automation runs, infrastructure changes and workloads, newest first, paged by offset for the console. */
@Stateless
@RolesAllowed(Permission.DEPLOYMENTS_READ)
public class Infrastructure {

    public static final int MAX_PAGE = 500;

    @PersistenceContext
    EntityManager em;

    public long countRuns() {
        return em.createQuery("select count(a) from AutomationRun a", Long.class).getSingleResult();
    }

    /** AWX job runs, most recently started first (runs not started yet come first). */
    public List<AutomationRun> runs(int first, int size) {
        return em.createQuery("select a from AutomationRun a order by a.startedAt desc nulls first, a.id desc",
                AutomationRun.class).setFirstResult(Math.max(0, first)).setMaxResults(page(size)).getResultList();
    }

    public long countChanges() {
        return em.createQuery("select count(c) from InfraChange c", Long.class).getSingleResult();
    }

    /** Terraform plans, newest first. */
    public List<InfraChange> changes(int first, int size) {
        return em.createQuery("select c from InfraChange c order by c.plannedAt desc, c.id desc", InfraChange.class)
                .setFirstResult(Math.max(0, first)).setMaxResults(page(size)).getResultList();
    }

    public long countWorkloads() {
        return em.createQuery("select count(w) from Workload w", Long.class).getSingleResult();
    }

    /** Argo CD workloads with their cluster and service, by cluster, namespace and name. */
    public List<Workload> workloads(int first, int size) {
        return em.createQuery("select w from Workload w join fetch w.cluster c left join fetch w.service "
                + "order by c.name, w.namespace, w.name", Workload.class)
                .setFirstResult(Math.max(0, first)).setMaxResults(page(size)).getResultList();
    }

    private static int page(int size) {
        return Math.max(1, Math.min(size, MAX_PAGE));
    }
}
