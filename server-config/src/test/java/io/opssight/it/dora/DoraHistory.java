package io.opssight.it.dora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubEventHooks;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.PagerDutyHooks;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The event history of one service (its own repository acme/&lt;unique&gt;), sent the way the tools
 * send it: GitHub push and deployment_status webhooks, PagerDuty V3 incident webhooks, each signed,
 * with the times given. Every delivery is kept, so a test can send them in another order or again.
 */
final class DoraHistory {

    /** A signed delivery, ready to send (again). */
    record Delivery(String label, String path, Map<String, String> headers, byte[] body) {
    }

    final Http http;
    final Fixtures.Source github;
    final Fixtures.Source pagerduty;
    final GitHubEventHooks.Repo repo;
    private final List<Delivery> deliveries = new ArrayList<>();

    DoraHistory(Http http, String name) {
        this.http = http;
        this.github = Fixtures.githubSource(http);
        this.pagerduty = Fixtures.source(http, "pagerduty");
        this.repo = new GitHubEventHooks.Repo("acme", Fixtures.unique(name));
    }

    /** The service OpsSight creates for the repository: its short name. */
    String service() {
        return repo.name();
    }

    /** The origin of this history's GitHub deployments, as the push API names a cause. */
    String deploymentOrigin() {
        return "github:" + github.name();
    }

    /** Every delivery made so far, in the order made. */
    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    // ---- building (and sending) ------------------------------------------------------------

    /** A commit; {@code at} is its author time, written with a +01:00 offset as a German laptop would. */
    static GitHubEventHooks.Commit commit(String sha, String at) {
        Instant t = Instant.parse(at);
        String local = t.plusSeconds(3600).toString().replace("Z", "+01:00");
        return new GitHubEventHooks.Commit(sha, "Change " + sha.substring(0, 7), local, "Mona Lisa", "mona");
    }

    /** A push to main moving it from {@code before} to the last commit. */
    Delivery push(String before, GitHubEventHooks.Commit... commits) {
        String after = commits[commits.length - 1].sha();
        long pushedAt = Instant.parse(commits[commits.length - 1].timestamp().replace("+01:00", "Z")).getEpochSecond() + 60;
        byte[] body = GitHubEventHooks.push(repo, "refs/heads/main", before, after, Arrays.asList(commits), false, pushedAt);
        return github("push", "push " + after.substring(0, 7), body);
    }

    /** A deployment of {@code sha} (on main) to {@code environment}, created at {@code createdAt}; nothing sent yet. */
    GitHubHooks.Deployment deployment(String environment, String sha, String createdAt) {
        return new GitHubHooks.Deployment(GitHubHooks.nextId(), repo.owner(), repo.name(), environment, sha, "main", createdAt,
                "octocat", null);
    }

    Delivery status(GitHubHooks.Deployment d, String state, String at) {
        return github("deployment_status", "deployment " + d.id() + " " + state,
                GitHubHooks.deploymentStatus(d, state, at, GitHubHooks.nextId()));
    }

    /** A deployment that started a minute after creation and ended with {@code state} at {@code finishedAt}. */
    GitHubHooks.Deployment deploy(String environment, String sha, String finishedAt, String state) {
        Instant end = Instant.parse(finishedAt);
        GitHubHooks.Deployment d = deployment(environment, sha, end.minusSeconds(600).toString());
        status(d, "in_progress", end.minusSeconds(540).toString());
        status(d, state, finishedAt);
        return d;
    }

    GitHubHooks.Deployment deploy(String environment, String sha, String finishedAt) {
        return deploy(environment, sha, finishedAt, "success");
    }

    /** A PagerDuty incident on this service, triggered at {@code openedAt}. */
    PagerDutyHooks.Incident incident(String title, String openedAt) {
        PagerDutyHooks.Incident i = PagerDutyHooks.incident(service(), title, openedAt);
        pagerDuty("incident.triggered " + title, PagerDutyHooks.incidentEvent(PagerDutyHooks.eventId(), "incident.triggered",
                openedAt, i, "triggered"));
        return i;
    }

    Delivery resolve(PagerDutyHooks.Incident i, String at) {
        return pagerDuty("incident.resolved " + i.title(), PagerDutyHooks.incidentEvent(PagerDutyHooks.eventId(),
                "incident.resolved", at, i, "resolved"));
    }

    /** An incident opened and resolved, as PagerDuty reports it. */
    PagerDutyHooks.Incident incident(String title, String openedAt, String resolvedAt) {
        PagerDutyHooks.Incident i = incident(title, openedAt);
        resolve(i, resolvedAt);
        return i;
    }

    /** Sends a delivery (again: a redelivery keeps its id, and must be answered 200 duplicate). */
    Http.Answer send(Delivery d) {
        return http.postRaw(d.path(), d.headers(), d.body());
    }

    private Delivery github(String event, String label, byte[] body) {
        Delivery d = new Delivery(label, github.ingestPath(),
                GitHubHooks.headers(event, UUID.randomUUID().toString(), github.secret(), body), body);
        return record(d);
    }

    private Delivery pagerDuty(String label, byte[] body) {
        return record(new Delivery(label, pagerduty.ingestPath(), PagerDutyHooks.headers(body, pagerduty.secret()), body));
    }

    private Delivery record(Delivery d) {
        deliveries.add(d);
        if (!deferred) {
            Http.Answer answer = send(d);
            assertEquals(202, answer.status(), () -> d.label() + ": " + answer);
        }
        return d;
    }

    private boolean deferred;

    /** From now on, build deliveries without sending them (to send them later in another order). */
    DoraHistory deferred() {
        deferred = true;
        return this;
    }

    // ---- asking ------------------------------------------------------------------------------

    /** GET /api/v1/dora for this service with the extra query (e.g. "from=...&to=..."). */
    JsonObject dora(String query) {
        return get("/api/v1/dora?service=" + enc(service()) + "&" + query);
    }

    JsonObject get(String pathAndQuery) {
        Http.Answer answer = http.get(pathAndQuery, OpsSightServer.ADMIN_TOKEN);
        assertEquals(200, answer.status(), () -> pathAndQuery + ": " + answer);
        assertTrue(answer.contentType().startsWith("application/json"), answer::toString);
        return answer.json();
    }

    /** The id OpsSight gave a GitHub deployment. */
    long deploymentId(GitHubHooks.Deployment d) {
        JsonObject page = get("/api/v1/deployments?service=" + enc(service()) + "&limit=500");
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getString("externalId").equals(String.valueOf(d.id()))).findFirst()
                .orElseThrow(() -> new AssertionError("no deployment " + d.id())).getJsonNumber("id").longValue();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
