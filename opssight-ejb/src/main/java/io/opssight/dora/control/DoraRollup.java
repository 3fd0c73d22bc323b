package io.opssight.dora.control;

import io.opssight.dora.entity.DoraRollupLock;
import io.opssight.dora.entity.Window;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The organisation-wide roll-up: one row per UTC day and environment (dora_day) with the day's
 * counted deployments, failures, changes and lead-time histogram, and the recovery and restore times
 * of the incidents resolved that day. Recomputed from the normalized tables, a day at a time, for the
 * days marked dirty ({@link DoraDirtyDays}), by the same definitions as the queries of
 * {@link DoraQueries}.
 */
@Dependent
public class DoraRollup {

    /** Days recomputed per round, so one round stays a short transaction. */
    public static final int DAYS_PER_ROUND = 31;

    /** One day and environment of the roll-up. */
    public record DayRollup(long day, long environmentId, long deployments, long failedDeployments, long failureIncidents,
            long changes, long deploymentsWithChanges, LogHistogram leadTimes, long recoveries, LogHistogram recoveryTimes,
            long restores, LogHistogram restoreTimes) {
    }

    /** What one round did: the days recomputed, and how old the oldest remaining marker is (null: none). */
    public record Round(int days, Instant oldestDirty) {
    }

    @PersistenceContext
    EntityManager em;

    /**
     * Recomputes up to {@link #DAYS_PER_ROUND} dirty days, oldest marker first, holding the lock row
     * so replicas take turns. Deletes exactly the markers it read: a change committed meanwhile keeps
     * its marker and is recomputed next round.
     */
    public Round refresh() {
        DoraRollupLock lock = em.find(DoraRollupLock.class, DoraRollupLock.ID, LockModeType.PESSIMISTIC_WRITE);
        List<Object[]> markers = rows(em.createNativeQuery("select id, day_number from dora_dirty_day "
                + "where day_number in (select x.day_number from (select day_number, min(id) as first "
                + "from dora_dirty_day group by day_number order by 2 limit " + DAYS_PER_ROUND + ") x)"));
        Map<Long, List<Long>> byDay = new LinkedHashMap<>();
        for (Object[] m : markers) {
            byDay.computeIfAbsent(number(m[1]), k -> new ArrayList<>()).add(number(m[0]));
        }
        for (Map.Entry<Long, List<Long>> e : byDay.entrySet()) {
            recompute(e.getKey());
            for (int i = 0; i < e.getValue().size(); i += 500) {
                em.createNativeQuery("delete from dora_dirty_day where id in (:ids)")
                        .setParameter("ids", e.getValue().subList(i, Math.min(i + 500, e.getValue().size()))).executeUpdate();
            }
        }
        if (lock != null) {
            lock.refreshed(Instant.now());
        }
        return new Round(byDay.size(), oldestDirty());
    }

