package io.opssight.dora.control;

import io.opssight.catalog.entity.Service;
import io.opssight.change.entity.DeploymentChange;
import io.opssight.deployment.entity.Deployment;
import io.opssight.deployment.entity.DeploymentStatus;
import io.opssight.dora.entity.CountedDeployment;
import io.opssight.dora.entity.DoraPage;
import io.opssight.dora.entity.DoraReport.DayRow;
import io.opssight.dora.entity.DoraReport.MedianRow;
import io.opssight.dora.entity.IncidentMeasure;
import io.opssight.dora.entity.Scope;
import io.opssight.dora.entity.ScopedIncident;
import io.opssight.dora.entity.Window;
import io.opssight.incident.entity.Incident;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Parameter;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.sql.Timestamp;
import java.time.OffsetDateTime;

/**
 * Reads what the DORA figures are made of, at query time, from the normalized tables that ingestion
 * keeps current: deployments per day (with whether each caused an incident), and medians per ISO week
 * plus over the whole window, computed by PostgreSQL ({@code percentile_cont(0.5)}, the usual median).
 * Every query starts from an index: successful deployments by (service, status, finish) or by
 * (status, finish); incidents by their causing deployment or by resolution time (Flyway V4_1).
 * Also the drill-downs: the deployments, changes and incidents behind the figures, with the same
 * filters, so each number can be checked row by row.
 */
@Dependent
public class DoraQueries {

    private static final String WEEK_OF = "floor((extract(epoch from %s) - " + Window.MONDAY_1970_01_05 + ") / 604800)";

    private static final String COUNTED = " from deployment d join environment e on e.id = d.environment_id"
            + " where d.status = 'SUCCESS' and e.production = true and d.finished_at >= :from and d.finished_at < :to";

    private static final String MEDIAN = "percentile_cont(0.5) within group (order by x.v)";

    @PersistenceContext
    EntityManager em;

    /**
     * Counted deployments per UTC day, with how many caused an incident and how many incidents those
     * were. Two queries rather than a join, so each reads one index: deployments by finish time, then
     * incidents by their causing deployment.
     */
    public List<DayRow> days(Scope scope, Window window) {
        Map<String, Object> p = window(window);
        String scoped = deploymentScope(scope, p);
        Map<Long, long[]> failures = new HashMap<>();
        for (Object[] r : rows("select floor(extract(epoch from d.finished_at) / 86400), count(distinct d.id), count(*) "
                + "from incident i join deployment d on d.id = i.caused_by_id join environment e on e.id = d.environment_id "
                + "where d.status = 'SUCCESS' and e.production = true and d.finished_at >= :from and d.finished_at < :to"
                + scoped + " group by 1", p)) {
            failures.put(number(r[0]), new long[] {number(r[1]), number(r[2])});
        }
        List<DayRow> rows = new ArrayList<>();
        for (Object[] r : rows("select floor(extract(epoch from d.finished_at) / 86400), count(*)" + COUNTED + scoped
                + " group by 1", p)) {
            long[] failed = failures.getOrDefault(number(r[0]), new long[2]);
            rows.add(new DayRow(number(r[0]), number(r[1]), failed[0], failed[1]));
        }
        return rows;
    }

    /** Lead times of the changes the counted deployments shipped: per week of the deployment's finish, and overall. */
    public List<MedianRow> leadTimes(Scope scope, Window window) {
        Map<String, Object> p = window(window);
        return medians(perWeekAndOverall(leadTimeRows(scope, p), "count(*), count(distinct x.deployment), " + MEDIAN), p);
    }

    /** Resolved − causing deployment's finish, for incidents resolved in the window caused by a counted-kind deployment in scope. */
    public List<MedianRow> recoveries(Scope scope, Window window) {
        Map<String, Object> p = window(window);
        return medians(perWeekAndOverall(recoveryRows(scope, p), "count(*), count(distinct x.deployment), " + MEDIAN), p);
    }

    /** Resolved − opened, for the scope's incidents resolved in the window (DORA 2021's time to restore). */
    public List<MedianRow> restores(Scope scope, Window window) {
        Map<String, Object> p = window(window);
        return medians(perWeekAndOverall(restoreRows(scope, p), "count(*), 0, " + MEDIAN), p);
    }

    /** One value behind a median: its week, the deployment it belongs to (lead and recovery times), the value. */
    public record Value(long week, Long deployment, double value) {
    }

    /** The lead times themselves (for the roll-up and the days it does not cover). */
    public List<Value> leadTimeValues(Scope scope, Window window) {
        Map<String, Object> p = window(window);
        return values("select x.week, x.deployment, x.v from (" + leadTimeRows(scope, p) + ") x", p);
    }

