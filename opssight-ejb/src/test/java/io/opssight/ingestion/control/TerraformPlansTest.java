package io.opssight.ingestion.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#5 TerraformPlans: counting a plan's changes and telling whether it touches production")
class TerraformPlansTest {

    private static JsonObject mixedPlan() {
        try (InputStream in = TerraformPlansTest.class.getResourceAsStream("/terraform/plan-mixed.json");
                JsonReader reader = Json.createReader(in)) {
            return reader.readObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** A plan with one resource change whose before/after carry the given tag maps. */
    private static JsonObject planWith(String actions, String tagsBefore, String tagsAfter, String variables) {
        return json("""
                {"format_version":"1.2","terraform_version":"1.8.2","variables":%s,
                 "resource_changes":[{"address":"google_compute_instance.api","mode":"managed","type":"google_compute_instance",
                   "name":"api","provider_name":"registry.terraform.io/hashicorp/google",
                   "change":{"actions":%s,"before":%s,"after":%s,"after_unknown":{}}}]}
                """.formatted(variables, actions, tagsBefore, tagsAfter));
    }

    @Test
    @DisplayName("#5 create, update, delete and both replace orders are counted; no-op and read are not")
    void countsEachKindOfAction() {
        TerraformPlans.Summary summary = TerraformPlans.summarize(mixedPlan(), null);

        assertEquals(1, summary.creates(), "aws_s3_bucket.assets");
        assertEquals(2, summary.updates(), "aws_security_group.web and module.db.aws_db_instance.main");
        assertEquals(1, summary.deletes(), "aws_iam_role_policy.legacy");
        assertEquals(2, summary.replaces(), "[delete,create] and [create,delete]");
        assertEquals("1.7.5", summary.terraformVersion());
    }

    @Test
    @DisplayName("#5 changed resources are listed with their actions, in plan order; unchanged ones are not")
    void listsChangedResources() {
        JsonArray resources = Json.createReader(new StringReader(TerraformPlans.summarize(mixedPlan(), null).resources()))
                .readArray();

        List<String> addresses = resources.getValuesAs(JsonObject.class).stream().map(r -> r.getString("address")).toList();
        assertEquals(List.of("aws_security_group.web", "aws_instance.web[0]", "aws_instance.web[1]", "aws_s3_bucket.assets",
                "aws_iam_role_policy.legacy", "module.db.aws_db_instance.main"), addresses);
        assertEquals(Json.createArrayBuilder().add("create").add("delete").build(),
                resources.getJsonObject(2).getJsonArray("actions"));
    }

    @Test
    @DisplayName("#5 a staging plan does not touch production, even if drift outside Terraform mentions production")
    void stagingPlanIsNotProduction() {
        TerraformPlans.Summary summary = TerraformPlans.summarize(mixedPlan(), null);

        assertFalse(summary.productionTouched());
        assertNull(summary.productionReason());
        assertEquals("staging", summary.workspace(), "from variables.environment");
    }

    @Test
    @DisplayName("#5 the workspace header wins over the plan's variables and names production")
    void workspaceHeaderWinsAndNamesProduction() {
        TerraformPlans.Summary summary = TerraformPlans.summarize(mixedPlan(), "prod-eu");

        assertEquals("prod-eu", summary.workspace());
        assertTrue(summary.productionTouched());
        assertEquals("workspace 'prod-eu'", summary.productionReason());
    }

    @Test
    @DisplayName("#5 a production environment or workspace variable touches production")
    void productionVariables() {
        TerraformPlans.Summary byEnvironment = TerraformPlans.summarize(
                planWith("[\"update\"]", "{}", "{}", "{\"environment\":{\"value\":\"production\"}}"), null);
        TerraformPlans.Summary byWorkspace = TerraformPlans.summarize(
                planWith("[\"update\"]", "{}", "{}", "{\"workspace\":{\"value\":\"live\"}}"), null);

        assertTrue(byEnvironment.productionTouched());
        assertEquals("variable environment = 'production'", byEnvironment.productionReason());
        assertEquals("production", byEnvironment.workspace());
        assertTrue(byWorkspace.productionTouched());
        assertEquals("variable workspace = 'live'", byWorkspace.productionReason());
        assertEquals("live", byWorkspace.workspace());
    }

    @Test
    @DisplayName("#5 a changed resource labelled env=prod touches production, and the reason names it")
    void productionLabelOnChangedResource() {
        TerraformPlans.Summary summary = TerraformPlans.summarize(planWith("[\"update\"]",
                "{\"machine_type\":\"e2-small\",\"labels\":{\"env\":\"prod\",\"team\":\"payments\"}}",
                "{\"machine_type\":\"e2-medium\",\"labels\":{\"env\":\"prod\",\"team\":\"payments\"}}",
                "{\"project\":{\"value\":\"acme-payments\"}}"), null);

        assertTrue(summary.productionTouched());
        assertEquals("google_compute_instance.api labels.env = 'prod'", summary.productionReason());
        assertNull(summary.workspace());
    }

    @Test
    @DisplayName("#5 AWS default tags count: Environment=production only in tags_all")
    void defaultTagsInTagsAll() {
        TerraformPlans.Summary summary = TerraformPlans.summarize(planWith("[\"create\"]", "null",
                "{\"tags\":null,\"tags_all\":{\"Environment\":\"Production\",\"ManagedBy\":\"terraform\"}}", "{}"), null);

        assertTrue(summary.productionTouched());
        assertEquals("google_compute_instance.api tags_all.Environment = 'Production'", summary.productionReason());
    }

    @Test
    @DisplayName("#5 deleting a production resource touches production (the tag is only in before)")
    void deletionOfProductionResource() {
        TerraformPlans.Summary summary = TerraformPlans.summarize(planWith("[\"delete\"]",
                "{\"tags\":{\"Environment\":\"production\"}}", "null", "{}"), null);

        assertTrue(summary.productionTouched());
        assertEquals(1, summary.deletes());
    }

    @Test
    @DisplayName("#5 an unchanged (no-op) production resource does not make the plan touch production")
    void noOpProductionResourceIsNotTouched() {
        TerraformPlans.Summary summary = TerraformPlans.summarize(planWith("[\"no-op\"]",
                "{\"tags\":{\"Environment\":\"production\"}}", "{\"tags\":{\"Environment\":\"production\"}}", "{}"), null);

        assertFalse(summary.productionTouched());
        assertEquals("[]", summary.resources());
        assertEquals(0, summary.creates() + summary.updates() + summary.deletes() + summary.replaces());
    }

    @Test
    @DisplayName("#5 tag values that merely contain 'prod' (product, preprod) are not production")
    void lookalikeValuesAreNotProduction() {
        TerraformPlans.Summary summary = TerraformPlans.summarize(planWith("[\"update\"]",
                "{\"tags\":{\"Environment\":\"preprod\",\"Product\":\"production-line\"}}",
                "{\"tags\":{\"Environment\":\"product\",\"Product\":\"production-line\"}}", "{}"), null);

        assertFalse(summary.productionTouched(), summary::productionReason);
    }

    @Test
    @DisplayName("#5 forget (removed block) is listed but counted as nothing")
    void forgetIsListedNotCounted() {
        TerraformPlans.Summary summary = TerraformPlans.summarize(planWith("[\"forget\"]", "{}", "null", "{}"), null);

        assertEquals(0, summary.creates() + summary.updates() + summary.deletes() + summary.replaces());
        assertTrue(summary.resources().contains("forget"), summary.resources());
    }

    @Test
    @DisplayName("#5 every reason is given, each once, and the text stays within the column")
    void reasonsAreCombinedAndBounded() {
        JsonObjectBuilder plan = Json.createObjectBuilder().add("format_version", "1.2")
                .add("variables", Json.createObjectBuilder().add("environment", Json.createObjectBuilder().add("value", "prod")));
        var changes = Json.createArrayBuilder();
        for (int i = 0; i < 200; i++) {
            changes.add(Json.createObjectBuilder().add("address", "aws_instance.fleet[" + i + "]")
                    .add("change", Json.createObjectBuilder().add("actions", Json.createArrayBuilder().add("update"))
                            .add("before", Json.createObjectBuilder().add("tags", Json.createObjectBuilder().add("env", "production")))
                            .add("after", Json.createObjectBuilder().add("tags", Json.createObjectBuilder().add("env", "production")))));
        }
        TerraformPlans.Summary summary = TerraformPlans.summarize(plan.add("resource_changes", changes).build(), null);

        assertTrue(summary.productionReason().startsWith("variable environment = 'prod'; aws_instance.fleet[0] tags.env = 'production'; "),
                summary.productionReason());
        assertTrue(summary.productionReason().length() <= 1000);
        assertTrue(summary.productionReason().matches(".*; and \\d+ more$"), summary.productionReason());
        assertEquals(200, summary.updates());
    }

    @Test
    @DisplayName("#5 a plan with no changes is a valid, empty change")
    void emptyPlan() {
        TerraformPlans.Summary summary = TerraformPlans.summarize(json("""
                {"format_version":"1.2","terraform_version":"1.9.0","planned_values":{"root_module":{}},
                 "configuration":{"root_module":{}},"timestamp":"2024-07-01T08:00:00Z","applyable":false,"complete":true,"errored":false}
                """), null);

        assertEquals("[]", summary.resources());
        assertFalse(summary.productionTouched());
    }

    @Test
    @DisplayName("#5 a JSON body that is not a plan is refused with a reason (kept as a dead letter)")
    void notAPlan() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TerraformPlans.summarize(json("{\"hello\":\"world\"}"), null));
        assertTrue(e.getMessage().contains("terraform show -json"), e.getMessage());
    }

    @Test
    @DisplayName("#5 the workspace header is read back from the headers stored with the delivery")
    void workspaceHeaderFromStoredHeaders() {
        String stored = Deliveries.headers("X-OpsSight-Workspace", " production ", "Content-Type", "application/json",
                "Authorization", "Bearer secret").keptAsJson(Deliveries.KINDS.keptHeaders());

        assertEquals("production", TerraformNormalizer.workspaceHeader(stored));
        assertNull(TerraformNormalizer.workspaceHeader("{\"content-type\":\"application/json\"}"));
        assertNull(TerraformNormalizer.workspaceHeader("not json"));
        assertEquals(300, TerraformNormalizer.workspaceHeader(
                Deliveries.headers("X-OpsSight-Workspace", "w".repeat(400)).keptAsJson(Deliveries.KINDS.keptHeaders())).length());
    }
}
