package io.opssight.ingestion.control;

import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.function.Supplier;

/**
 * Bounds the work one source can cause on this replica: at most
 * {@code opssight.ingestion.max-concurrent-per-source} (default 8) deliveries of a source are
 * stored and mapped at once; a delivery that cannot get a slot within a second is refused with 503
 * and Retry-After (which Alertmanager, the one tool that floods, retries), so one noisy source
 * cannot take every request thread and database connection from the others.
 */
@ApplicationScoped
public class SourceThrottle {

    /** Refused because the source already has every slot. */
    public static class SourceBusy extends OpsSightException {
        public SourceBusy() {
            super(ProblemType.UNAVAILABLE, "Too many deliveries of this source are being processed; retry shortly");
        }
    }

    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "opssight.ingestion.max-concurrent-per-source", defaultValue = "8")
    int maxConcurrent;

    /** Runs {@code work} holding a slot of the source, or refuses with 503 when none frees up in time. */
    public <T> T within(String kind, String source, Supplier<T> work) {
        Semaphore semaphore = slots.computeIfAbsent(kind + "/" + source, k -> new Semaphore(Math.max(1, maxConcurrent)));
        boolean acquired;
        try {
            acquired = semaphore.tryAcquire(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new SourceBusy();
        }
        try {
            return work.get();
        } finally {
            semaphore.release();
        }
    }
}
