package io.opssight.it.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.deployment.boundary.DeploymentQuery;
import io.opssight.deployment.boundary.Deployments;
import io.opssight.ingestion.boundary.DeliveryLog;
import io.opssight.ingestion.boundary.Ingestion;
import io.opssight.ingestion.boundary.Mappings;
import io.opssight.ingestion.boundary.Sources;
import io.opssight.ingestion.control.MappingQueue;
import io.opssight.ingestion.control.NewDelivery;
import io.opssight.ingestion.control.StoredDelivery;
import io.opssight.it.support.GitHubHooks;
import io.opssight.platform.boundary.Migrations;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import java.util.ArrayList;
import java.util.stream.IntStream;

/**
 * What only the container can prove: the EJB transaction boundaries of ingestion (the raw delivery
 * commits on its own; a normalisation that fails half-way leaves nothing of its own behind) and
 * the container's deny-by-default on boundaries. Runs inside Payara Micro on PostgreSQL, against
 * the very WAR the runnable jar serves.
 */
@ExtendWith(ArquillianExtension.class)
@DisplayName("#2 in-container: ingestion transactions and boundary security")
class IngestionTransactionsIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("opssight.it.war")))
                .addClasses(IngestionTransactionsIT.class, GitHubHooks.class, GitHubHooks.Deployment.class);
    }

    @EJB
    Ingestion ingestion;

    @EJB
    Mappings mappings;

    @EJB
    Sources sources;

    @EJB
    DeliveryLog log;

    @EJB
    Deployments deployments;

    @Resource(lookup = Migrations.DATASOURCE)
    DataSource dataSource;

    @Test
    void boundariesRefuseCallersWithoutThePermission() {
        assertThrows(EJBAccessException.class, () -> sources.register("github", "nobody", "0123456789abcdef0123"));
        assertThrows(EJBAccessException.class,
                () -> deployments.list(new DeploymentQuery(null, null, null, null, null, null, 10)));
    }

    @Test
    void aDeliveryStaysCommittedWhenItsNormalisationRollsBack() throws SQLException {
        String sourceName = "arq-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "in-container-secret-0123";
        insertSource(sourceName, secret);
        String repo = "half-" + UUID.randomUUID().toString().substring(0, 8);
        GitHubHooks.Deployment valid = GitHubHooks.deployment("acme", repo, "env-" + repo, "2026-11-20T10:00:00Z");
        // A sha longer than its column: the service and environment are inserted first, then the
        // deployment insert fails at commit, so the normalising transaction must roll all three back.
        GitHubHooks.Deployment broken = new GitHubHooks.Deployment(valid.id(), valid.owner(), valid.repo(),
                valid.environment(), valid.sha().repeat(3), valid.ref(), valid.createdAt(), valid.creator(), null);
        byte[] body = GitHubHooks.deploymentStatus(broken, "success", "2026-11-20T10:05:00Z", GitHubHooks.nextId());
        String deliveryId = UUID.randomUUID().toString();
        Map<String, String> headers = GitHubHooks.headers("deployment_status", deliveryId, secret, body);

        Ingestion.Receipt receipt = ingestion.receive("github", sourceName, headers, body);

        assertEquals(Ingestion.Outcome.ACCEPTED, receipt.outcome());
        assertTrue(receipt.note().contains("dead letter"), receipt.note());
        assertEquals("DEAD_LETTER", single("select status from delivery where delivery_key = ?", "id:" + deliveryId));
        assertEquals(new String(body, StandardCharsets.UTF_8),
                single("select convert_from(body, 'UTF8') from delivery where delivery_key = ?", "id:" + deliveryId));
        assertEquals("0", single("select count(*) from service where name = ?", repo));
        assertEquals("0", single("select count(*) from environment where name = ?", valid.environment()));

        Ingestion.Receipt again = ingestion.receive("github", sourceName, headers, body);
        assertEquals(Ingestion.Outcome.DUPLICATE, again.outcome());
        assertEquals(receipt.deliveryId(), again.deliveryId());
    }

    /**
     * Group commit's one transaction for several deliveries: each key is stored once, a repeat
     * within the batch or of an earlier delivery is answered with the stored one's id, and a batch
     * with one delivery that cannot be stored stores none of them (the writer then stores them one
     * by one, so the others are still acknowledged).
     */
    @Test
    void aBatchStoresEachKeyOnceAndAFailingBatchStoresNothing() throws SQLException {
        String sourceName = "arq-" + UUID.randomUUID().toString().substring(0, 8);
        insertSource(sourceName, "in-container-secret-0123");
        long sourceId = Long.parseLong(single("select id from source where name = ?", sourceName));
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.parse("2026-11-26T07:00:00Z");
        StoredDelivery earlier = log.store(sourceId, "id:earlier-" + tag, "ping", "{}", bytes("{\"n\":0}"), now);

        List<StoredDelivery> stored = log.storeAll(List.of(
                delivery(sourceId, "id:a-" + tag, "{\"n\":1}", now),
                delivery(sourceId, "id:b-" + tag, "{\"n\":2}", now),
                delivery(sourceId, "id:a-" + tag, "{\"n\":1}", now),
                delivery(sourceId, "id:earlier-" + tag, "{\"n\":0}", now)));

        assertFalse(stored.get(0).duplicate());
        assertFalse(stored.get(1).duplicate());
        assertTrue(stored.get(0).id() != stored.get(1).id());
        assertEquals(new StoredDelivery(stored.get(0).id(), true), stored.get(2), "a repeat within the batch");
        assertEquals(new StoredDelivery(earlier.id(), true), stored.get(3), "a repeat of an earlier delivery");
        assertEquals("1", single("select count(*) from delivery where delivery_key = ?", "id:a-" + tag));
        assertEquals("{\"n\":2}", single("select convert_from(body, 'UTF8') from delivery where delivery_key = ?", "id:b-" + tag));

        String tooLong = "id:" + "x".repeat(200);
        assertThrows(RuntimeException.class, () -> log.storeAll(List.of(
                delivery(sourceId, "id:c-" + tag, "{}", now), delivery(sourceId, tooLong, "{}", now))));
        assertEquals("0", single("select count(*) from delivery where delivery_key = ?", "id:c-" + tag),
                "the batch rolled back as a whole");
    }

    /**
     * The mapping worker maps its deliveries in one transaction per batch. One delivery of the
     * batch that cannot be mapped (its deployment insert fails at commit) must not take the others
     * down: the batch rolls back, each is mapped on its own, the others end mapped and the bad one
     * as a dead letter with the reason, with nothing of it half-made.
     */
    @Test
    void aBatchWithADeliveryThatCannotBeMappedMapsTheOthers() throws SQLException {
        List<String> repos = repositories("batch-", 3);
        // The second one's sha is longer than its column: it fails when the mapping's transaction commits.
        List<MappingQueue.Waiting> batch = waitingDeployments(repos, Instant.parse("2026-11-26T07:30:00Z"),
                (i, d) -> i != 1 ? d : new GitHubHooks.Deployment(d.id(), d.owner(), d.repo(), d.environment(),
                        d.sha().repeat(3), d.ref(), d.createdAt(), d.creator(), null));

        mappings.mapWaiting(batch);

        assertEquals("PROCESSED", status(batch.get(0)));
        assertEquals("DEAD_LETTER", status(batch.get(1)));
        assertEquals("PROCESSED", status(batch.get(2)));
        String reason = single("select error from delivery where id = ?", batch.get(1).deliveryId());
        assertTrue(reason.contains("too long"), () -> "the dead letter says why: " + reason);
        assertEquals("1", single("select count(*) from deployment d join service s on s.id = d.service_id where s.name = ?",
                repos.get(0)));
        assertEquals("0", single("select count(*) from service where name = ?", repos.get(1)), "nothing half-made");
        assertEquals("1", single("select count(*) from deployment d join service s on s.id = d.service_id where s.name = ?",
                repos.get(2)));
    }

    /**
     * A NUL in a mapped string (PostgreSQL text cannot hold one) once failed the mapping, then the
     * dead letter (its reason quoted the value), then the rest of the batch, for good (issue 16).
     */
    @Test
    void aDeliveryWithANulCostsOnlyItself() throws SQLException {
        List<String> repos = repositories("nul-", 3);
        List<MappingQueue.Waiting> batch = waitingDeployments(repos, Instant.parse("2026-11-26T08:30:00Z"),
                (i, d) -> i != 1 ? d : new GitHubHooks.Deployment(d.id(), d.owner(), d.repo(), "prod\u0000uction",
                        d.sha(), d.ref(), d.createdAt(), d.creator(), null));

        mappings.mapWaiting(batch);

        assertEquals("PROCESSED", status(batch.get(0)));
        assertEquals("DEAD_LETTER", status(batch.get(1)));
        assertEquals("PROCESSED", status(batch.get(2)));
        String reason = single("select error from delivery where id = ?", batch.get(1).deliveryId());
        assertTrue(reason.contains("environment") && !reason.contains("Exception") && !reason.contains("\u0000"),
                () -> "the dead letter says why, readably: " + reason);
        assertEquals("0", single("select count(*) from service where name = ?", repos.get(1)), "nothing half-made");
        mappings.mapWaiting(List.of(batch.get(1)));
        assertEquals("DEAD_LETTER", status(batch.get(1)), "settled: not retried");
    }

    @Test
    void aMappingBatchLeavesADeliveryHeldElsewhereToItsHolder() throws SQLException {
        List<String> repos = repositories("held-", 3);
        Instant now = Instant.parse("2026-11-26T11:30:00Z");
        List<MappingQueue.Waiting> batch = waitingDeployments(repos, now, (i, d) -> d);

        // Another replica (here: another connection) is mapping the second one and holds its row.
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select id from delivery where id = ? for update")) {
                lock.setLong(1, batch.get(1).deliveryId());
                lock.executeQuery().close();
            }

            // One transaction for the batch: it must not wait for the held row (nor fail on it).
            List<DeliveryLog.Result> results = log.processWaitingAll(
                    batch.stream().map(MappingQueue.Waiting::deliveryId).toList(), now);

            assertEquals(DeliveryLog.Processed.MODELLED, results.get(0).outcome());
            assertNull(results.get(1), "left to the one that holds it, not mapped twice");
            assertEquals(DeliveryLog.Processed.MODELLED, results.get(2).outcome());
            assertEquals("PROCESSED", status(batch.get(0)));
            assertEquals("RECEIVED", status(batch.get(1)));
            assertEquals("PROCESSED", status(batch.get(2)));
            other.rollback();
        }
        // Its holder gave up without mapping it: it is still waiting, and the next batch maps it.
        mappings.mapWaiting(List.of(batch.get(1)));
        assertEquals("PROCESSED", status(batch.get(1)));
        for (String repo : repos) {
            assertEquals("1", single("select count(*) from deployment d join service s on s.id = d.service_id "
                    + "where s.name = ?", repo), "one deployment each, none twice");
        }
    }

    private static List<String> repositories(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> prefix + UUID.randomUUID().toString().substring(0, 8)).toList();
    }

    /**
     * Stores, for a new GitHub source, a successful deployment_status delivery per repository (each
     * as {@code change} makes it from its index and the usual deployment), left waiting to be mapped.
     */
    private List<MappingQueue.Waiting> waitingDeployments(List<String> repos, Instant receivedAt,
            BiFunction<Integer, GitHubHooks.Deployment, GitHubHooks.Deployment> change) throws SQLException {
        String sourceName = "arq-" + UUID.randomUUID().toString().substring(0, 8);
        insertSource(sourceName, "in-container-secret-0123");
        long sourceId = Long.parseLong(single("select id from source where name = ?", sourceName));
        List<MappingQueue.Waiting> waiting = new ArrayList<>();
        for (int i = 0; i < repos.size(); i++) {
            String repo = repos.get(i);
            GitHubHooks.Deployment d = change.apply(i,
                    GitHubHooks.deployment("acme", repo, "env-" + repo, "2026-11-20T10:00:00Z"));
            byte[] body = GitHubHooks.deploymentStatus(d, "success", "2026-11-20T10:05:00Z", GitHubHooks.nextId());
            StoredDelivery stored = log.store(sourceId, "id:" + UUID.randomUUID(), "deployment_status", "{}", body,
                    receivedAt);
            waiting.add(new MappingQueue.Waiting(stored.id(), "github", sourceName));
        }
        return waiting;
    }

    private String status(MappingQueue.Waiting waiting) throws SQLException {
        return single("select status from delivery where id = ?", waiting.deliveryId());
    }

    private static NewDelivery delivery(long sourceId, String key, String body, Instant receivedAt) {
        return new NewDelivery(sourceId, key, "ping", "{}", bytes(body), receivedAt);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void insertSource(String name, String secret) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into source (id, kind, name, secret, enabled, created_at, version) "
                        + "values (nextval('source_seq'), 'GITHUB', ?, ?, true, now(), 0)")) {
            s.setString(1, name);
            s.setString(2, secret);
            s.executeUpdate();
        }
    }

    private String single(String sql, Object parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "no row for " + sql);
                return rs.getString(1);
            }
        }
    }
}
