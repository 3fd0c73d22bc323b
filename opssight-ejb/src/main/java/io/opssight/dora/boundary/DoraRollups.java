package io.opssight.dora.boundary;

import io.opssight.dora.control.DoraDirtyDays;
import io.opssight.dora.control.DoraQueryMetrics;
import io.opssight.dora.control.DoraRollup;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;

/**
 * Keeps the organisation-wide DORA roll-up current: every two seconds, recomputes up to a month of
 * days marked dirty by ingestion. Replicas take turns on a locked row, so a day is recomputed once,
 * not once per replica. Nothing waits for it: until a day is recomputed, questions read that day
 * from the normalized tables.
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

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    void refresh() {
        if (!dirtyDays.enabled()) {
            return;
        }
        DoraRollup.Round round = rollup.refresh();
        metrics.rolledUp(round.days(), round.oldestDirty());
        if (round.days() > 0) {
            LOGGER.log(Level.DEBUG, "Recomputed the DORA roll-up of {0} day(s)", round.days());
        }
    }
}
