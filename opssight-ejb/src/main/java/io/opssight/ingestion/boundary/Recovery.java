package io.opssight.ingestion.boundary;

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
import java.lang.System.Logger.Level;

/**
 * Finishes what a crash interrupted: deliveries committed (and acknowledged) but never normalised
 * are processed shortly after start, then once a minute. Processing is idempotent, so two
 * replicas doing it at once do no harm.
 */
@Startup
@Singleton
@PermitAll
@DependsOn("Migrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Recovery {

    private static final System.Logger LOGGER = System.getLogger(Recovery.class.getName());

    @Resource
    TimerService timers;

    @EJB
    Ingestion ingestion;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(5_000, 60_000, new TimerConfig("delivery-recovery", false));
    }

    @Timeout
    void recover() {
        try {
            int handled;
            do {
                handled = ingestion.recover(500);
                if (handled > 0) {
                    LOGGER.log(Level.INFO, "Recovered {0} stored but unprocessed deliveries", handled);
                }
            } while (handled == 500);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Delivery recovery failed, retrying in a minute: {0}", e.toString());
        }
    }
}
