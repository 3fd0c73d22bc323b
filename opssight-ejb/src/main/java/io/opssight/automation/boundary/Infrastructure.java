package io.opssight.automation.boundary;

import io.opssight.access.entity.Permission;
import io.opssight.automation.entity.AutomationRun;
import io.opssight.automation.entity.InfraChange;
import io.opssight.catalog.entity.Workload;
import io.opssight.platform.control.ListQuery;
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
        return runs().count();
    }

    /** AWX job runs, most recently started first (runs not started yet come first). */
    public List<AutomationRun> runs(int first, int size) {
        return runs().slice(first, size, MAX_PAGE);
    }

    public long countChanges() {
        return changes().count();
    }

    /** Terraform plans, newest first. */
    public List<InfraChange> changes(int first, int size) {
        return changes().slice(first, size, MAX_PAGE);
    }

    public long countWorkloads() {
        return workloads().count();
    }

    /** Argo CD workloads with their cluster and service, by cluster, namespace and name. */
    public List<Workload> workloads(int first, int size) {
        return workloads().slice(first, size, MAX_PAGE);
    }

    private ListQuery<AutomationRun> runs() {
        return ListQuery.of(em, AutomationRun.class, "select a from AutomationRun a", "select count(a) from AutomationRun a")
                .orderBy("a.startedAt desc nulls first, a.id desc");
    }

    private ListQuery<InfraChange> changes() {
        return ListQuery.of(em, InfraChange.class, "select c from InfraChange c", "select count(c) from InfraChange c")
                .orderBy("c.plannedAt desc, c.id desc");
    }

    private ListQuery<Workload> workloads() {
        return ListQuery.of(em, Workload.class, "select w from Workload w join fetch w.cluster c left join fetch w.service",
                "select count(w) from Workload w").orderBy("c.name, w.namespace, w.name");
    }
}
