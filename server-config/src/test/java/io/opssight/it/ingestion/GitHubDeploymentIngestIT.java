package io.opssight.it.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import io.opssight.it.support.Waits;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 2's slice end to end: signed GitHub deployment_status deliveries through the runnable jar into PostgreSQL. */
@DisplayName("#2 GitHub deployment_status ingestion")
class GitHubDeploymentIngestIT {

    private OpsSightServer server;
    private Http http;
    private Fixtures.Source source;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
        source = Fixtures.githubSource(http);
    }

    @Test
    void signedDeploymentStatusBecomesADeployment() {
        String repo = Fixtures.unique("shop");
        GitHubHooks.Deployment d = GitHubHooks.deployment("acme", repo, "production", "2026-11-20T10:00:00Z");
        byte[] inProgress = GitHubHooks.deploymentStatus(d, "in_progress", "2026-11-20T10:01:00Z", GitHubHooks.nextId());
        byte[] success = GitHubHooks.deploymentStatus(d, "success", "2026-11-20T10:06:30Z", GitHubHooks.nextId());

        Http.Answer first = deliver("deployment_status", UUID.randomUUID().toString(), inProgress);
        Http.Answer second = deliver("deployment_status", UUID.randomUUID().toString(), success);

        assertEquals(202, first.status(), first::toString);
        assertEquals(202, second.status(), second::toString);
        assertEquals("accepted", second.json().getString("status"));
        JsonObject deployment = Fixtures.onlyDeploymentOf(http, repo);
        assertEquals(repo, deployment.getString("service"));
        assertEquals("production", deployment.getString("environment"));
        assertTrue(deployment.getBoolean("production"));
        assertEquals(d.sha(), deployment.getString("sha"));
        assertEquals("main", deployment.getString("ref"));
        assertEquals("success", deployment.getString("status"));
        assertEquals("octocat", deployment.getString("creator"));
        assertEquals("2026-11-20T10:00:00Z", deployment.getString("createdAt"));
        assertEquals("2026-11-20T10:01:00Z", deployment.getString("startedAt"));
        assertEquals("2026-11-20T10:06:30Z", deployment.getString("finishedAt"));
        assertEquals(330, deployment.getInt("durationSeconds"));

        Http.Answer byId = http.get("/api/v1/deployments/" + deployment.getJsonNumber("id").longValue(), OpsSightServer.ADMIN_TOKEN);
        assertEquals(200, byId.status());
        assertEquals(repo, byId.json().getString("service"));
    }

    @Test
    void statusesArrivingOutOfOrderEndInTheLatestState() {
        String repo = Fixtures.unique("billing");
        GitHubHooks.Deployment d = GitHubHooks.deployment("acme", repo, "staging", "2026-11-21T09:00:00Z");
        long earlier = GitHubHooks.nextId();
        long later = GitHubHooks.nextId();
        deliver("deployment_status", UUID.randomUUID().toString(),
                GitHubHooks.deploymentStatus(d, "failure", "2026-11-21T09:10:00Z", later));
        deliver("deployment_status", UUID.randomUUID().toString(),
                GitHubHooks.deploymentStatus(d, "in_progress", "2026-11-21T09:02:00Z", earlier));

        JsonObject deployment = Fixtures.onlyDeploymentOf(http, repo);
        assertEquals("failure", deployment.getString("status"));
        assertEquals("2026-11-21T09:10:00Z", deployment.getString("finishedAt"));
        assertEquals("2026-11-21T09:02:00Z", deployment.getString("startedAt"));
        assertFalse(deployment.getBoolean("production"), "staging is not production");
    }

    @Test
    void redeliveryIsAcknowledgedAsDuplicateAndStoredOnce() throws SQLException {
        String repo = Fixtures.unique("search");
        GitHubHooks.Deployment d = GitHubHooks.deployment("acme", repo, "production", "2026-11-22T08:00:00Z");
        byte[] body = GitHubHooks.deploymentStatus(d, "success", "2026-11-22T08:04:00Z", GitHubHooks.nextId());
        String deliveryId = UUID.randomUUID().toString();

        Http.Answer first = deliver("deployment_status", deliveryId, body);
        Http.Answer again = deliver("deployment_status", deliveryId, body);

        assertEquals(202, first.status(), first::toString);
        assertEquals(200, again.status(), again::toString);
        assertEquals("duplicate", again.json().getString("status"));
        assertEquals(first.json().getJsonNumber("delivery").longValue(), again.json().getJsonNumber("delivery").longValue());
        assertEquals(1, deliveriesStored(deliveryId));
        Fixtures.onlyDeploymentOf(http, repo);
    }

    /**
     * Deliveries of concurrent requests are committed together (group commit); a delivery and its
     * redelivery arriving at the same moment may meet in one transaction or race in two. Either way
     * each is stored once, one copy hears 202 and the other 200 with the same delivery id, and
     * each ends as its deployment.
     */
    @Test
    void concurrentDeliveriesAndRedeliveriesAreStoredOnceEach() throws Exception {
        int deliveries = 4;
        List<String> repos = new ArrayList<>();
        List<String> deliveryIds = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            String repo = Fixtures.unique("together");
            GitHubHooks.Deployment d = GitHubHooks.deployment("acme", repo, "production", "2026-11-23T08:00:00Z");
            repos.add(repo);
            deliveryIds.add(UUID.randomUUID().toString());
            bodies.add(GitHubHooks.deploymentStatus(d, "success", "2026-11-23T08:03:00Z", GitHubHooks.nextId()));
        }
        ExecutorService senders = Executors.newFixedThreadPool(2 * deliveries);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Answer>> answers = new ArrayList<>();
        try {
            for (int copy = 0; copy < 2; copy++) {
                for (int i = 0; i < deliveries; i++) {
                    int n = i;
                    answers.add(senders.submit(() -> {
                        go.await();
                        return deliver("deployment_status", deliveryIds.get(n), bodies.get(n));
                    }));
                }
            }
            go.countDown();
            for (int i = 0; i < deliveries; i++) {
                Http.Answer one = answers.get(i).get(60, TimeUnit.SECONDS);
                Http.Answer other = answers.get(i + deliveries).get(60, TimeUnit.SECONDS);
                assertEquals(List.of(200, 202), Stream.of(one.status(), other.status()).sorted().toList(),
                        () -> "one copy is accepted, the other is a duplicate: " + one + " / " + other);
                assertEquals(one.json().getJsonNumber("delivery").longValue(), other.json().getJsonNumber("delivery").longValue(),
                        "both copies name the one stored delivery");
                assertEquals(1, deliveriesStored(deliveryIds.get(i)));
            }
        } finally {
            senders.shutdownNow();
        }
        Instant deadline = Instant.now().plusSeconds(60);
        for (String repo : repos) {
            Waits.await("no deployment of " + repo + " within 60 s", deadline, Duration.ofMillis(100))
                    .until(() -> !Fixtures.deploymentsOf(http, repo).isEmpty());
            assertEquals("success", Fixtures.onlyDeploymentOf(http, repo).getString("status"));
        }
    }

    @Test
    void wrongOrMissingSignatureIsRefusedAndNothingIsStored() throws SQLException {
        String repo = Fixtures.unique("auth");
        GitHubHooks.Deployment d = GitHubHooks.deployment("acme", repo, "production", "2026-11-22T08:00:00Z");
        byte[] body = GitHubHooks.deploymentStatus(d, "success", "2026-11-22T08:04:00Z", GitHubHooks.nextId());

        String wrongSecretId = UUID.randomUUID().toString();
        Http.Answer wrongSecret = http.postRaw(source.ingestPath(),
                GitHubHooks.headers("deployment_status", wrongSecretId, "not-the-secret", body), body);
        String tamperedId = UUID.randomUUID().toString();
        Map<String, String> headers = GitHubHooks.headers("deployment_status", tamperedId, source.secret(), body);
        byte[] tampered = Arrays.copyOf(body, body.length);
        tampered[tampered.length - 2] = (byte) ' ';
        Http.Answer tamperedBody = http.postRaw(source.ingestPath(), headers, tampered);
        String unsignedId = UUID.randomUUID().toString();
        Map<String, String> unsignedHeaders = new HashMap<>(GitHubHooks.headers("deployment_status", unsignedId, source.secret(), body));
        unsignedHeaders.remove("X-Hub-Signature-256");
        Http.Answer unsigned = http.postRaw(source.ingestPath(), unsignedHeaders, body);

        for (Http.Answer answer : List.of(wrongSecret, tamperedBody, unsigned)) {
            assertEquals(401, answer.status(), answer::toString);
            assertEquals("application/problem+json", answer.contentType());
            assertEquals(401, answer.json().getInt("status"));
            assertFalse(answer.body().contains(source.secret()));
        }
        assertEquals(0, deliveriesStored(wrongSecretId) + deliveriesStored(tamperedId) + deliveriesStored(unsignedId));
        assertEquals(0, Fixtures.deploymentsOf(http, repo).size());
    }

    @Test
    void malformedJsonIsRefusedWith400AndKeptAsDeadLetter() throws SQLException {
        byte[] body = "{\"action\": \"created\", \"deployment\": {\"id\": 1,".getBytes(StandardCharsets.UTF_8);
        String deliveryId = UUID.randomUUID().toString();

        Http.Answer answer = deliver("deployment_status", deliveryId, body);

        assertEquals(400, answer.status(), answer::toString);
        assertEquals("application/problem+json", answer.contentType());
        assertTrue(answer.json().getString("detail").contains("dead letter"), answer::toString);
        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement(
                        "select status, error, body from delivery where delivery_key = ?")) {
            s.setString(1, "id:" + deliveryId);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "the malformed delivery is kept");
                assertEquals("DEAD_LETTER", rs.getString("status"));
                assertTrue(rs.getString("error").startsWith("Malformed JSON"), rs.getString("error"));
                assertEquals(new String(body, StandardCharsets.UTF_8), new String(rs.getBytes("body"), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void bodyOverTheLimitIs413AndNotStored() throws SQLException {
        byte[] body = new byte[OpsSightServer.SHARED_MAX_BODY + 1024];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        String deliveryId = UUID.randomUUID().toString();

        Http.Answer answer = deliver("deployment_status", deliveryId, body);

        assertEquals(413, answer.status(), answer::toString);
        assertEquals("application/problem+json", answer.contentType());
        assertEquals(0, deliveriesStored(deliveryId));
    }

    @Test
    void otherEventsAreAcceptedAndKeptRaw() throws SQLException {
        byte[] ping = GitHubHooks.ping("acme", "anything");
        String deliveryId = UUID.randomUUID().toString();

        Http.Answer answer = deliver("ping", deliveryId, ping);

        assertEquals(202, answer.status(), answer::toString);
        assertEquals(1, deliveriesStored(deliveryId));
    }

    @Test
    void unknownSourceIs404() {
        byte[] body = GitHubHooks.ping("acme", "x");
        Http.Answer answer = http.postRaw("/api/v1/ingest/github/" + Fixtures.unique("nobody"),
                GitHubHooks.headers("ping", UUID.randomUUID().toString(), "whatever", body), body);
        assertEquals(404, answer.status(), answer::toString);
        assertEquals("application/problem+json", answer.contentType());
    }

    @Test
    @DisplayName("#2 the receiver takes POSTs at /api/v1/ingest/{kind}/{name} only: other methods 405, other paths 404")
    void theReceiverAnswersOnlyPostsAtItsRoute() {
        Http.Answer get = http.get(source.ingestPath());
        assertEquals(405, get.status(), get::toString);
        assertEquals("application/problem+json", get.contentType());
        assertTrue(get.header("Allow").orElse("").contains("POST"), get::toString);
        assertEquals(405, http.send("PUT", source.ingestPath(), null, Map.of(), "{}").status());

        byte[] body = GitHubHooks.ping("acme", "route");
        Map<String, String> headers = GitHubHooks.headers("ping", UUID.randomUUID().toString(), source.secret(), body);
        for (String path : List.of("/api/v1/ingest/github", source.ingestPath() + "/extra", "/api/v1/ingest/")) {
            Http.Answer answer = http.postRaw(path, headers, body);
            assertEquals(404, answer.status(), () -> path + ": " + answer);
            assertEquals("application/problem+json", answer.contentType(), path);
        }

        Http.Answer accepted = http.postRaw(source.ingestPath(), headers, body);
        assertEquals(202, accepted.status(), accepted::toString);
        assertTrue(accepted.contentType().startsWith("application/json"), accepted::toString);
        assertEquals("accepted", accepted.json().getString("status"));
        assertTrue(accepted.json().getJsonNumber("delivery").longValue() > 0, accepted::toString);
        Http.Answer again = http.postRaw(source.ingestPath(), headers, body);
        assertEquals(200, again.status(), again::toString);
        assertEquals("duplicate", again.json().getString("status"));
        assertEquals(accepted.json().getJsonNumber("delivery").longValue(), again.json().getJsonNumber("delivery").longValue());
    }

    private Http.Answer deliver(String event, String deliveryId, byte[] body) {
        return http.postRaw(source.ingestPath(), GitHubHooks.headers(event, deliveryId, source.secret(), body), body);
    }

    private int deliveriesStored(String deliveryId) throws SQLException {
        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement("select count(*) from delivery where delivery_key = ?")) {
            s.setString(1, "id:" + deliveryId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
