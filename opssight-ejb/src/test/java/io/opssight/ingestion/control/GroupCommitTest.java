package io.opssight.ingestion.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.util.concurrent.ExecutionException;

@DisplayName("#3 group commit: concurrent requests' deliveries stored together, each request answered with its own outcome")
class GroupCommitTest {

    private final ExecutorService requests = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        requests.shutdownNow();
    }

    private static GroupCommit group(int maxPerTransaction, Duration timeout) {
        GroupCommit group = new GroupCommit();
        group.maxPerTransaction = maxPerTransaction;
        group.timeout = timeout;
        return group;
    }

    private static NewDelivery delivery(String key) {
        return new NewDelivery(7, key, "workflow_run", "{}", new byte[] {'{', '}'}, Instant.parse("2026-11-26T07:00:00Z"));
    }

    /** Hands {@code count} deliveries over, each from its own request thread. */
    private List<Future<StoredDelivery>> handOver(GroupCommit group, int count) throws InterruptedException {
        List<Future<StoredDelivery>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            NewDelivery delivery = delivery("id:" + i);
            answers.add(requests.submit(() -> group.store(delivery)));
        }
        return answers;
    }

    private static List<GroupCommit.Pending> takeAll(GroupCommit group, int count) throws InterruptedException {
        List<GroupCommit.Pending> taken = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (taken.size() < count && System.nanoTime() < deadline) {
            taken.addAll(group.take(100));
        }
        return taken;
    }

    @Test
    @DisplayName("#3 a writer takes what was handed over, at most the configured number per transaction, oldest first")
    void takesAtMostTheBatchInOrder() throws Exception {
        GroupCommit group = group(4, Duration.ofSeconds(10));
        List<Future<StoredDelivery>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            NewDelivery delivery = delivery("id:" + i);
            answers.add(requests.submit(() -> group.store(delivery)));
            // one at a time, so the order handed over is known
            waitUntilHandedOver(group, i + 1);
        }

        List<GroupCommit.Pending> first = group.take(100);
        List<GroupCommit.Pending> second = group.take(100);

        assertEquals(List.of("id:0", "id:1", "id:2", "id:3"), keys(first));
        assertEquals(List.of("id:4", "id:5"), keys(second));
        assertTrue(group.take(10).isEmpty(), "nothing more was handed over");
        for (int i = 0; i < 6; i++) {
            (i < 4 ? first.get(i) : second.get(i - 4)).stored(new StoredDelivery(100 + i, i == 5));
        }
        for (int i = 0; i < 6; i++) {
            StoredDelivery answer = answers.get(i).get(5, TimeUnit.SECONDS);
            assertEquals(100 + i, answer.id(), "each request hears its own delivery's id");
            assertEquals(i == 5, answer.duplicate());
        }
    }

    @Test
    @DisplayName("#3 a delivery that could not be stored: its request gets the failure; the others of the batch their ids")
    void eachRequestHearsItsOwnOutcome() throws Exception {
        GroupCommit group = group(64, Duration.ofSeconds(10));
        List<Future<StoredDelivery>> answers = handOver(group, 3);
        List<GroupCommit.Pending> batch = takeAll(group, 3);
        assertEquals(3, batch.size());

        IllegalStateException failure = new IllegalStateException("value too long for type character varying(128)");
        for (GroupCommit.Pending pending : batch) {
            if (pending.delivery().key().equals("id:1")) {
                pending.failed(failure);
            } else {
                pending.stored(new StoredDelivery(Long.parseLong(pending.delivery().key().substring(3)), false));
            }
        }

        assertEquals(0, answers.get(0).get(5, TimeUnit.SECONDS).id());
        assertEquals(2, answers.get(2).get(5, TimeUnit.SECONDS).id());
        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> answers.get(1).get(5, TimeUnit.SECONDS));
        assertSame(failure, thrown.getCause(), "the writer's failure reaches the request as it was");
    }

    @Test
    @DisplayName("#3 a request whose delivery is not committed in time hears 503, never hangs")
    void aRequestWaitsNoLongerThanTheTimeout() throws InterruptedException {
        GroupCommit group = group(64, Duration.ofMillis(200));

        OpsSightException refused = assertThrows(OpsSightException.class, () -> group.store(delivery("id:slow")));

        assertEquals(ProblemType.UNAVAILABLE, refused.type());
        assertTrue(refused.getMessage().contains("retry later"), refused.getMessage());
        assertTrue(group.take(10).isEmpty(), "a delivery whose sender heard 503 is not stored later: the sender retries");
    }

    @Test
    @DisplayName("#3 stopping answers what still waits with 503 and takes nothing more")
    void closingRefusesWhatWaits() throws Exception {
        GroupCommit group = group(64, Duration.ofSeconds(30));
        List<Future<StoredDelivery>> answers = handOver(group, 2);
        waitUntilHandedOver(group, 2);

        group.close();

        for (Future<StoredDelivery> answer : answers) {
            ExecutionException thrown = assertThrows(ExecutionException.class,
                    () -> answer.get(5, TimeUnit.SECONDS));
            assertEquals(ProblemType.UNAVAILABLE, ((OpsSightException) thrown.getCause()).type());
        }
        assertThrows(OpsSightException.class, () -> group.store(delivery("id:late")));
        assertTrue(group.take(10).isEmpty());
    }

    @Test
    @DisplayName("#3 group commit set to 1: requests store their own deliveries")
    void oneMeansEachRequestCommitsItsOwn() {
        assertFalse(group(1, Duration.ofSeconds(1)).enabled());
        assertTrue(group(2, Duration.ofSeconds(1)).enabled());
    }

    private static List<String> keys(List<GroupCommit.Pending> batch) {
        return batch.stream().map(pending -> pending.delivery().key()).toList();
    }

    private static void waitUntilHandedOver(GroupCommit group, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (group.handedOver() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, group.handedOver());
    }
}
