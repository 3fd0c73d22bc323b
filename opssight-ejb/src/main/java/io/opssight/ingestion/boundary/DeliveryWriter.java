package io.opssight.ingestion.boundary;

import io.opssight.ingestion.control.Failures;
import io.opssight.ingestion.control.GroupCommit;
import io.opssight.ingestion.control.IngestionMetrics;
import io.opssight.ingestion.control.NewDelivery;
import io.opssight.ingestion.control.StoredDelivery;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The writers behind {@link GroupCommit}: {@code opssight.ingestion.store-writers} threads per
 * replica (default 1: while it waits for one commit the next batch gathers; measured on the
 * benchmark, two writers made smaller batches, 1.7 deliveries per commit against 2.5-2.8, for the
 * same deliveries per second), each taking
 * the deliveries handed over since its last commit and storing them in one transaction
 * ({@link DeliveryLog#storeAll}). When that transaction fails (a racing twin on another replica met
 * the unique key, or the database went away), each delivery of the batch is stored on its own, so
 * one bad delivery never costs the others their acknowledgement and each request hears its own
 * outcome.
 */
@Startup
@Singleton
@PermitAll
@DependsOn("Migrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryWriter {

    private static final System.Logger LOGGER = System.getLogger(DeliveryWriter.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    GroupCommit group;

    @Inject
    IngestionMetrics metrics;

    @Inject
    @ConfigProperty(name = "opssight.ingestion.store-writers", defaultValue = "1")
    int writerCount;

    @EJB
    DeliveryLog log;

    private volatile boolean running;
    private final List<Thread> writers = new ArrayList<>();

    @PostConstruct
    void start() {
        if (!group.enabled()) {
            return;
        }
        running = true;
        for (int i = 1; i <= Math.max(1, writerCount); i++) {
            Thread writer = threads.newThread(this::write);
            writer.setName("opssight-delivery-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        group.close();
        writers.forEach(Thread::interrupt);
        for (Thread writer : writers) {
            try {
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void write() {
        while (running) {
            List<GroupCommit.Pending> batch;
            try {
                batch = group.take(1_000);
            } catch (InterruptedException e) {
                return;
            }
            if (!batch.isEmpty()) {
                store(batch);
            }
        }
    }

    private void store(List<GroupCommit.Pending> batch) {
        if (batch.size() > 1) {
            List<StoredDelivery> stored;
            try {
                stored = log.storeAll(batch.stream().map(GroupCommit.Pending::delivery).toList());
            } catch (RuntimeException e) {
                LOGGER.log(Level.DEBUG, "A batch of {0} deliveries failed ({1}); storing them one by one",
                        batch.size(), Failures.describe(e));
                stored = null;
            }
            if (stored != null) {
                metrics.committed(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).stored(stored.get(i));
                }
                return;
            }
        }
        for (GroupCommit.Pending pending : batch) {
            NewDelivery delivery = pending.delivery();
            try {
                pending.stored(log.store(delivery.sourceId(), delivery.key(), delivery.eventType(), delivery.headers(),
                        delivery.body(), delivery.receivedAt()));
                metrics.committed(1);
            } catch (RuntimeException e) {
                pending.failed(e);
            }
        }
    }
}
