package io.opssight.dora.boundary;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opssight.dora.control.DoraDirtyDays;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DoraRollupsTest {

    /**
     * A round that fails (here: the database went away, as in a PostgreSQL restart) must not escape
     * the timer callback: the container would retry once and then expunge the timer for good.
     */
    @Test
    void aFailedRoundDoesNotEscapeTheTimerAndTheNextTickRunsAgain() {
        AtomicInteger rounds = new AtomicInteger();
        DoraRollups failing = new DoraRollups() {
            @Override
            public void refresh() {
                rounds.incrementAndGet();
                throw new EJBException("FATAL: terminating connection due to administrator command");
            }
        };
        DoraRollups timer = new DoraRollups();
        timer.dirtyDays = new DoraDirtyDays() {
            @Override
            public boolean enabled() {
                return true;
            }
        };
        timer.context = (SessionContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SessionContext.class},
                (proxy, method, args) -> method.getName().equals("getBusinessObject") ? failing : null);

        assertDoesNotThrow(timer::tick);
        assertDoesNotThrow(timer::tick);
        assertEquals(2, rounds.get(), "every tick tries a round again");
    }
}
