package io.opssight.it.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubEventHooks;
import io.opssight.it.support.GitHubEventHooks.Repo;
import io.opssight.it.support.GitHubEventHooks.Run;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.Rows;
import io.opssight.it.support.TestPostgres;
import io.opssight.it.support.Waits;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;

/**
 * Acknowledged first, mapped right after: a server that maps nothing in the receiving request
 * ({@code opssight.ingestion.inline-normalisers=0}, what a busy replica does) still maps every
 * delivery, in arrival order, keeps the ones that fail as dead letters, and refuses a body that is
 * not JSON before acknowledging it.
 */
@DisplayName("#3 deliveries acknowledged before they are mapped are mapped right after")
class MappingQueueIT {

    private static OpsSightServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        String database = TestPostgres.createDatabase("queue");
        Map<String, String> env = OpsSightServer.postgresEnvironment(database);
        env.put("OPSSIGHT_INGESTION_INLINE_NORMALISERS", "0");
        server = OpsSightServer.start("queue", database, env).awaitReady(Duration.ofSeconds(240));
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    @DisplayName("#3 a run's three events, each acknowledged as queued, end as the one completed run, as when mapped at once")
    void queuedEventsAreMappedInArrivalOrder() throws Exception {
        Fixtures.Source source = Fixtures.githubSource(http);
        Repo repo = new Repo("acme", Fixtures.unique("queued"));
        Run run = new Run(GitHubHooks.nextId(), 1, "CI", 9, "main", GitHubEventHooks.sha(), "push", "octocat");
        List<Http.Answer> answers = new ArrayList<>();
        answers.add(deliver(source, "workflow_run", GitHubEventHooks.workflowRun(repo, run, "requested", "queued", null,
                "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z")));
        answers.add(deliver(source, "workflow_run", GitHubEventHooks.workflowRun(repo, run, "in_progress", "in_progress", null,
                "2026-11-20T10:00:00Z", "2026-11-20T10:00:20Z", "2026-11-20T10:00:20Z")));
        answers.add(deliver(source, "workflow_run", GitHubEventHooks.workflowRun(repo, run, "completed", "completed", "failure",
                "2026-11-20T10:00:00Z", "2026-11-20T10:00:20Z", "2026-11-20T10:04:00Z")));

        for (Http.Answer answer : answers) {
            assertEquals(202, answer.status(), answer::toString);
            assertEquals("stored; queued for mapping", answer.json().getString("note"), answer::toString);
        }
        awaitMapped(answers);
        List<Object> row = row("select status, conclusion, extract(epoch from started_at)::bigint as started, "
                + "extract(epoch from finished_at)::bigint as finished from pipeline_run where external_id = ?", run.id() + ":1");
        assertEquals(List.of("COMPLETED", "FAILURE", Instant.parse("2026-11-20T10:00:20Z").getEpochSecond(),
                Instant.parse("2026-11-20T10:04:00Z").getEpochSecond()), row);
        for (Http.Answer answer : answers) {
            assertEquals("PROCESSED", status(answer));
        }
    }

    @Test
    @DisplayName("#3 a queued delivery that cannot be mapped is kept as a dead letter with the reason, and leaves nothing half-made")
    void queuedFailureBecomesADeadLetter() throws Exception {
        Fixtures.Source source = Fixtures.githubSource(http);
        String repo = Fixtures.unique("broken");
        GitHubHooks.Deployment valid = GitHubHooks.deployment("acme", repo, "env-" + repo, "2026-11-20T10:00:00Z");
        // A sha longer than its column: the mapping fails at the deployment insert, after the
        // service and environment were added in the same transaction.
        GitHubHooks.Deployment broken = new GitHubHooks.Deployment(valid.id(), valid.owner(), valid.repo(),
                valid.environment(), valid.sha().repeat(3), valid.ref(), valid.createdAt(), valid.creator(), null);

        Http.Answer answer = deliver(source, "deployment_status",
                GitHubHooks.deploymentStatus(broken, "success", "2026-11-20T10:05:00Z", GitHubHooks.nextId()));

        assertEquals(202, answer.status(), answer::toString);
        awaitMapped(List.of(answer));
        assertEquals("DEAD_LETTER", status(answer));
        Http.Answer deadLetters = http.get("/api/v1/dead-letters?limit=200", OpsSightServer.ADMIN_TOKEN);
        long id = deliveryId(answer);
        JsonObject listed = deadLetters.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(item -> item.getJsonNumber("id").longValue() == id).findFirst().orElseThrow(() ->
                        new AssertionError("delivery " + id + " is not among the dead letters: " + deadLetters));
        assertTrue(listed.getString("error").contains("sha is too long"), listed::toString);
        assertEquals(List.of(0L), row("select count(*) from service where name = ?", repo));
    }

    @Test
    @DisplayName("#3 a body that is not JSON is refused at once (400 problem+json), never acknowledged, and kept as a dead letter")
    void malformedIsRefusedBeforeTheAnswer() throws Exception {
        Fixtures.Source source = Fixtures.githubSource(http);
        byte[] body = "{\"action\":\"completed\",\"workflow_run\":{\"id\":1,,}}".getBytes(StandardCharsets.UTF_8);
        String deliveryKey = UUID.randomUUID().toString();

        Http.Answer answer = http.postRaw(source.ingestPath(),
                GitHubHooks.headers("workflow_run", deliveryKey, source.secret(), body), body);

        assertEquals(400, answer.status(), answer::toString);
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer::toString);
        assertEquals(List.of("DEAD_LETTER"), row("select status from delivery where delivery_key = ?", "id:" + deliveryKey));
    }

    private static Http.Answer deliver(Fixtures.Source source, String event, byte[] body) {
        return http.postRaw(source.ingestPath(), GitHubHooks.headers(event, UUID.randomUUID().toString(), source.secret(), body),
                body);
    }

    private static long deliveryId(Http.Answer answer) {
        return answer.json().getJsonNumber("delivery").longValue();
    }

    private static String status(Http.Answer answer) {
        return (String) row("select status from delivery where id = ?", deliveryId(answer)).get(0);
    }

    private static void awaitMapped(List<Http.Answer> answers) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        for (Http.Answer answer : answers) {
            Waits.await("delivery " + deliveryId(answer) + " not mapped within 60 s", deadline, Duration.ofMillis(100))
                    .until(() -> !status(answer).equals("RECEIVED"));
        }
    }

    private static List<Object> row(String sql, Object parameter) {
        List<Rows.Row> rows = Rows.query(server, sql, parameter);
        assertTrue(!rows.isEmpty(), "no row for " + sql);
        return new ArrayList<>(rows.get(0).values().values());
    }
}
