package io.opssight.ingestion.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.ingestion.control.PushRequests.NaturalKey;
import io.opssight.ingestion.entity.DeploymentPush;
import io.opssight.ingestion.entity.IncidentPush;
import io.opssight.ingestion.entity.PipelineRunPush;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("#3 PushRequests: checking pushes and making their canonical body")
class PushRequestsTest {

    private static final String ORIGIN = "push:deploy-bot";

    static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text.replace('\'', '"')))) {
            return reader.readObject();
        }
    }

    static DeploymentPush deployment(String text) {
        return PushCommands.deployment(json(text));
    }

    static IncidentPush incident(String text) {
        return PushCommands.incident(json(text));
    }

    static PipelineRunPush pipelineRun(String text) {
        return PushCommands.pipelineRun(json(text));
    }

    @Test
    @DisplayName("#3 the default origin is push:<token name>")
    void defaultOriginNamesTheToken() {
        assertEquals("push:deploy-bot", PushRequests.defaultOrigin("token:deploy-bot"));
        assertEquals("push:alice", PushRequests.defaultOrigin("alice"));
    }

    @Nested
    @DisplayName("#3 deployments")
    class Deployments {

        @Test
        @DisplayName("#3 without status it is a success, with the token's origin")
        void defaults() {
            JsonObject checked = PushRequests.deployment(deployment("{'service':'checkout','environment':'production'}"), ORIGIN);

            assertEquals("success", checked.getString("status"));
            assertEquals(ORIGIN, checked.getString("origin"));
            assertFalse(checked.containsKey("externalId"), "generated later, from the delivery key");
        }

        @Test
        @DisplayName("#3 a caller-given origin is kept")
        void callerOriginIsKept() {
            JsonObject checked = PushRequests.deployment(
                    deployment("{'service':'checkout','environment':'production','origin':'spinnaker:prod'}"), ORIGIN);

            assertEquals("spinnaker:prod", checked.getString("origin"));
        }

        @Test
        @DisplayName("#3 with commits and no sha, the newest commit is the one deployed")
        void shaDefaultsToNewestCommit() {
            JsonObject checked = PushRequests.deployment(deployment("{'service':'checkout','environment':'production',"
                    + "'repository':'acme/checkout','commits':["
                    + "{'sha':'9fceb02d0ae598e95dc970b74767f19372d61af8','committedAt':'2026-03-02T09:10:00Z'},"
                    + "{'sha':'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327','committedAt':'2026-03-02T11:42:00Z'},"
                    + "{'sha':'0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c','committedAt':'2026-03-01T16:05:00Z'}]}"), ORIGIN);

            assertEquals("b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327", checked.getString("sha"));
        }

        @Test
        @DisplayName("#3 commits without a repository, or a sha that is not among them, are refused")
        void commitsNeedRepositoryAndTheDeployedSha() {
            String commits = "'commits':[{'sha':'9fceb02d0ae598e95dc970b74767f19372d61af8','committedAt':'2026-03-02T09:10:00Z'}]";

            ValidationProblem noRepository = assertThrows(ValidationProblem.class, () -> PushRequests.deployment(
                    deployment("{'service':'checkout','environment':'production'," + commits + "}"), ORIGIN));
            ValidationProblem foreignSha = assertThrows(ValidationProblem.class, () -> PushRequests.deployment(
                    deployment("{'service':'checkout','environment':'production','repository':'acme/checkout',"
                            + "'sha':'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327'," + commits + "}"), ORIGIN));

            assertTrue(noRepository.getMessage().contains("repository"), noRepository.getMessage());
            assertTrue(foreignSha.getMessage().contains("not one of the commits"), foreignSha.getMessage());
        }

        @Test
        @DisplayName("#3 impossible times and a missing service are refused")
        void badTimesAndStatuses() {
            assertThrows(ValidationProblem.class, () -> PushRequests.deployment(deployment("{'service':'s','environment':'e',"
                    + "'startedAt':'2026-03-02T10:00:00Z','finishedAt':'2026-03-02T09:59:59Z'}"), ORIGIN));
            assertThrows(ValidationProblem.class, () -> PushRequests.deployment(deployment("{'service':'s','environment':'e',"
                    + "'status':'in_progress','finishedAt':'2026-03-02T09:59:59Z'}"), ORIGIN));
            assertThrows(ValidationProblem.class, () -> PushRequests.deployment(deployment("{'environment':'e'}"), ORIGIN));
            // Unknown status words and unreadable times are field rules: Bean Validation on the wire class (and JSON-B
            // reading it) refuses them before a push command exists (PushApiIT.badInputIs400).
        }

        @Test
        @DisplayName("#3 a token name too long to make an origin asks for an origin")
        void tooLongOrigin() {
            ValidationProblem problem = assertThrows(ValidationProblem.class, () -> PushRequests.deployment(
                    deployment("{'service':'s','environment':'e'}"), "push:" + "n".repeat(200)));

            assertTrue(problem.getMessage().contains("send an origin"), problem.getMessage());
        }
    }

    @Nested
    @DisplayName("#3 incidents")
    class Incidents {

        private final PushRequests.DeploymentKeys deployments =
                id -> id == 41 ? new NaturalKey("github:acme", "1873342") : null;

        @Test
        @DisplayName("#3 a cause named by deployment id is kept by its natural key, for replay")
        void causeByIdBecomesNaturalKey() {
            JsonObject checked = PushRequests.incident(incident("{'title':'Checkout 5xx','causedBy':{'deploymentId':41}}"),
                    ORIGIN, deployments);

            JsonObject cause = checked.getJsonObject("causedBy");
            assertEquals("github:acme", cause.getString("origin"));
            assertEquals("1873342", cause.getString("externalId"));
            assertEquals("triggered", checked.getString("status"));
        }

        @Test
        @DisplayName("#3 an unknown deployment id, both kinds of reference, or half a natural key are refused")
        void badCauses() {
            ValidationProblem unknown = assertThrows(ValidationProblem.class, () -> PushRequests.incident(
                    incident("{'title':'t','causedBy':{'deploymentId':42}}"), ORIGIN, deployments));
            assertTrue(unknown.getMessage().contains("no deployment 42"), unknown.getMessage());
            assertThrows(ValidationProblem.class, () -> PushRequests.incident(
                    incident("{'title':'t','causedBy':{'deploymentId':41,'origin':'github:acme','externalId':'1'}}"), ORIGIN,
                    deployments));
            assertThrows(ValidationProblem.class, () -> PushRequests.incident(
                    incident("{'title':'t','causedBy':{'origin':'github:acme'}}"), ORIGIN, deployments));
            assertThrows(ValidationProblem.class, () -> PushRequests.incident(incident("{'title':'t','causedBy':{}}"), ORIGIN,
                    deployments));
        }

        @Test
        @DisplayName("#3 a cause named by natural key need not exist yet (it is linked when it arrives)")
        void causeByNaturalKeyMayArriveLater() {
            JsonObject checked = PushRequests.incident(
                    incident("{'title':'t','causedBy':{'origin':'argocd:prod','externalId':'shop-1207'}}"), ORIGIN, id -> null);

            assertEquals("shop-1207", checked.getJsonObject("causedBy").getString("externalId"));
        }

        @Test
        @DisplayName("#3 resolvedAt makes it resolved, and must not precede the opening")
        void resolvedAt() {
            JsonObject checked = PushRequests.incident(
                    incident("{'title':'t','openedAt':'2026-03-02T10:00:00Z','resolvedAt':'2026-03-02T10:40:00Z'}"), ORIGIN,
                    deployments);

            assertEquals("resolved", checked.getString("status"));
            assertThrows(ValidationProblem.class, () -> PushRequests.incident(
                    incident("{'title':'t','openedAt':'2026-03-02T10:00:00Z','resolvedAt':'2026-03-02T09:40:00Z'}"), ORIGIN,
                    deployments));
            assertThrows(ValidationProblem.class, () -> PushRequests.incident(
                    incident("{'title':'t','status':'acknowledged','resolvedAt':'2026-03-02T10:40:00Z'}"), ORIGIN, deployments));
        }

        @Test
        @DisplayName("#3 a resolution without a time leaves it to the delivery's receive time")
        void resolution() {
            NaturalKey incident = new NaturalKey("pagerduty:acme", "Q2T5SL1N4SZ2T9");

            assertNull(PushRequests.resolution(incident, null).get("resolvedAt"));
            assertEquals("2026-03-02T10:40:00Z", PushRequests.resolution(incident, Instant.parse("2026-03-02T10:40:00Z"))
                    .getString("resolvedAt"));
            assertEquals(incident, PushRequests.keyOf(PushRequests.resolution(incident, null)));
        }
    }

    @Nested
    @DisplayName("#3 pipeline runs")
    class PipelineRuns {

        @Test
        @DisplayName("#3 the status follows from what is given when it is left out")
        void statusFollowsFromTimes() {
            assertEquals("completed", PushRequests.pipelineRun(pipelineRun("{'pipeline':'build','conclusion':'success'}"), ORIGIN)
                    .getString("status"));
            assertEquals("in_progress", PushRequests.pipelineRun(
                    pipelineRun("{'pipeline':'build','startedAt':'2026-03-02T10:00:00Z'}"), ORIGIN).getString("status"));
            assertEquals("queued", PushRequests.pipelineRun(pipelineRun("{'pipeline':'build'}"), ORIGIN).getString("status"));
            JsonObject withJobs = PushRequests.pipelineRun(pipelineRun("{'pipeline':'build','jobs':[{'name':'test',"
                    + "'conclusion':'failure'}]}"), ORIGIN);
            assertEquals("completed", withJobs.getJsonArray("jobs").getJsonObject(0).getString("status"));
        }

        @Test
        @DisplayName("#3 a conclusion before completion and duplicate job names are refused")
        void refusals() {
            assertThrows(ValidationProblem.class, () -> PushRequests.pipelineRun(
                    pipelineRun("{'pipeline':'build','status':'in_progress','conclusion':'success'}"), ORIGIN));
            // An unknown conclusion is a field rule, Bean Validation's on the wire class (PushApiIT.badInputIs400).
            ValidationProblem twice = assertThrows(ValidationProblem.class, () -> PushRequests.pipelineRun(
                    pipelineRun("{'pipeline':'build','jobs':[{'name':'test'},{'name':'test'}]}"), ORIGIN));
            assertTrue(twice.getMessage().contains("'test' appears twice"), twice.getMessage());
        }
    }
}
