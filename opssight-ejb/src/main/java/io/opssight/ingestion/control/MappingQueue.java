package io.opssight.ingestion.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides who maps a delivery that has just been stored, and holds the ones waiting.
 * <p>
 * A delivery is committed before it is acknowledged; mapping it onto the model may come after the
 * answer (PRODUCT.md). On a quiet system the receiving request maps it itself, so the event shows
 * the moment its sender hears 202 and the answer says what it was understood as. When deliveries
 * arrive faster than that (more requests mapping at once than
 * {@code opssight.ingestion.inline-normalisers}, default 1), the request answers as soon as the
 * delivery is stored and leaves its id here for the mapping worker. While a delivery of a source
 * waits or is being mapped by the worker, the next ones of that source wait behind it, so a
 * source's events are mapped in the order they arrived. The queue holds ids only, at most
 * {@code opssight.ingestion.queue-capacity} (default 100000); a delivery that does not fit stays
 * stored as received and recovery maps it.
 */
@ApplicationScoped
public class MappingQueue {

    /** A stored delivery waiting to be mapped, with the source it came from (kind and name). */
    public record Waiting(long deliveryId, String kind, String source) {

        String sourceKey() {
            return MappingQueue.sourceKey(kind, source);
        }
    }

    @Inject
    @ConfigProperty(name = "opssight.ingestion.inline-normalisers", defaultValue = "1")
    int inlineLimit;

    @Inject
    @ConfigProperty(name = "opssight.ingestion.queue-capacity", defaultValue = "100000")
    int capacity;

    @Inject
    @ConfigProperty(name = "opssight.ingestion.map-batch", defaultValue = "20")
    int mapBatch;

    private LinkedBlockingQueue<Waiting> waiting;
    private final AtomicInteger inline = new AtomicInteger();
    /** Per source: deliveries offered and not yet mapped by the worker. */
    private final Map<String, AtomicInteger> unmapped = new ConcurrentHashMap<>();
    private final AtomicInteger unmappedTotal = new AtomicInteger();

    @PostConstruct
    void create() {
        waiting = new LinkedBlockingQueue<>(Math.max(1, capacity));
    }

    /**
     * Whether the calling request may map its delivery now; if so it must call {@link #inlineDone()}
     * afterwards. No while a delivery of the same source is with the worker (the new one goes
     * behind it), or while as many requests as allowed are mapping.
     */
    public boolean tryInline(String kind, String source) {
        AtomicInteger behind = unmapped.get(sourceKey(kind, source));
        if (behind != null && behind.get() > 0) {
            return false;
        }
        if (inline.incrementAndGet() > inlineLimit) {
            inline.decrementAndGet();
            return false;
        }
        return true;
    }

    private static String sourceKey(String kind, String source) {
        return kind + "/" + source;
    }

    public void inlineDone() {
        inline.decrementAndGet();
    }

    /** Leaves a stored delivery for the worker; false when the queue is full (recovery maps it later). */
    public boolean offer(Waiting delivery) {
        AtomicInteger count = unmapped.computeIfAbsent(delivery.sourceKey(), key -> new AtomicInteger());
        count.incrementAndGet();
        unmappedTotal.incrementAndGet();
        if (waiting.offer(delivery)) {
            return true;
        }
        count.decrementAndGet();
        unmappedTotal.decrementAndGet();
        return false;
    }

    /**
     * The next deliveries to map, oldest first: waits up to {@code waitMillis} for the first, then
     * takes what is there, at most {@code max}. The worker reports each with {@link #mapped}.
     */
    public List<Waiting> take(int max, long waitMillis) throws InterruptedException {
        Waiting first = waiting.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        List<Waiting> batch = new ArrayList<>(max);
        batch.add(first);
        waiting.drainTo(batch, max - 1);
        return batch;
    }

    /** The worker is done with {@code delivery} (mapped, dead-lettered, or left to recovery). */
    public void mapped(Waiting delivery) {
        AtomicInteger count = unmapped.get(delivery.sourceKey());
        if (count != null) {
            count.decrementAndGet();
        }
        unmappedTotal.decrementAndGet();
    }

    /**
     * How many waiting deliveries are mapped in one transaction ({@code opssight.ingestion.map-batch},
     * default 20, at most 1,000: their ids are one statement's parameters): what the worker takes at
     * once, and how recovery cuts what it found.
     */
    public int mapBatch() {
        return Math.max(1, Math.min(1_000, mapBatch));
    }

    /** Deliveries waiting on this replica. */
    public int waiting() {
        return waiting.size();
    }

    /** Nothing waiting and nothing being mapped by the worker (recovery runs then, not beside it). */
    public boolean idle() {
        return unmappedTotal.get() == 0;
    }
}
