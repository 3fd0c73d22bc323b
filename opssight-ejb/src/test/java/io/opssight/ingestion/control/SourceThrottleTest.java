package io.opssight.ingestion.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#3 per-source bound on concurrent work")
class SourceThrottleTest {

    @Test
    @DisplayName("#3 a source with every slot busy is refused (503), another source is not affected")
    void busySourceIsRefusedOthersAreNot() throws Exception {
        SourceThrottle throttle = new SourceThrottle();
        throttle.maxConcurrent = 1;
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<String> first = pool.submit(() -> throttle.within("github", "acme", () -> {
            holding.countDown();
            await(release);
            return "first";
        }));
        holding.await();

        assertThrows(SourceThrottle.SourceBusy.class, () -> throttle.within("github", "acme", () -> "second"));
        assertEquals("other", throttle.within("github", "other-org", () -> "other"));

        release.countDown();
        assertEquals("first", first.get());
        assertEquals("third", throttle.within("github", "acme", () -> "third"), "the slot is free again");
        pool.shutdown();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
