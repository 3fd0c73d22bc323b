package io.opssight.dora.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * How DORA questions are answered, at /metrics: {@code opssight_dora_queries_total{query,scope}} and
 * the latency {@code opssight_dora_query_seconds{query,scope}}; query is report, deployments, changes
 * or incidents, scope is org, team or service. Deliberately no DORA figures per team as gauges: they
 * would make one time series per team and window, and the figures are one API call away. There is
 * no roll-up (figures are computed when asked for), so there is no roll-up lag to export.
 */
@ApplicationScoped
public class DoraQueryMetrics {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    public void answered(String query, String scope, Duration elapsed) {
        registry.counter("opssight.dora.queries", new Tag("query", query), new Tag("scope", scope)).inc();
        registry.timer("opssight.dora.query", new Tag("query", query), new Tag("scope", scope)).update(elapsed);
    }
}
