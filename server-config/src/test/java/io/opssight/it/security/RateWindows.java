package io.opssight.it.security;

import java.time.Instant;

/** Rate limits count in fixed one-minute windows (UTC); a burst must not straddle two of them. */
final class RateWindows {

    private RateWindows() {
    }

    /** Returns at once when the current minute has at least 20 s left, else waits for the next one. */
    static void awaitRoomInWindow() {
        long second = Instant.now().getEpochSecond() % 60;
        if (second >= 40) {
            try {
                Thread.sleep((61 - second) * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
