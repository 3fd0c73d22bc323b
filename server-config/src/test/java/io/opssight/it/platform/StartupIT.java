package io.opssight.it.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Start-up behaviour: two replicas migrating one database at once, and the embedded default database. */
@DisplayName("#2 start-up: concurrent migration, embedded default")
class StartupIT {

    @Test
    void twoInstancesStartingAtOnceMigrateTheSchemaExactlyOnce() throws SQLException {
        String db = TestPostgres.createDatabase("twins");
        OpsSightServer first = OpsSightServer.start("twin-a", db, OpsSightServer.postgresEnvironment(db));
        OpsSightServer second = OpsSightServer.start("twin-b", db, OpsSightServer.postgresEnvironment(db));
        try {
            first.awaitReady(Duration.ofSeconds(300));
            second.awaitReady(Duration.ofSeconds(300));

            try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select version, count(*), bool_and(success) from flyway_schema_history "
                            + "where version is not null group by version order by version")) {
                int versions = 0;
                while (rs.next()) {
                    versions++;
                    assertEquals(1, rs.getInt(2), "version " + rs.getString(1) + " applied once");
                    assertTrue(rs.getBoolean(3));
                }
                assertTrue(versions >= 1);
            }
            try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from api_token where name = 'bootstrap-admin'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "one bootstrap admin token, however many replicas started");
            }
            // Both serve the same data.
            Fixtures.Source source = Fixtures.githubSource(first.http());
            assertTrue(second.http().get("/api/v1/sources", OpsSightServer.ADMIN_TOKEN).body().contains(source.name()));
        } finally {
            first.stop();
            second.stop();
        }
    }

    @Test
    void withoutDatabaseSettingsItRunsOnTheEmbeddedDefaultAndKeepsDataAcrossRestarts() throws IOException {
        Path dataDir = Files.createTempDirectory("opssight-embedded");
        Map<String, String> env = new HashMap<>();
        env.put("OPSSIGHT_DATA_DIR", dataDir.toString());
        env.put("OPSSIGHT_BOOTSTRAP_ADMIN_TOKEN", OpsSightServer.ADMIN_TOKEN);
        OpsSightServer server = OpsSightServer.start("embedded", null, env);
        try {
            server.awaitReady(Duration.ofSeconds(240));
            Http.Answer ready = server.http().get("/health/ready");
            JsonObject database = ready.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.getString("name").equals("database")).findFirst().orElseThrow();
            assertTrue(database.getJsonObject("data").getString("database").startsWith("embedded H2 in " + dataDir),
                    ready::toString);
            Fixtures.Source source = Fixtures.githubSource(server.http());
            // Ingestion's hot path speaks SQL of its own (the store's one statement): it must work here too.
            String repo = Fixtures.unique("embedded");
            byte[] body = GitHubHooks.deploymentStatus(GitHubHooks.deployment("acme", repo, "production", "2026-11-01T00:00:00Z"),
                    "success", "2026-11-01T00:01:00Z", GitHubHooks.nextId());
            Map<String, String> headers = GitHubHooks.headers("deployment_status", UUID.randomUUID().toString(), source.secret(), body);
            Http.Answer delivered = server.http().postRaw(source.ingestPath(), headers, body);
            assertEquals(202, delivered.status(), delivered::toString);
            assertEquals(200, server.http().postRaw(source.ingestPath(), headers, body).status(), "a redelivery is a duplicate");

            server.restart().awaitReady(Duration.ofSeconds(240));

            Http.Answer deployments = server.http().get("/api/v1/deployments?service=" + repo, OpsSightServer.ADMIN_TOKEN);
            assertEquals(200, deployments.status(), deployments::toString);
            assertEquals(1, deployments.json().getJsonArray("items").size(), deployments::toString);

            Http.Answer sources = server.http().get("/api/v1/sources", OpsSightServer.ADMIN_TOKEN);
            assertEquals(200, sources.status(), sources::toString);
            assertTrue(sources.body().contains(source.name()), "the source survived the restart");
            assertTrue(Files.isDirectory(dataDir.resolve("db")), "data lives under OPSSIGHT_DATA_DIR/db");
        } finally {
            server.stop();
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
