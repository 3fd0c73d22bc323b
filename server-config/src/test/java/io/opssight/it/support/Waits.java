package io.opssight.it.support;

import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * How the ITs wait for something the server does in its own time (Awaitility): in the test's own
 * thread, first at once and then every {@code every}, for at most {@code atMost}; {@code what}
 * names the wait in its failure. A failure in another thread (a sender's, the browser's) does not
 * end the wait, as it did not end the loops these replaced.
 */
public final class Waits {

    private Waits() {
    }

    public static ConditionFactory await(String what, Duration atMost, Duration every) {
        return Awaitility.await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(every).pollInSameThread()
                .dontCatchUncaughtExceptions();
    }

    /** The same, for one of several waits that share a deadline (at least one check even when it has passed). */
    public static ConditionFactory await(String what, Instant deadline, Duration every) {
        Duration left = Duration.between(Instant.now(), deadline);
        return await(what, left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left, every);
    }
}