    public List<Value> recoveryValues(Scope scope, Window window) {
        Map<String, Object> p = window(window);
        return values("select x.week, x.deployment, x.v from (" + recoveryRows(scope, p) + ") x", p);
    }

    public List<Value> restoreValues(Scope scope, Window window) {
        Map<String, Object> p = window(window);
        return values("select x.week, null, x.v from (" + restoreRows(scope, p) + ") x", p);
    }

    /**
     * From deployment_change alone (it carries its deployment's service, environment and finish, and
     * exists only for successful deployments): one index range scan per service, or over the window.
     */
    private static String leadTimeRows(Scope scope, Map<String, Object> p) {
        return "select " + WEEK_OF.formatted("c.finished_at") + " as week, c.deployment_id as deployment, c.lead_time_seconds as v"
                + " from deployment_change c join environment e on e.id = c.environment_id"
                + " where e.production = true and c.finished_at >= :from and c.finished_at < :to" + scope(scope, p, "c");
    }

    private static String recoveryRows(Scope scope, Map<String, Object> p) {
        return "select " + WEEK_OF.formatted("i.resolved_at") + " as week, d.id as deployment, "
                + "greatest(0, extract(epoch from i.resolved_at) - extract(epoch from d.finished_at)) as v "
                + "from incident i join deployment d on d.id = i.caused_by_id join environment e on e.id = d.environment_id "
                + "where d.status = 'SUCCESS' and e.production = true and i.resolved_at >= :from and i.resolved_at < :to"
                + deploymentScope(scope, p);
    }

    /**
     * The scope's incidents resolved in the window: those linked to a deployment in scope, plus those
     * linked to none whose own service is in scope. Two branches of a union rather than one OR, so
     * each can use its index.
     */
    private static String restoreRows(Scope scope, Map<String, Object> p) {
        String resolved = "i.resolved_at >= :from and i.resolved_at < :to";
        String incidents;
        if (scope.serviceId() == null && scope.teamId() == null && scope.environmentId() == null) {
            incidents = "select i.opened_at, i.resolved_at from incident i where " + resolved;
        } else {
            incidents = "select i.opened_at, i.resolved_at from incident i join deployment d on d.id = i.caused_by_id where "
                    + resolved + deploymentScope(scope, p);
            if (scope.environmentId() == null) {
                incidents += " union all select i.opened_at, i.resolved_at from incident i where i.caused_by_id is null and "
                        + resolved + (scope.serviceId() != null ? " and i.service_id = :service" : "")
                        + (scope.teamId() != null ? " and i.service_id in (select ts.id from service ts where ts.team_id = :team)" : "");
            }
        }
        return "select " + WEEK_OF.formatted("y.resolved_at") + " as week, "
                + "greatest(0, extract(epoch from y.resolved_at) - extract(epoch from y.opened_at)) as v from (" + incidents + ") y";
    }

    private List<Value> values(String sql, Map<String, Object> p) {
        List<Value> values = new ArrayList<>();
        for (Object[] r : rows(sql, p)) {
            values.add(new Value(number(r[0]), r[1] == null ? null : number(r[1]), ((Number) r[2]).doubleValue()));
        }
        return values;
    }

    // ---- drill-downs ----------------------------------------------------------------------------

    private static final String COUNTED_JPQL = " where d.status = :success and de.production = true"
            + " and d.finishedAt >= :from and d.finishedAt < :to";

    /** The counted deployments, newest finish first. */
    public DoraPage<CountedDeployment> deployments(Scope scope, Window window, int offset, int limit) {
        Map<String, Object> p = jpqlWindow(window);
        String where = COUNTED_JPQL + deploymentScopeJpql(scope, p);
        long total = count("select count(d) from Deployment d join d.service ds join d.environment de" + where, p);
        List<Deployment> found = list("select d from Deployment d join fetch d.service ds join fetch d.environment de"
                + where + " order by d.finishedAt desc, d.id desc", Deployment.class, p, offset, limit);
        List<CountedDeployment> items = new ArrayList<>();
        if (!found.isEmpty()) {
            List<Long> ids = found.stream().map(Deployment::getId).toList();
            Map<Long, List<Long>> leads = new HashMap<>();
            for (Object[] r : em.createQuery("select c.deployment.id, c.leadTimeSeconds from DeploymentChange c "
                    + "where c.deployment.id in :ids", Object[].class).setParameter("ids", ids).getResultList()) {
                leads.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add((Long) r[1]);
            }
            Map<Long, List<Long>> incidents = new HashMap<>();
            for (Object[] r : em.createQuery("select i.causedBy.id, i.id from Incident i where i.causedBy.id in :ids "
                    + "order by i.openedAt, i.id", Object[].class).setParameter("ids", ids).getResultList()) {
                incidents.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add((Long) r[1]);
            }
            for (Deployment d : found) {
                List<Long> lead = leads.getOrDefault(d.getId(), List.of());
                items.add(new CountedDeployment(d, lead.size(), Medians.of(lead), incidents.getOrDefault(d.getId(), List.of())));
            }
        }
        return new DoraPage<>(items, total, offset, limit);
    }

