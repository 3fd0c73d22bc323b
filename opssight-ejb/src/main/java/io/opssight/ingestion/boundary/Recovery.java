package io.opssight.ingestion.boundary;

import io.opssight.ingestion.control.IngestionMetrics;
import io.opssight.ingestion.control.MappingQueue;
import io.opssight.ingestion.entity.DeliveryStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;

/**
 * Finishes what a crash interrupted and keeps the ingestion gauges current. Every 15 seconds:
 * deliveries committed (and acknowledged) but still unmapped 30 seconds after they arrived are
 * mapped (the process died first, its mapping queue with it, or the queue was full), unless this
 * replica's {@link MappingWorker} still has work (it maps in arrival order; recovery would only
 * compete with it). The backlog and dead-letter counts are refreshed for /metrics and readiness.
 * Mapping locks the delivery's row and skips one that another replica is mapping, so two replicas
 * recovering at once do no harm.
 */
@Startup
@Singleton
@PermitAll
@DependsOn("Migrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Recovery {

    private static final System.Logger LOGGER = System.getLogger(Recovery.class.getName());
    static final int BATCH = 500;

    @Resource
    TimerService timers;

    @EJB
    Mappings mappings;

    @Inject
    MappingQueue queue;

    @EJB
    DeliveryLog log;

    @Inject
    IngestionMetrics metrics;

    Clock clock = Clock.systemUTC();

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(2_000, 15_000, new TimerConfig("delivery-recovery", false));
    }

    @Timeout
    void tick() {
        try {
            int handled;
            do {
                handled = recover(BATCH);
                if (handled > 0) {
                    LOGGER.log(Level.INFO, "Recovered {0} stored but unprocessed deliveries", handled);
                }
            } while (handled == BATCH);
            metrics.backlog(log.count(DeliveryStatus.RECEIVED), log.count(DeliveryStatus.DEAD_LETTER));
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Delivery recovery failed, retrying shortly: {0}", e.toString());
        }
    }

    /**
     * Maps up to {@code max} deliveries that were stored but never mapped, oldest first; returns
     * how many it looked at. Left to the queue's worker while it has work on this replica.
     */
    private int recover(int max) {
        if (!queue.idle()) {
            return 0;
        }
        List<Long> ids = log.unprocessed(clock.instant().minusSeconds(30), max);
        // Recovery does not know a delivery's source name: nothing is counted under one.
        mappings.mapWaiting(ids.stream().map(id -> new MappingQueue.Waiting(id, null, null)).toList());
        return ids.size();
    }
}
