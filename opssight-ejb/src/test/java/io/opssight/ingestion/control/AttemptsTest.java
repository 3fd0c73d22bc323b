package io.opssight.ingestion.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#3 Attempts: the one retry of ingestion, exactly two attempts")
class AttemptsTest {

    @Test
    @DisplayName("#3 a step that succeeds runs once")
    void succeedingStepRunsOnce() {
        AtomicInteger runs = new AtomicInteger();

        assertEquals("mapped", Attempts.twice(() -> {
            runs.incrementAndGet();
            return "mapped";
        }));
        assertEquals(1, runs.get());
    }

    @Test
    @DisplayName("#3 a step that fails once (a lost race on a new row) gives its second attempt's result")
    void failingOnceGivesTheSecondResult() {
        AtomicInteger runs = new AtomicInteger();

        assertEquals("found the winner's row", Attempts.twice(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("duplicate key");
            }
            return "found the winner's row";
        }));
        assertEquals(2, runs.get());
    }

    @Test
    @DisplayName("#3 a step that fails twice is not run a third time, and the caller gets the last failure")
    void failingTwiceThrowsTheLastFailure() {
        AtomicInteger runs = new AtomicInteger();
        IllegalStateException second = new IllegalStateException("second");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Attempts.twice(() -> {
            throw runs.incrementAndGet() == 1 ? new IllegalStateException("first") : second;
        }));
        assertSame(second, thrown);
        assertEquals(2, runs.get());
    }
}
