package io.opssight.it.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.ArgoCdNotifications;
import io.opssight.it.support.ArgoCdNotifications.App;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.util.HashMap;

/**
 * Argo CD notifications end to end: the webhook bodies are rendered from the templates documented
 * in docs/INGESTION.md against real-shaped Applications, sent with the documented Bearer header.
 */
@DisplayName("#5 Argo CD notification ingestion")
class ArgoCdIngestIT {

    private static final String ARGOCD_URL = "https://argocd.acme.example";

    private OpsSightServer server;
    private Http http;
    private Fixtures.Source source;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
        source = Fixtures.source(http, "argocd");
    }

    @Test
    @DisplayName("#5 a failed sync and a later successful sync of the same revision are a failure and a success")
    void syncFailureThenSuccessOfTheSameRevision() throws SQLException {
        String app = Fixtures.unique("shop") + "-prod";
        String cluster = Fixtures.unique("prod-eu-1");
        String revision = sha();
        App shop = App.named(app).label("environment", "production").label("team", "payments")
                .annotation("notifications.argoproj.io/subscribe.on-deployed.opssight", "")
                .source("https://github.com/acme/" + app + ".git", "main").destinationName(cluster, "shop")
                .images("ghcr.io/acme/shop:2.14.0").initiatedBy("alice");

        // First sync: running, then failed (the Deployment manifest is invalid).
        assertAccepted(send("app-sync-running", shop.operation("Running", revision, "2026-11-20T10:00:00Z", null, null)
                .status("OutOfSync", "Healthy", "2026-11-20T10:00:01Z")));
        assertAccepted(send("app-sync-failed", shop.operation("Failed", revision, "2026-11-20T10:00:00Z",
                "2026-11-20T10:00:42Z", "one or more objects failed to apply, reason: Deployment.apps \"" + app
                        + "\" is invalid: spec.template.spec.containers[0].image: Required value")
                .status("OutOfSync", "Degraded", "2026-11-20T10:00:43Z")));
        // The fix was in the cluster's config, the same revision is synced again and succeeds.
        assertAccepted(send("app-sync-running", shop.operation("Running", revision, "2026-11-20T10:20:00Z", null, null)
                .status("OutOfSync", "Degraded", "2026-11-20T10:20:01Z")));
        Http.Answer deployed = send("app-deployed", shop.operation("Succeeded", revision, "2026-11-20T10:20:00Z",
                "2026-11-20T10:21:30Z", "successfully synced (all tasks run)").status("Synced", "Healthy", "2026-11-20T10:22:05Z"));
        assertAccepted(deployed);

        List<JsonObject> items = Fixtures.deploymentsOf(http, app);
        assertEquals(2, items.size(), items::toString);
        items = items.stream().sorted(Comparator.comparing(d -> d.getString("createdAt"))).toList();
        JsonObject failed = items.get(0);
        JsonObject succeeded = items.get(1);
        assertEquals("failure", failed.getString("status"));
        assertEquals("2026-11-20T10:00:00Z", failed.getString("startedAt"));
        assertEquals("2026-11-20T10:00:42Z", failed.getString("finishedAt"));
        assertTrue(failed.getString("description").contains("is invalid"), failed::toString);
        assertEquals("success", succeeded.getString("status"));
        assertEquals("2026-11-20T10:20:00Z", succeeded.getString("startedAt"));
        assertEquals("2026-11-20T10:21:30Z", succeeded.getString("finishedAt"));
        assertEquals(90, succeeded.getInt("durationSeconds"));
        for (JsonObject d : items) {
            assertEquals(revision, d.getString("sha"));
            assertEquals("main", d.getString("ref"));
            assertEquals("production", d.getString("environment"));
            assertTrue(d.getBoolean("production"));
            assertEquals("alice", d.getString("creator"));
            assertEquals(ARGOCD_URL + "/applications/" + app, d.getString("url"));
            assertEquals("argocd:" + source.name(), d.getString("origin"));
        }
        assertEquals(app + ":" + revision + ":2026-11-20T10:20:00Z", succeeded.getString("externalId"));

        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement("select w.namespace, w.health, w.sync_status, w.revision, "
                        + "w.last_seen_at, s.name as service, s.repository, k.server, d.cluster, d.namespace as dns "
                        + "from workload w join k8s_cluster k on k.id = w.cluster_id left join service s on s.id = w.service_id "
                        + "join deployment d on d.service_id = s.id where k.name = ? and w.name = ?")) {
            s.setString(1, cluster);
            s.setString(2, app);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "the workload is recorded in its cluster");
                assertEquals("shop", rs.getString("namespace"));
                assertEquals("Healthy", rs.getString("health"), "the latest report wins");
                assertEquals("Synced", rs.getString("sync_status"));
                assertEquals(revision, rs.getString("revision"));
                assertEquals("2026-11-20T10:22:05Z", rs.getTimestamp("last_seen_at").toInstant().toString());
                assertEquals(app, rs.getString("service"));
                assertEquals("acme/" + app, rs.getString("repository"), "the service remembers the repository of repoURL");
                assertEquals(null, rs.getString("server"), "addressed by name, so no server URL");
                assertEquals(cluster, rs.getString("cluster"));
                assertEquals("shop", rs.getString("dns"));
            }
        }
    }

    @Test
    @DisplayName("#5 a service GitHub already reports for the repository wins over the app name")
    void serviceFoundByRepositoryWins() {
        String repo = Fixtures.unique("checkout");
        Fixtures.Source github = Fixtures.githubSource(http);
        GitHubHooks.Deployment gh = GitHubHooks.deployment("acme", repo, "staging", "2026-11-21T09:00:00Z");
        byte[] status = GitHubHooks.deploymentStatus(gh, "success", "2026-11-21T09:03:00Z", GitHubHooks.nextId());
        assertEquals(202, http.postRaw(github.ingestPath(),
                GitHubHooks.headers("deployment_status", UUID.randomUUID().toString(), github.secret(), status), status).status());

        String app = repo + "-production";
        String revision = sha();
        assertAccepted(send("app-deployed", App.named(app).label("environment", "production")
                .source("git@github.com:acme/" + repo + ".git", "v3.2.0")
                .destinationServer("https://eks-prod.eu-west-1.acme.example", "checkout")
                .operation("Succeeded", revision, "2026-11-21T11:00:00Z", "2026-11-21T11:01:10Z", "successfully synced (all tasks run)")
                .status("Synced", "Healthy", "2026-11-21T11:01:40Z")));

        List<JsonObject> ofRepo = Fixtures.deploymentsOf(http, repo);
        assertEquals(2, ofRepo.size(), ofRepo::toString);
        JsonObject argo = ofRepo.stream().filter(d -> d.getString("origin").startsWith("argocd:")).findFirst().orElseThrow();
        assertEquals("success", argo.getString("status"));
        assertEquals("v3.2.0", argo.getString("ref"));
        assertEquals(0, Fixtures.deploymentsOf(http, app).size(), "no second service named after the app");
    }

    @Test
    @DisplayName("#5 empty template values: no labels or annotations, addressed by server, automated sync")
    void emptyTemplateValuesFallBack() throws SQLException {
        String app = Fixtures.unique("catalog-api");
        String namespace = Fixtures.unique("catalog") + "-staging";
        String revision = sha();
        App catalog = App.named(app).noLabels().noAnnotations()
                .source("https://gitlab.acme.example/platform/catalog/catalog-api.git", "HEAD")
                .destinationServer("https://kubernetes.default.svc", namespace)
                .operation("Succeeded", revision, "2026-11-22T07:30:00Z", "2026-11-22T07:30:25Z", "successfully synced (all tasks run)")
                .status("Synced", "Healthy", "2026-11-22T07:30:40Z");
        byte[] body = ArgoCdNotifications.render("app-deployed", catalog.toJson(), ARGOCD_URL);
        String text = new String(body, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"environment\": \"\","), text);
        assertTrue(text.contains("\"service\": \"\","), text);
        assertTrue(text.contains("\"destinationName\": \"<no value>\","), text);
        assertTrue(text.contains("\"initiatedBy\": \"<no value>\","), text);

        assertAccepted(http.postRaw(source.ingestPath(), ArgoCdNotifications.headers(source.secret()), body));

        JsonObject deployment = Fixtures.onlyDeploymentOf(http, app);
        assertEquals(namespace, deployment.getString("environment"), "the destination namespace stands in for the label");
        assertFalse(deployment.getBoolean("production"));
        assertEquals("success", deployment.getString("status"));
        assertFalse(deployment.containsKey("creator") && !deployment.isNull("creator"), "automated: nobody initiated it");
        assertEquals(revision, deployment.getString("sha"));
        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement("select k.name, k.server, w.health, s.repository from workload w "
                        + "join k8s_cluster k on k.id = w.cluster_id join service s on s.id = w.service_id "
                        + "where w.name = ? and w.namespace = ?")) {
            s.setString(1, app);
            s.setString(2, namespace);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "workload in the cluster named by its server URL");
                assertEquals("https://kubernetes.default.svc", rs.getString("name"));
                assertEquals("https://kubernetes.default.svc", rs.getString("server"));
                assertEquals("Healthy", rs.getString("health"));
                assertEquals("platform/catalog/catalog-api", rs.getString("repository"));
            }
        }
    }

    @Test
    @DisplayName("#5 a GitOps repository shared by many apps: the opssight.io/service annotation names the service")
    void serviceAnnotationNamesTheService() {
        String service = Fixtures.unique("ledger");
        String revision = sha();
        assertAccepted(send("app-deployed", App.named(service + "-eu").label("environment", "prod-eu")
                .annotation("opssight.io/service", service)
                .source("https://github.com/acme/gitops-apps.git", "main").destinationName("prod-eu", "ledger")
                .operation("Succeeded", revision, "2026-11-23T12:00:00Z", "2026-11-23T12:00:50Z", "successfully synced (all tasks run)")
                .status("Synced", "Healthy", "2026-11-23T12:01:00Z")));

        JsonObject deployment = Fixtures.onlyDeploymentOf(http, service);
        assertEquals("prod-eu", deployment.getString("environment"));
        assertTrue(deployment.getBoolean("production"));
    }

    @Test
    @DisplayName("#5 Argo CD's retry of the same notification is answered 200 duplicate and recorded once")
    void retryIsDuplicate() {
        String app = Fixtures.unique("search");
        byte[] body = ArgoCdNotifications.render("app-deployed", App.named(app).label("environment", "staging")
                .source("https://github.com/acme/search.git", "main").destinationName("staging-1", "search")
                .operation("Succeeded", sha(), "2026-11-24T08:00:00Z", "2026-11-24T08:00:30Z", "successfully synced (all tasks run)")
                .toJson(), ARGOCD_URL);

        Http.Answer first = http.postRaw(source.ingestPath(), ArgoCdNotifications.headers(source.secret()), body);
        Http.Answer again = http.postRaw(source.ingestPath(), ArgoCdNotifications.headers(source.secret()), body);

        assertEquals(202, first.status(), first::toString);
        assertEquals(200, again.status(), again::toString);
        assertEquals("duplicate", again.json().getString("status"));
        Fixtures.onlyDeploymentOf(http, app);
    }

    @Test
    @DisplayName("#5 a wrong or missing bearer is 401 and nothing is stored")
    void wrongBearerIsRefused() throws SQLException {
        String app = Fixtures.unique("auth");
        byte[] body = ArgoCdNotifications.render("app-deployed", App.named(app).label("environment", "production")
                .source("https://github.com/acme/auth.git", "main").destinationName("prod-eu", "auth")
                .operation("Succeeded", sha(), "2026-11-24T09:00:00Z", "2026-11-24T09:00:30Z", null).toJson(), ARGOCD_URL);

        Http.Answer wrong = http.postRaw(source.ingestPath(), ArgoCdNotifications.headers("not-the-secret"), body);
        Map<String, String> none = new HashMap<>(ArgoCdNotifications.headers(source.secret()));
        none.remove("Authorization");
        Http.Answer missing = http.postRaw(source.ingestPath(), none, body);

        for (Http.Answer answer : List.of(wrong, missing)) {
            assertEquals(401, answer.status(), answer::toString);
            assertEquals("application/problem+json", answer.contentType());
            assertFalse(answer.body().contains(source.secret()));
        }
        assertEquals(0, deliveriesOf(source.name()));
        assertEquals(0, Fixtures.deploymentsOf(http, app).size());
    }

    @Test
    @DisplayName("#5 a body that is not the OpsSight template is kept as a dead letter with the reason")
    void foreignBodyIsDeadLettered() throws SQLException {
        byte[] body = """
                {"attachments":[{"title":"shop","title_link":"https://argocd.acme.example/applications/shop","color":"#18be52"}]}
                """.getBytes(StandardCharsets.UTF_8);

        Http.Answer answer = http.postRaw(source.ingestPath(), ArgoCdNotifications.headers(source.secret()), body);

        assertEquals(202, answer.status(), answer::toString);
        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement("select d.status, d.error from delivery d join source s on s.id = d.source_id "
                        + "where s.name = ?")) {
            s.setString(1, source.name());
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("DEAD_LETTER", rs.getString("status"));
                assertTrue(rs.getString("error").contains("without app"), rs.getString("error"));
            }
        }
    }

    private Http.Answer send(String template, App app) {
        byte[] body = ArgoCdNotifications.render(template, app.toJson(), ARGOCD_URL);
        return http.postRaw(source.ingestPath(), ArgoCdNotifications.headers(source.secret()), body);
    }

    private static void assertAccepted(Http.Answer answer) {
        assertEquals(202, answer.status(), answer::toString);
        assertEquals("accepted", answer.json().getString("status"), answer::toString);
    }

    private static String sha() {
        return HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)).substring(0, 40);
    }

    private int deliveriesOf(String sourceName) throws SQLException {
        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement(
                        "select count(*) from delivery d join source s on s.id = d.source_id where s.name = ?")) {
            s.setString(1, sourceName);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