    /** The changes the counted deployments shipped, by deployment (newest first), then commit time. */
    public DoraPage<DeploymentChange> changes(Scope scope, Window window, int offset, int limit) {
        Map<String, Object> p = jpqlWindow(window);
        // On the change's own copies of service, environment and finish (its deployment is counted by construction).
        String where = " and ce.production = true and c.finishedAt >= :from and c.finishedAt < :to"
                + scopeJpql(scope, p, "c.serviceId", "c.environmentId");
        long total = count("select count(c) from DeploymentChange c, Environment ce where ce.id = c.environmentId" + where, p);
        List<DeploymentChange> items = list("select c from DeploymentChange c join fetch c.change ch "
                + "join fetch c.deployment d join fetch d.service ds join fetch d.environment de, Environment ce "
                + "where ce.id = c.environmentId" + where
                + " order by c.finishedAt desc, d.id desc, ch.committedAt asc, ch.sha asc", DeploymentChange.class, p, offset, limit);
        return new DoraPage<>(items, total, offset, limit);
    }

    /**
     * The incidents behind the figures, newest opened first: those counting for {@code measure}, or
     * with null, every incident that counts for any figure or belongs to the scope and opened in the
     * window (so an incident that counts for nothing, e.g. one before any deployment, shows why).
     */
    public DoraPage<ScopedIncident> incidents(Scope scope, Window window, IncidentMeasure measure, int offset, int limit) {
        Map<String, Object> p = jpqlWindow(window);
        String linked = "d.id is not null" + deploymentScopeJpql(scope, p);
        String countedKind = "(" + linked + " and d.status = :success and de.production = true";
        String failure = countedKind + " and d.finishedAt >= :from and d.finishedAt < :to)";
        String recovery = countedKind + " and i.resolvedAt >= :from and i.resolvedAt < :to)";
        String inScope = "((" + linked + ") or (d.id is null" + unlinkedScopeJpql(scope, p) + "))";
        String restore = "(" + inScope + " and i.resolvedAt >= :from and i.resolvedAt < :to)";
        String opened = "(" + inScope + " and i.openedAt >= :from and i.openedAt < :to)";
        String condition = measure == null ? failure + " or " + recovery + " or " + restore + " or " + opened
                : switch (measure) {
                    case CHANGE_FAILURE_RATE -> failure;
                    case RECOVERY -> recovery;
                    case TIME_TO_RESTORE -> restore;
                };
        String joins = " from Incident i left join %1$s i.service s left join %1$s i.causedBy d left join %1$s d.service ds "
                + "left join %1$s d.environment de where " + condition;
        long total = count("select count(i)" + joins.formatted(""), p);
        List<Incident> found = list("select i" + joins.formatted("fetch") + " order by i.openedAt desc, i.id desc",
                Incident.class, p, offset, limit);
        List<ScopedIncident> items = new ArrayList<>();
        for (Incident i : found) {
            items.add(new ScopedIncident(i, countsFor(i, scope, window)));
        }
        return new DoraPage<>(items, total, offset, limit);
    }

    /** The same rules as the queries above, for one loaded incident. */
    static Set<IncidentMeasure> countsFor(Incident i, Scope scope, Window window) {
        Set<IncidentMeasure> measures = EnumSet.noneOf(IncidentMeasure.class);
        Deployment d = i.getCausedBy();
        boolean resolvedInWindow = i.getResolvedAt() != null && contains(window, i.getResolvedAt());
        boolean inScope;
        if (d != null) {
            inScope = scope.covers(d.getService().getId(), teamOf(d.getService()), d.getEnvironment().getId());
            boolean countedKind = inScope && d.isSuccessfulProduction() && d.getFinishedAt() != null;
            if (countedKind && contains(window, d.getFinishedAt())) {
                measures.add(IncidentMeasure.CHANGE_FAILURE_RATE);
            }
            if (countedKind && resolvedInWindow) {
                measures.add(IncidentMeasure.RECOVERY);
            }
        } else {
            inScope = i.getService() != null ? scope.coversUnlinked(i.getService().getId(), teamOf(i.getService()))
                    : scope.coversUnlinked(null, null);
        }
        if (inScope && resolvedInWindow) {
            measures.add(IncidentMeasure.TIME_TO_RESTORE);
        }
        return measures;
    }

    private static boolean contains(Window w, Instant at) {
        return !at.isBefore(w.from()) && at.isBefore(w.to());
    }

