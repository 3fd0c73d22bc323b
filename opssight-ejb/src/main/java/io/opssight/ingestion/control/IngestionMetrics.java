package io.opssight.ingestion.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import jakarta.annotation.PostConstruct;

/**
 * Business metrics of ingestion, exported at /metrics as
 * {@code opssight_ingest_events_total{kind,source,outcome}}, {@code opssight_ingest_latency_seconds},
 * {@code opssight_ingest_backlog} (stored, not yet processed) and {@code opssight_ingest_dead_letters}.
 * Outcomes: accepted (stored and acknowledged), duplicate, rejected (authentication or size),
 * rate_limited, throttled, dead_lettered (a body that is not JSON, refused with 400; or an accepted
 * delivery whose mapping failed, counted when it failed, which may be after the answer).
 * The latency is the time to the answer (stored, and mapped when mapped in the request).
 * {@code opssight_ingest_commit_deliveries} is a histogram of the deliveries stored per transaction
 * (group commit): its mean is how many requests share a commit.
 */
@ApplicationScoped
public class IngestionMetrics {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private volatile long backlog = -1;
    private volatile long deadLetters = -1;

    /** Registers the gauges once: the backlog of stored-but-unprocessed deliveries and the dead letters. */
    @PostConstruct
    void registerGauges() {
        registry.gauge("opssight.ingest.backlog", this, m -> m.backlog);
        registry.gauge("opssight.ingest.dead_letters", this, m -> m.deadLetters);
    }

    /** Refreshed by the recovery timer; -1 until the first refresh. */
    public void backlog(long unprocessed, long deadLettered) {
        this.backlog = unprocessed;
        this.deadLetters = deadLettered;
    }

    public long backlog() {
        return backlog;
    }

    public long deadLetters() {
        return deadLetters;
    }

    public void count(String kind, String source, String outcome) {
        registry.counter("opssight.ingest.events",
                new Tag("kind", kind), new Tag("source", source), new Tag("outcome", outcome)).inc();
    }

    /** One transaction of group commit stored this many deliveries. */
    public void committed(int deliveries) {
        registry.histogram("opssight.ingest.commit.deliveries").update(deliveries);
    }

    public void latency(String kind, Duration elapsed) {
        registry.timer("opssight.ingest.latency", new Tag("kind", kind)).update(elapsed);
    }
}
