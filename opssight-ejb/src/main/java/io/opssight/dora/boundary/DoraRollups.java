package io.opssight.dora.boundary;

import io.opssight.dora.control.DoraDirtyDays;
import io.opssight.dora.control.DoraQueryMetrics;
import io.opssight.dora.control.DoraRollup;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;

/**
 * Keeps the organisation-wide DORA roll-up current: every two seconds, recomputes up to a month of
 * days marked dirty by ingestion. Replicas take turns on a locked row, so a day is recomputed once,
 * not once per replica. Nothing waits for it: until a day is recomputed, questions read that day
 * from the normalized tables.
 *
 * <p>The timer callback itself runs outside any transaction and never throws: a round that fails
 * (the database restarted, a lock timed out) is logged and the next tick tries again. Had the
 * failure escaped, the container would have retried once and then expunged the timer, and the
 * roll-up would have stopped for good after one database restart.
 */
@Singleton
@PermitAll
public class DoraRollups {

    private static final System.Logger LOGGER = System.getLogger(DoraRollups.class.getName());

    @Inject
    DoraRollup rollup;

    @Inject
    DoraQueryMetrics metrics;

    @Inject
    DoraDirtyDays dirtyDays;

    @Resource
    SessionContext context;

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        if (!dirtyDays.enabled()) {
            return;
        }
        try {
            context.getBusinessObject(DoraRollups.class).refresh();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "A DORA roll-up round failed; the next one retries: {0}", e.toString());
        }
    }

    /** One round in its own transaction: recomputes up to a month of dirty days. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void refresh() {
        DoraRollup.Round round = rollup.refresh();
        metrics.rolledUp(round.days(), round.oldestDirty());
        if (round.days() > 0) {
            LOGGER.log(Level.DEBUG, "Recomputed the DORA roll-up of {0} day(s)", round.days());
        }
    }
}
