package io.opssight.ingestion.boundary;

import io.opssight.ingestion.control.Failures;
import io.opssight.ingestion.control.MappingQueue;
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
import java.util.List;

/**
 * The worker behind {@link MappingQueue}: one thread per replica that maps the deliveries
 * requests stored and left waiting, oldest first, several in one transaction
 * ({@link Mappings#mapWaiting}; when a batch fails, each of its deliveries is mapped in its
 * own, retried once, then kept as a dead letter, as for a delivery mapped by its request). Ids
 * still waiting when the process stops are not lost: the deliveries are stored as received, and
 * {@link Recovery} maps them.
 */
@Startup
@Singleton
@PermitAll
@DependsOn("Migrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MappingWorker {

    private static final System.Logger LOGGER = System.getLogger(MappingWorker.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    MappingQueue queue;

    @EJB
    Mappings mappings;

    private volatile boolean running;
    private Thread worker;

    @PostConstruct
    void start() {
        running = true;
        worker = threads.newThread(this::work);
        worker.setName("opssight-mapping-worker");
        worker.setDaemon(true);
        worker.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        while (running) {
            List<MappingQueue.Waiting> batch;
            try {
                batch = queue.take(queue.mapBatch(), 1_000);
            } catch (InterruptedException e) {
                return;
            }
            if (batch.isEmpty()) {
                continue;
            }
            try {
                mappings.mapWaiting(batch);
            } catch (RuntimeException e) {
                // Stored as received: recovery maps them later.
                LOGGER.log(Level.WARNING, "Could not map {0} deliveries now, recovery will: {1}", batch.size(),
                        Failures.describe(e));
            } finally {
                batch.forEach(queue::mapped);
            }
        }
    }
}
