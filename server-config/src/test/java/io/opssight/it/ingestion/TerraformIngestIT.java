package io.opssight.it.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TerraformPlanJson;
import io.opssight.it.support.TestPostgres;
import jakarta.json.Json;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Terraform plans (terraform show -json) posted by CI with the source secret as Bearer token. */
@DisplayName("#5 Terraform plan ingestion")
class TerraformIngestIT {

    private OpsSightServer server;
    private Http http;
    private Fixtures.Source source;

    /** An infra_change row. */
    record Change(String externalId, String workspace, String terraformVersion, int creates, int updates, int deletes,
            int replaces, boolean productionTouched, String productionReason, String resources, Instant plannedAt) {
    }

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
        source = Fixtures.source(http, "terraform");
    }

    @Test
    @DisplayName("#5 a realistic plan of a few hundred KB becomes one change with its counts, resources and production reasons")
    void largePlanBecomesOneChange() throws SQLException {
        byte[] plan = TerraformPlanJson.plan(TerraformPlanJson.Options.defaults().environment("production")
                .unchangedInstances(70).unique(Fixtures.unique("")));
        assertTrue(plan.length > 300_000 && plan.length < OpsSightServer.SHARED_MAX_BODY, "plan size " + plan.length);

        Http.Answer answer = post(plan, "shop-prod");

        assertEquals(202, answer.status(), answer::toString);
        assertEquals("accepted", answer.json().getString("status"));
        Change change = onlyChange();
        assertEquals("sha256:" + sha256(plan), change.externalId(), "the content hash identifies the plan");
        assertEquals("shop-prod", change.workspace(), "the header wins over variables.environment");
        assertEquals("1.8.5", change.terraformVersion());
        assertEquals(1, change.creates());
        assertEquals(2, change.updates());
        assertEquals(1, change.deletes());
        assertEquals(2, change.replaces());
        assertTrue(change.productionTouched());
        assertTrue(change.productionReason().startsWith("workspace 'shop-prod'; variable environment = 'production'; "),
                change.productionReason());
        assertTrue(change.productionReason().contains("module.db.aws_db_instance.main tags.Environment = 'production'"),
                change.productionReason());
        assertEquals(TerraformPlanJson.changedResources(),
                TerraformPlanJson.resources(Json.createReader(new StringReader(change.resources())).readArray()),
                "no-op instances and records and the data source read are not listed");
        assertEquals(Instant.parse("2026-11-20T09:15:42Z"), change.plannedAt());
    }

    @Test
    @DisplayName("#5 the same plan posted twice is one change, and the second post is answered 200 duplicate")
    void samePlanTwiceIsOneChange() throws SQLException {
        byte[] plan = TerraformPlanJson.plan(TerraformPlanJson.Options.defaults().unchangedInstances(5)
                .unique(Fixtures.unique("")));

        Http.Answer first = post(plan, "shop-staging");
        Http.Answer again = post(plan, "shop-staging");

        assertEquals(202, first.status(), first::toString);
        assertEquals(200, again.status(), again::toString);
        assertEquals("duplicate", again.json().getString("status"));
        assertEquals(first.json().getJsonNumber("delivery").longValue(), again.json().getJsonNumber("delivery").longValue());
        onlyChange();
    }

    @Test
    @DisplayName("#5 without header and timestamp (Terraform < 1.5): workspace from variables, planned when received")
    void olderPlanWithoutHeaderOrTimestamp() throws SQLException {
        byte[] plan = TerraformPlanJson.plan(TerraformPlanJson.Options.defaults().terraformVersion("1.4.6").timestamp(null)
                .environment("staging").unchangedInstances(3).unique(Fixtures.unique("")));

        Http.Answer answer = post(plan, null);

        assertEquals(202, answer.status(), answer::toString);
        Change change = onlyChange();
        assertEquals("staging", change.workspace());
        assertEquals("1.4.6", change.terraformVersion());
        assertFalse(change.productionTouched(), "drift outside Terraform mentioning production does not count");
        assertNull(change.productionReason());
        assertEquals(receivedAt(), change.plannedAt());
    }

    @Test
    @DisplayName("#5 a staging plan that changes a resource tagged Environment=production touches production")
    void productionByResourceTag() throws SQLException {
        byte[] plan = TerraformPlanJson.plan(TerraformPlanJson.Options.defaults().environment("staging")
                .databaseEnvironmentTag("production").unchangedInstances(2).unique(Fixtures.unique("")));

        post(plan, "shop-staging");

        Change change = onlyChange();
        assertTrue(change.productionTouched());
        assertEquals("module.db.aws_db_instance.main tags.Environment = 'production'; "
                + "module.db.aws_db_instance.main tags_all.Environment = 'production'", change.productionReason());
    }

    @Test
    @DisplayName("#5 a wrong bearer is 401 and nothing is stored")
    void wrongBearerIsRefused() throws SQLException {
        byte[] plan = TerraformPlanJson.plan(TerraformPlanJson.Options.defaults().unchangedInstances(1).unique(Fixtures.unique("")));
        Map<String, String> headers = headers("not-the-secret", "shop-prod");

        Http.Answer answer = http.postRaw(source.ingestPath(), headers, plan);

        assertEquals(401, answer.status(), answer::toString);
        assertEquals("application/problem+json", answer.contentType());
        assertEquals(0, count("select count(*) from delivery d join source s on s.id = d.source_id where s.name = ?"));
        assertEquals(0, count("select count(*) from infra_change where origin = 'terraform:' || ?"));
    }

    @Test
    @DisplayName("#5 JSON that is not a plan is kept as a dead letter with the reason")
    void notAPlanIsDeadLettered() throws SQLException {
        byte[] state = """
                {"version": 4, "terraform_version": "1.8.5", "serial": 42, "lineage": "5a1f0c8e-3b7d-4f1e-9a2c-6d8e0f1a2b3c",
                 "outputs": {}, "resources": [], "check_results": null}
                """.getBytes(StandardCharsets.UTF_8);

        Http.Answer answer = post(state, null);

        assertEquals(202, answer.status(), answer::toString);
        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement("select d.status, d.error from delivery d join source s on s.id = d.source_id "
                        + "where s.name = ?")) {
            s.setString(1, source.name());
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("DEAD_LETTER", rs.getString("status"));
                assertTrue(rs.getString("error").contains("terraform show -json"), rs.getString("error"));
            }
        }
        assertEquals(0, count("select count(*) from infra_change where origin = 'terraform:' || ?"));
    }

    private Http.Answer post(byte[] plan, String workspace) {
        return http.postRaw(source.ingestPath(), headers(source.secret(), workspace), plan);
    }

    /** What the documented curl call sends. */
    private static Map<String, String> headers(String secret, String workspace) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + secret);
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "curl/8.5.0");
        if (workspace != null) {
            headers.put("X-OpsSight-Workspace", workspace);
        }
        return headers;
    }

    private Change onlyChange() throws SQLException {
        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement("select * from infra_change where origin = ?")) {
            s.setString(1, "terraform:" + source.name());
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "one infrastructure change");
                Change change = new Change(rs.getString("external_id"), rs.getString("workspace"), rs.getString("terraform_version"),
                        rs.getInt("creates"), rs.getInt("updates"), rs.getInt("deletes"), rs.getInt("replaces"),
                        rs.getBoolean("production_touched"), rs.getString("production_reason"), rs.getString("resources"),
                        rs.getTimestamp("planned_at").toInstant());
                assertFalse(rs.next(), "only one infrastructure change");
                return change;
            }
        }
    }

    private Instant receivedAt() throws SQLException {
        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement("select d.received_at from delivery d join source s on s.id = d.source_id "
                        + "where s.name = ?")) {
            s.setString(1, source.name());
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private int count(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(server.database()); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, source.name());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
