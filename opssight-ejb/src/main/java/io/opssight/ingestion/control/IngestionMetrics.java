package io.opssight.ingestion.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Business metrics of ingestion, exported at /metrics as
 * {@code opssight_ingest_events_total{kind,source,outcome}} and {@code opssight_ingest_latency_seconds}.
 * Outcomes: accepted, duplicate, rejected (authentication or size), dead_lettered.
 */
@ApplicationScoped
public class IngestionMetrics {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    public void count(String kind, String source, String outcome) {
        registry.counter("opssight.ingest.events",
                new Tag("kind", kind), new Tag("source", source), new Tag("outcome", outcome)).inc();
    }

    public void latency(String kind, Duration elapsed) {
        registry.timer("opssight.ingest.latency", new Tag("kind", kind)).update(elapsed);
    }
}
