package io.opssight.dora.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.annotation.PostConstruct;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * How DORA questions are answered, at /metrics: {@code opssight_dora_queries_total{query,scope}} and
 * the latency {@code opssight_dora_query_seconds{query,scope}}; query is report, deployments, changes
 * or incidents, scope is org, team or service. The organisation-wide roll-up:
 * {@code opssight_dora_rollup_lag_seconds} (age of the oldest day still to recompute; 0 when none;
 * answers never lag, but a growing lag means they are computed the slow way) and
 * {@code opssight_dora_rollup_recomputes_total} (days recomputed). Deliberately no DORA figures per
 * team as gauges: one time series per team and window, and the figures are one API call away.
 */
@ApplicationScoped
public class DoraQueryMetrics {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private volatile Instant oldestDirty;
    private final AtomicLong recomputes = new AtomicLong();

    @PostConstruct
    void registerGauges() {
        registry.gauge("opssight.dora.rollup.lag.seconds", this,
                m -> m.oldestDirty == null ? 0 : Math.max(0, Duration.between(m.oldestDirty, Instant.now()).toSeconds()));
    }

    /** A roll-up round recomputed {@code days}; the oldest marker left is from {@code oldestDirty} (null: none). */
    public void rolledUp(int days, Instant oldestDirty) {
        this.oldestDirty = oldestDirty;
        if (days > 0) {
            recomputes.addAndGet(days);
            registry.counter("opssight.dora.rollup.recomputes").inc(days);
        }
    }

    /** Days this replica has recomputed since it started. */
    public long recomputes() {
        return recomputes.get();
    }

    public void answered(String query, String scope, Duration elapsed) {
        registry.counter("opssight.dora.queries", new Tag("query", query), new Tag("scope", scope)).inc();
        registry.timer("opssight.dora.query", new Tag("query", query), new Tag("scope", scope)).update(elapsed);
    }
}
