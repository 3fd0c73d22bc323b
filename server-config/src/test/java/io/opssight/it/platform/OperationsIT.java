package io.opssight.it.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import io.opssight.it.support.Waits;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What operators and other tools rely on: health, metrics and the OpenAPI document. */
@DisplayName("#2 health, metrics, OpenAPI")
class OperationsIT {

    private Http http;

    @BeforeEach
    void setUp() {
        http = OpsSightServer.shared().http();
    }

    @Test
    void healthEndpointsReportUpWithTheDatabaseCheck() {
        Http.Answer ready = http.get("/health/ready");
        assertEquals(200, ready.status(), ready::toString);
        JsonObject database = ready.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("database")).findFirst().orElseThrow();
        assertEquals("UP", database.getString("status"));
        assertEquals("PostgreSQL", database.getJsonObject("data").getString("database"));
        assertEquals("true", database.getJsonObject("data").get("migrated").toString().replace("\"", ""));
        assertEquals(200, http.get("/health/live").status());
        assertEquals(200, http.get("/health/started").status());
    }

    @Test
    void ingestMetricMovesWhenADeliveryIsAccepted() {
        Fixtures.Source source = Fixtures.githubSource(http);
        double before = ingested(source.name(), "accepted");
        byte[] body = GitHubHooks.deploymentStatus(GitHubHooks.deployment("acme", Fixtures.unique("metered"), "production",
                "2026-11-01T00:00:00Z"), "success", "2026-11-01T00:01:00Z", GitHubHooks.nextId());
        Map<String, String> headers = GitHubHooks.headers("deployment_status", UUID.randomUUID().toString(), source.secret(), body);
        assertEquals(202, http.postRaw(source.ingestPath(), headers, body).status());
        assertEquals(200, http.postRaw(source.ingestPath(), headers, body).status());

        assertEquals(before + 1, ingested(source.name(), "accepted"));
        assertEquals(1, ingested(source.name(), "duplicate"));
    }

    @Test
    @DisplayName("#3 with PostgreSQL's autovacuum off, OpsSight analyses tables that changed, so cached plans follow the data")
    void changedTablesAreAnalysedWhenAutovacuumIsOff() throws Exception {
        String database = OpsSightServer.shared().database();
        try (Connection c = TestPostgres.connect(database); Statement s = c.createStatement()) {
            try (ResultSet setting = s.executeQuery("show autovacuum")) {
                setting.next();
                Assumptions.assumeFalse("on".equals(setting.getString(1)), "autovacuum is on: PostgreSQL analyses itself");
            }
            s.execute("create table it_statistics_probe (id int primary key, label text)");
            try {
                s.execute("insert into it_statistics_probe select g, 'row ' || g from generate_series(1, 1000) g");
                Waits.await("the table's analysis", Duration.ofSeconds(90), Duration.ofSeconds(1)).untilAsserted(() -> {
                    try (ResultSet row = s.executeQuery(
                            "select last_analyze is not null from pg_stat_user_tables where relname = 'it_statistics_probe'")) {
                        assertTrue(row.next() && row.getBoolean(1), "a table with 1000 new rows was not analysed within 90 s");
                    }
                });
                try (ResultSet stats = s.executeQuery("select reltuples from pg_class where relname = 'it_statistics_probe'")) {
                    assertTrue(stats.next());
                    assertEquals(1000, stats.getLong(1), "the planner now knows the table's size");
                }
            } finally {
                s.execute("drop table it_statistics_probe");
            }
        }
    }

    @Test
    void openApiDescribesEveryApiOperation() {
        Http.Answer openapi = http.get("/openapi");
        assertEquals(200, openapi.status());
        String doc = openapi.body();
        for (String path : List.of("/api/v1/sources:", "/api/v1/deployments:", "/api/v1/deployments/{id}:",
                "/api/v1/ingest/{kind}/{name}:", "/api/v1/tokens:", "/api/v1/tokens/{id}:",
                "/api/v1/deployments/{id}/changes:", "/api/v1/incidents:", "/api/v1/incidents/{id}:",
                "/api/v1/incidents/{id}/resolve:", "/api/v1/pipeline-runs:", "/api/v1/pipeline-runs/{id}:",
                "/api/v1/alerts:", "/api/v1/alerts/{id}:", "/api/v1/alerts/{id}/acknowledge:",
                "/api/v1/alerts/{id}/acknowledgement:", "/api/v1/sources/{id}:", "/api/v1/sources/{id}/rotate-secret:",
                "/api/v1/sources/{id}/disable:", "/api/v1/sources/{id}/enable:", "/api/v1/dead-letters:",
                "/api/v1/dead-letters/{id}:", "/api/v1/dead-letters/{id}/replay:", "/api/v1/dead-letters/replay:",
                "/api/v1/audit:", "/api/v1/audit/verify:", "/api/v1/audit/export:", "/api/v1/dora:",
                "/api/v1/dora/deployments:", "/api/v1/dora/changes:", "/api/v1/dora/incidents:", "/api/v1/incidents/{id}/cause:",
                "/api/v1/teams:", "/api/v1/services/{name}/team:", "/api/v1/pipelines/stats:", "/api/v1/users:",
                "/api/v1/users/{username}:", "/api/v1/users/{username}/roles:", "/api/v1/roles:", "/api/v1/roles/{name}:")) {
            assertTrue(doc.contains(path), () -> "OpenAPI lacks " + path);
        }
        assertTrue(doc.contains("bearer"), "the bearer security scheme is described");
        assertTrue(doc.contains("application/problem+json"), "errors are described as problem+json");
        for (String permission : List.of("deployments:write", "incidents:read", "incidents:write", "pipelines:read",
                "pipelines:write", "alerts:read", "dora:read", "incidents:link", "teams:read", "teams:manage", "users:manage",
                "alerts:acknowledge")) {
            assertTrue(doc.contains("Permission: " + permission), () -> "no operation says it needs " + permission);
        }
        assertTrue(doc.contains("Idempotency-Key"), "the push API's idempotency header is described");
    }

    private double ingested(String source, String outcome) {
        Http.Answer metrics = http.get("/metrics");
        assertEquals(200, metrics.status());
        Pattern line = Pattern.compile("^opssight_ingest_events_total\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(metrics.body());
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("source=\"" + source + "\"") && labels.contains("outcome=\"" + outcome + "\"")
                    && labels.contains("kind=\"github\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
