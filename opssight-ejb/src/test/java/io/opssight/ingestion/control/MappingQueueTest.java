package io.opssight.ingestion.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#3 who maps a stored delivery: its request, or the worker behind what waits")
class MappingQueueTest {

    private static MappingQueue queue(int inline, int capacity) {
        MappingQueue queue = new MappingQueue();
        queue.inlineLimit = inline;
        queue.capacity = capacity;
        queue.create();
        return queue;
    }

    private static MappingQueue.Waiting acme(long id) {
        return new MappingQueue.Waiting(id, "github", "acme");
    }

    private static List<Long> ids(List<MappingQueue.Waiting> batch) {
        return batch.stream().map(MappingQueue.Waiting::deliveryId).toList();
    }

    @Test
    @DisplayName("#3 the mapping batch is what is configured, at least 1 and at most 1,000 (its ids are one statement's parameters)")
    void mappingBatchStaysWithinItsBounds() {
        MappingQueue queue = queue(1, 10);
        queue.mapBatch = 20;
        assertEquals(20, queue.mapBatch());
        queue.mapBatch = 0;
        assertEquals(1, queue.mapBatch());
        queue.mapBatch = 100_000;
        assertEquals(1_000, queue.mapBatch());
    }

    @Test
    @DisplayName("#3 a quiet system maps in the request; more requests at once than the limit leave theirs to the worker")
    void requestsMapInlineUpToTheLimit() {
        MappingQueue queue = queue(2, 10);

        assertTrue(queue.tryInline("github", "acme"));
        assertTrue(queue.tryInline("github", "acme"));
        assertFalse(queue.tryInline("gitlab", "acme"), "a third request at once does not map in the request");
        queue.inlineDone();
        assertTrue(queue.tryInline("gitlab", "acme"), "a slot is free again");
    }

    @Test
    @DisplayName("#3 while a source's delivery is with the worker, its next ones go behind it; other sources are not held up")
    void nothingOvertakesWhatWaitsOfItsSource() throws InterruptedException {
        MappingQueue queue = queue(4, 10);
        assertTrue(queue.offer(acme(1)));

        assertFalse(queue.tryInline("github", "acme"), "one of acme's waits: the next one waits behind it");
        assertTrue(queue.tryInline("github", "other"), "another source maps in its request");
        queue.inlineDone();
        assertTrue(queue.offer(acme(2)));
        List<MappingQueue.Waiting> batch = queue.take(10, 0);
        assertEquals(List.of(1L, 2L), ids(batch));
        queue.mapped(batch.get(0));
        assertFalse(queue.tryInline("github", "acme"), "the worker is still mapping the second");
        assertFalse(queue.idle());

        queue.mapped(batch.get(1));
        assertTrue(queue.idle());
        assertTrue(queue.tryInline("github", "acme"), "nothing of acme's waits any more");
    }

    @Test
    @DisplayName("#3 the worker takes at most a batch, oldest first, and nothing when nothing comes")
    void batchesInArrivalOrder() throws InterruptedException {
        MappingQueue queue = queue(1, 10);
        for (long id = 1; id <= 5; id++) {
            queue.offer(acme(id));
        }

        assertEquals(List.of(1L, 2L, 3L), ids(queue.take(3, 0)));
        assertEquals(2, queue.waiting());
        assertEquals(List.of(4L, 5L), ids(queue.take(3, 0)));
        assertEquals(List.of(), queue.take(3, 10));
    }

    @Test
    @DisplayName("#3 a full queue refuses the id (the delivery stays stored; recovery maps it) and holds nothing up for it")
    void fullQueueRefuses() throws InterruptedException {
        MappingQueue queue = queue(1, 2);

        assertTrue(queue.offer(acme(1)));
        assertTrue(queue.offer(acme(2)));
        assertFalse(queue.offer(acme(3)));
        for (MappingQueue.Waiting delivery : queue.take(10, 0)) {
            queue.mapped(delivery);
        }
        assertTrue(queue.idle(), "the refused one is not counted as waiting here");
    }
}
