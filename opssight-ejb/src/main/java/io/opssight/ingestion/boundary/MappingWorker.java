package io.opssight.ingestion.boundary;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The worker behind {@link MappingQueue}: one thread per replica that maps the deliveries
 * requests stored and left waiting, oldest first, up to {@code opssight.ingestion.map-batch}
 * (default 20) in one transaction; when a batch fails, each of its deliveries is mapped in its own
 * (a failure is retried once, then kept as a dead letter, as for a delivery mapped by its request). Ids still waiting
 * when the process stops are not lost: the deliveries are stored as received, and
 * {@link Recovery} maps them.
 */
@Startup
@Singleton
@PermitAll
@DependsOn("Migrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MappingWorker {

    private static final System.Logger LOGGER = System.getLogger(MappingWorker.class.getName());
    private static final int BATCH = 100;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    MappingQueue queue;

    @EJB
    Ingestion ingestion;

    @Inject
    @ConfigProperty(name = "opssight.ingestion.map-batch", defaultValue = "20")
    int mapBatch;

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

    private int perTransaction() {
        return Math.max(1, mapBatch);
    }

    private void work() {
        while (running) {
            List<MappingQueue.Waiting> batch;
            try {
                batch = queue.take(BATCH, 1_000);
            } catch (InterruptedException e) {
                return;
            }
            if (batch.isEmpty()) {
                continue;
            }
            for (int from = 0; from < batch.size() && running; from += perTransaction()) {
                List<MappingQueue.Waiting> chunk = batch.subList(from, Math.min(batch.size(), from + perTransaction()));
                try {
                    ingestion.normaliseWaiting(chunk);
                } catch (RuntimeException e) {
                    // Stored as received: recovery maps them later.
                    LOGGER.log(Level.WARNING, "Could not map {0} deliveries now, recovery will: {1}", chunk.size(),
                            Ingestion.rootMessage(e));
                } finally {
                    chunk.forEach(queue::mapped);
                }
            }
        }
    }
}