    /** Recomputes the rows of one day from the normalized tables. */
    public void recompute(long day) {
        Instant from = Instant.ofEpochSecond(day * 86_400);
        Instant to = Instant.ofEpochSecond((day + 1) * 86_400);
        // env -> deployments, failed, incidents, changes, with changes, recoveries, restores
        Map<Long, long[]> counts = new HashMap<>();
        Map<Long, LogHistogram[]> histograms = new HashMap<>(); // env -> lead, recovery, restore
        String counted = " from deployment d join environment e on e.id = d.environment_id where d.status = 'SUCCESS' "
                + "and e.production = true and d.finished_at >= :from and d.finished_at < :to";
        for (Object[] r : rows(window(em.createNativeQuery("select d.environment_id, d.id, "
                + "(select count(*) from incident i where i.caused_by_id = d.id)" + counted), from, to))) {
            long[] c = counts.computeIfAbsent(number(r[0]), k -> new long[7]);
            c[0]++;
            c[1] += number(r[2]) > 0 ? 1 : 0;
            c[2] += number(r[2]);
        }
        Map<Long, Set<Long>> shipping = new HashMap<>();
        for (Object[] r : rows(window(em.createNativeQuery("select d.environment_id, d.id, c.lead_time_seconds"
                + counted.replace(" where", " join deployment_change c on c.deployment_id = d.id where")), from, to))) {
            long env = number(r[0]);
            counts.computeIfAbsent(env, k -> new long[7])[3]++;
            shipping.computeIfAbsent(env, k -> new TreeSet<>()).add(number(r[1]));
            histograms(histograms, env)[0].add(number(r[2]));
        }
        shipping.forEach((env, deployments) -> counts.get(env)[4] = deployments.size());
        for (Object[] r : rows(window(em.createNativeQuery("select d.environment_id, "
                + "greatest(0, extract(epoch from i.resolved_at) - extract(epoch from d.finished_at)) "
                + "from incident i join deployment d on d.id = i.caused_by_id join environment e on e.id = d.environment_id "
                + "where d.status = 'SUCCESS' and e.production = true and i.resolved_at >= :from and i.resolved_at < :to"), from, to))) {
            long env = number(r[0]);
            counts.computeIfAbsent(env, k -> new long[7])[5]++;
            histograms(histograms, env)[1].add(((Number) r[1]).doubleValue());
        }
        for (Object[] r : rows(window(em.createNativeQuery("select coalesce(d.environment_id, 0), "
                + "greatest(0, extract(epoch from i.resolved_at) - extract(epoch from i.opened_at)) "
                + "from incident i left join deployment d on d.id = i.caused_by_id "
                + "where i.resolved_at >= :from and i.resolved_at < :to"), from, to))) {
            long env = number(r[0]);
            counts.computeIfAbsent(env, k -> new long[7])[6]++;
            histograms(histograms, env)[2].add(((Number) r[1]).doubleValue());
        }
        em.createNativeQuery("delete from dora_day where day_number = :day").setParameter("day", day).executeUpdate();
        Instant now = Instant.now();
        for (Map.Entry<Long, long[]> e : counts.entrySet()) {
            long[] c = e.getValue();
            LogHistogram[] h = histograms(histograms, e.getKey());
            em.createNativeQuery("insert into dora_day (day_number, environment_id, deployments, failed_deployments, failure_incidents, "
                    + "changes, deployments_with_changes, lead_times, recoveries, recovery_times, restores, restore_times, computed_at) "
                    + "values (:day, :env, :deployments, :failed, :incidents, :changes, :withChanges, :lead, :recoveries, :recovery, "
                    + ":restores, :restore, :now)")
                    .setParameter("day", day).setParameter("env", e.getKey()).setParameter("deployments", c[0])
                    .setParameter("failed", c[1]).setParameter("incidents", c[2]).setParameter("changes", c[3])
                    .setParameter("withChanges", c[4]).setParameter("lead", h[0].format()).setParameter("recoveries", c[5])
                    .setParameter("recovery", h[1].format()).setParameter("restores", c[6]).setParameter("restore", h[2].format())
                    .setParameter("now", now).executeUpdate();
        }
    }

    /** The roll-up rows of days [firstDay, endDay), of one environment or (null) all. */
    public List<DayRollup> rows(long firstDay, long endDay, Long environmentId) {
        Query q = em.createNativeQuery("select day_number, environment_id, deployments, failed_deployments, failure_incidents, changes, "
                + "deployments_with_changes, lead_times, recoveries, recovery_times, restores, restore_times from dora_day "
                + "where day_number >= :first and day_number < :end" + (environmentId == null ? "" : " and environment_id = :env"))
                .setParameter("first", firstDay).setParameter("end", endDay);
        if (environmentId != null) {
            q.setParameter("env", environmentId);
        }
        List<DayRollup> rollups = new ArrayList<>();
        for (Object[] r : rows(q)) {
            rollups.add(new DayRollup(number(r[0]), number(r[1]), number(r[2]), number(r[3]), number(r[4]), number(r[5]),
                    number(r[6]), LogHistogram.parse((String) r[7]), number(r[8]), LogHistogram.parse((String) r[9]),
                    number(r[10]), LogHistogram.parse((String) r[11])));
        }
        return rollups;
    }

    /** Days in [firstDay, endDay) marked dirty: the roll-up does not count for them yet. */
    public Set<Long> dirtyDays(long firstDay, long endDay) {
        Set<Long> days = new TreeSet<>();
        for (Object d
                : em.createNativeQuery("select distinct day_number from dora_dirty_day where day_number >= :first and day_number < :end")
                .setParameter("first", firstDay).setParameter("end", endDay).getResultList()) {
            days.add(number(d));
        }
        return days;
    }

    /** When the oldest day marker still waiting was set; null when none waits. */
    public Instant oldestDirty() {
        List<?> oldest = em.createNativeQuery("select min(marked_at) from dora_dirty_day").getResultList();
        return oldest.isEmpty() || oldest.get(0) == null ? null : DoraQueries.instant(oldest.get(0));
    }

    public long dirtyDayCount() {
        return number(em.createNativeQuery("select count(distinct day_number) from dora_dirty_day").getSingleResult());
    }

    private static LogHistogram[] histograms(Map<Long, LogHistogram[]> histograms, long env) {
        return histograms.computeIfAbsent(env, k -> new LogHistogram[] {new LogHistogram(), new LogHistogram(), new LogHistogram()});
    }

    private static Query window(Query q, Instant from, Instant to) {
        return q.setParameter("from", from).setParameter("to", to);
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query q) {
        List<Object[]> rows = new ArrayList<>();
        for (Object o : (List<Object>) q.getResultList()) {
            rows.add(o instanceof Object[] a ? a : new Object[] {o});
        }
        return rows;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    static long week(long day) {
        return Math.floorDiv(day - Window.MONDAY_1970_01_05 / 86_400, 7);
    }
}
