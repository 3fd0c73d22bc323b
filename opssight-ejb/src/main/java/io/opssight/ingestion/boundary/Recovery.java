package io.opssight.ingestion.boundary;

import io.opssight.ingestion.control.IngestionMetrics;
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
    Ingestion ingestion;

    @EJB
    DeliveryLog log;

    @Inject
    IngestionMetrics metrics;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(2_000, 15_000, new TimerConfig("delivery-recovery", false));
    }

    @Timeout
    void tick() {
        try {
            int handled;
            do {
                handled = ingestion.recover(BATCH);
                if (handled > 0) {
                    LOGGER.log(Level.INFO, "Recovered {0} stored but unprocessed deliveries", handled);
                }
            } while (handled == BATCH);
            metrics.backlog(log.count(DeliveryStatus.RECEIVED), log.count(DeliveryStatus.DEAD_LETTER));
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Delivery recovery failed, retrying shortly: {0}", e.toString());
        }
    }
}
