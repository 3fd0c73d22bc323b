package io.opssight.ingestion.control;

import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Commits the deliveries of concurrent requests together. A request hands its delivery over and
 * waits; a writer ({@code DeliveryWriter}) takes everything handed over meanwhile, at most
 * {@code opssight.ingestion.group-commit} deliveries (default 64), stores them in one transaction and
 * wakes each request with its own outcome. Nothing changes for the sender: a delivery is still
 * acknowledged only after the transaction that stored it has committed. What changes is the cost:
 * PostgreSQL's work is mostly per transaction (the WAL flush at commit), not per row (pgbench on the
 * benchmark machine: 3,900 one-row transactions/s, 10,175 rows/s in eight-row transactions).
 * <p>
 * A request waits at most {@code opssight.ingestion.store-timeout} (default 5 s, as long as a
 * statement may take, well inside GitHub's 10 s) and then hears 503: if its delivery is committed
 * after all, the sender's retry is answered as a redelivery. With {@code opssight.ingestion.group-commit} at 1 each request stores its
 * delivery in its own transaction, as before group commit.
 */
@ApplicationScoped
public class GroupCommit {

    /** A delivery handed over by its request, and the request's wait for the outcome. */
    public static final class Pending {

        private final NewDelivery delivery;
        private final CompletableFuture<StoredDelivery> outcome = new CompletableFuture<>();

        Pending(NewDelivery delivery) {
            this.delivery = delivery;
        }

        public NewDelivery delivery() {
            return delivery;
        }

        public void stored(StoredDelivery stored) {
            outcome.complete(stored);
        }

        public void failed(RuntimeException failure) {
            outcome.completeExceptionally(failure);
        }
    }

    @Inject
    @ConfigProperty(name = "opssight.ingestion.group-commit", defaultValue = "64")
    int maxPerTransaction;

    @Inject
    @ConfigProperty(name = "opssight.ingestion.store-timeout", defaultValue = "PT5S")
    Duration timeout;

    private final LinkedBlockingQueue<Pending> handedOver = new LinkedBlockingQueue<>();
    private volatile boolean open = true;

    /** Whether deliveries are committed together (else each request stores its own). */
    public boolean enabled() {
        return maxPerTransaction > 1;
    }

    /**
     * Stores a delivery with whatever else is being stored, and returns once it is committed (or
     * was there already). Throws what storing it threw, or 503 when that took longer than allowed.
     */
    public StoredDelivery store(NewDelivery delivery) {
        Pending pending = new Pending(delivery);
        if (!open) {
            throw unavailable("OpsSight is stopping");
        }
        handedOver.add(pending);
        if (!open && handedOver.remove(pending)) {
            throw unavailable("OpsSight is stopping");
        }
        try {
            return pending.outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            if (!pending.outcome.cancel(false)) {
                // stored (or failed) just now
                return outcomeOf(pending);
            }
            throw unavailable("storing it took longer than " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("the request was interrupted");
        }
    }

    private static StoredDelivery outcomeOf(Pending completed) {
        try {
            return completed.outcome.getNow(null);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /**
     * The next deliveries to store together, in the order they were handed over: waits up to
     * {@code waitMillis} for the first, then takes what is there, at most the configured number,
     * leaving out those whose request has stopped waiting. May be empty.
     */
    public List<Pending> take(long waitMillis) throws InterruptedException {
        Pending first = handedOver.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        List<Pending> batch = new ArrayList<>(Math.max(1, maxPerTransaction));
        batch.add(first);
        handedOver.drainTo(batch, Math.max(1, maxPerTransaction) - 1);
        // A request that stopped waiting (503) is not stored now: its sender retries.
        batch.removeIf(pending -> pending.outcome.isDone());
        return batch;
    }

    /** Deliveries handed over and not yet taken by a writer. */
    int handedOver() {
        return handedOver.size();
    }

    /** Takes no more deliveries and answers those still waiting with 503 (the senders retry). */
    public void close() {
        open = false;
        List<Pending> left = new ArrayList<>();
        handedOver.drainTo(left);
        left.forEach(pending -> pending.failed(unavailable("OpsSight is stopping")));
    }

    private static OpsSightException unavailable(String why) {
        return new OpsSightException(ProblemType.UNAVAILABLE, "The delivery could not be stored (" + why + "); retry later");
    }
}