    private static Long teamOf(Service service) {
        return service.getTeam() == null ? null : service.getTeam().getId();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static String deploymentScope(Scope scope, Map<String, Object> p) {
        return scope(scope, p, "d");
    }

    /** The scope's conditions on a table (alias {@code a}) with service_id and environment_id columns. */
    private static String scope(Scope scope, Map<String, Object> p, String a) {
        StringBuilder sql = new StringBuilder();
        if (scope.serviceId() != null) {
            sql.append(" and ").append(a).append(".service_id = :service");
            p.put("service", scope.serviceId());
        }
        if (scope.teamId() != null) {
            sql.append(" and ").append(a).append(".service_id in (select ts.id from service ts where ts.team_id = :team)");
            p.put("team", scope.teamId());
        }
        if (scope.environmentId() != null) {
            sql.append(" and ").append(a).append(".environment_id = :environment");
            p.put("environment", scope.environmentId());
        }
        return sql.toString();
    }

    private List<Long> teamServices(long teamId) {
        return em.createQuery("select s.id from Service s where s.team.id = :team", Long.class).setParameter("team", teamId)
                .getResultList();
    }

    private String deploymentScopeJpql(Scope scope, Map<String, Object> p) {
        return scopeJpql(scope, p, "ds.id", "de.id");
    }

    /** The scope's conditions on a service id and an environment id path of a JPQL query. */
    private String scopeJpql(Scope scope, Map<String, Object> p, String serviceId, String environmentId) {
        StringBuilder jpql = new StringBuilder();
        if (scope.serviceId() != null) {
            jpql.append(" and ").append(serviceId).append(" = :service");
            p.put("service", scope.serviceId());
        }
        if (scope.teamId() != null) {
            // The team's services as values (not a filter on the joined service, nor a sub-select), so
            // the planner reads those services' rows by index instead of walking every row of the
            // window in finish order (bench/ConsoleBench.java: 400 → 40 ms).
            jpql.append(" and ").append(serviceId).append(" in (:teamServices)");
            List<Long> services = teamServices(scope.teamId());
            p.put("teamServices", services.isEmpty() ? List.of(-1L) : services);
            p.put("team", scope.teamId());   // for the unlinked incidents' condition
        }
        if (scope.environmentId() != null) {
            jpql.append(" and ").append(environmentId).append(" = :environment");
            p.put("environment", scope.environmentId());
        }
        return jpql.toString();
    }

    private static String unlinkedScopeJpql(Scope scope, Map<String, Object> p) {
        if (scope.environmentId() != null) {
            return " and 1 = 0";
        }
        return (scope.serviceId() != null ? " and s.id = :service" : "") + (scope.teamId() != null ? " and s.team.id = :team" : "");
    }

    /**
     * Aggregates of {@code rows} (which has a {@code week} column) per week plus one overall row with
     * week null. A CTE read twice rather than GROUPING SETS, which the embedded H2 lacks; PostgreSQL
     * materializes the CTE once.
     */
    static String perWeekAndOverall(String rows, String aggregates) {
        return "with x as (" + rows + ") select x.week, " + aggregates + " from x group by x.week union all select null, "
                + aggregates + " from x";
    }

    private static Map<String, Object> window(Window w) {
        Map<String, Object> p = new HashMap<>();
        p.put("from", w.from());
        p.put("to", w.to());
        return p;
    }

    private static Map<String, Object> jpqlWindow(Window w) {
        Map<String, Object> p = window(w);
        p.put("success", DeploymentStatus.SUCCESS);
        return p;
    }

    private List<MedianRow> medians(String sql, Map<String, Object> p) {
        List<MedianRow> rows = new ArrayList<>();
        for (Object[] r : rows(sql, p)) {
            rows.add(new MedianRow(r[0] == null ? null : number(r[0]), number(r[1]), number(r[2]),
                    r[3] == null ? null : ((Number) r[3]).doubleValue()));
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Map<String, Object> p) {
        Query q = em.createNativeQuery(sql);
        p.forEach(q::setParameter);
        return q.getResultList();
    }

    private long count(String jpql, Map<String, Object> p) {
        return bound(em.createQuery(jpql, Long.class), p).getSingleResult();
    }

    private <T> List<T> list(String jpql, Class<T> type, Map<String, Object> p, int offset, int limit) {
        return bound(em.createQuery(jpql, type), p).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** Binds the named parameters the query declares, from the shared map (which may hold more). */
    private static <T> TypedQuery<T> bound(TypedQuery<T> q, Map<String, Object> p) {
        for (Parameter<?> declared : q.getParameters()) {
            if (p.containsKey(declared.getName())) {
                q.setParameter(declared.getName(), p.get(declared.getName()));
            }
        }
        return q;
    }

    /** Hibernate hands timestamptz columns of native queries over as Instant, OffsetDateTime or Timestamp. */
    static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("not a time: " + value.getClass());
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
