package io.opssight.ingestion.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opssight.deployment.rest.NewCommit;
import io.opssight.deployment.rest.NewDeployment;
import io.opssight.incident.rest.CauseReference;
import io.opssight.incident.rest.NewIncident;
import io.opssight.ingestion.control.PushRequests;
import io.opssight.ingestion.control.PushRequests.NaturalKey;
import io.opssight.pipeline.rest.NewPipelineJob;
import io.opssight.pipeline.rest.NewPipelineRun;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pins the canonical stored body of representative pushes byte for byte, from the wire object the
 * REST resources and the SOAP endpoint build to the body PushRequests makes of its push command:
 * content-hash de-duplication and Idempotency-Key repeats compare against bodies stored before an
 * upgrade. The expected bodies were captured from the path before the push commands (the same wire
 * objects through Payara 6.2025.10's JSON-B to JSON-P, then PushRequests on that JSON): JSON-B's
 * lexicographic order with nulls left out and ISO-8601 instants, then what PushRequests adds, in
 * place or at the end.
 */
@DisplayName("#3 canonical push bodies stay byte-identical")
class PushBodiesTest {

    static final String ORIGIN = "push:deploy-bot";

    static final PushRequests.DeploymentKeys KEYS = id -> id == 41 ? new NaturalKey("github:acme", "1873342") : null;

    static final String D1 = "{\"environment\":\"production\",\"service\":\"checkout\",\"origin\":\"push:deploy-bot\",\"status\":\"succ"
            + "ess\"}";

    static final String D2 = "{\"commits\":[{\"author\":\"bob\",\"committedAt\":\"2026-03-02T09:10:00Z\",\"message\":\"Fix cart\",\"sha"
            + "\":\"9fceb02d0ae598e95dc970b74767f19372d61af8\"},{\"author\":\"carol\",\"committedAt\":\"2026-03-02T"
            + "11:42:00Z\",\"sha\":\"b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327\"},{\"committedAt\":\"2026-03-01T16"
            + ":05:00Z\",\"message\":\"Ünïcode \\\"quoted\\\"\\nline\",\"sha\":\"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0f"
            + "d1c\"}],\"createdAt\":\"2026-03-02T11:50:00Z\",\"creator\":\"alice\",\"environment\":\"production\",\"ex"
            + "ternalId\":\"deploy-77\",\"finishedAt\":\"2026-03-02T12:01:30.123456789Z\",\"origin\":\"spinnaker:pr"
            + "od\",\"production\":true,\"ref\":\"refs/heads/main\",\"repository\":\"acme/checkout\",\"service\":\"chec"
            + "kout\",\"startedAt\":\"2026-03-02T11:55:00.120Z\",\"status\":\"success\",\"url\":\"https://ci.example."
            + "com/d/77\",\"version\":\"1.4.2\",\"sha\":\"b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327\"}";

    static final String D3 = "{\"commits\":[{\"committedAt\":\"2026-03-02T11:42:00Z\",\"sha\":\"b6568db\"}],\"environment\":\"staging"
            + "\",\"production\":false,\"repository\":\"acme/billing\",\"service\":\"billing\",\"sha\":\"b6568db\",\"star"
            + "tedAt\":\"2026-03-02T10:00:00Z\",\"status\":\"in_progress\",\"origin\":\"push:deploy-bot\"}";

    static final String D4 = "{\"commits\":[],\"environment\":\"production\",\"service\":\"search\",\"status\":\"failure\",\"origin\":\"p"
            + "ush:deploy-bot\"}";

    static final String I1 = "{\"title\":\"Checkout 5xx\",\"origin\":\"push:deploy-bot\",\"status\":\"triggered\"}";

    static final String I2 = "{\"causedBy\":{\"deploymentId\":41,\"origin\":\"github:acme\",\"externalId\":\"1873342\"},\"openedAt\":\""
            + "2026-03-02T10:00:00Z\",\"resolvedAt\":\"2026-03-02T10:40:00.500Z\",\"service\":\"checkout\",\"severi"
            + "ty\":\"P1\",\"title\":\"Checkout 5xx\",\"origin\":\"push:deploy-bot\",\"status\":\"resolved\"}";

    static final String I3 = "{\"causedBy\":{\"origin\":\"argocd:prod\",\"externalId\":\"shop-1207\"},\"externalId\":\"OG-1\",\"openedA"
            + "t\":\"2026-03-02T10:00:00Z\",\"origin\":\"opsgenie:acme\",\"status\":\"acknowledged\",\"title\":\"Slow s"
            + "earch\",\"url\":\"https://opsgenie.example.com/1\"}";

    static final String I4 = "{\"service\":\"s\",\"status\":\"resolved\",\"title\":\"Resolved\",\"origin\":\"push:deploy-bot\"}";

    static final String R1 = "{\"pipeline\":\"build\",\"origin\":\"push:deploy-bot\",\"status\":\"queued\"}";

    static final String R2 = "{\"branch\":\"main\",\"conclusion\":\"failure\",\"externalId\":\"run-9\",\"finishedAt\":\"2026-03-02T10:0"
            + "9:00.010Z\",\"jobs\":[{\"conclusion\":\"failure\",\"finishedAt\":\"2026-03-02T10:08:00Z\",\"name\":\"tes"
            + "t\",\"startedAt\":\"2026-03-02T10:02:00Z\",\"status\":\"completed\"},{\"conclusion\":\"success\",\"name\""
            + ":\"lint\",\"status\":\"completed\"},{\"name\":\"deploy\",\"status\":\"queued\"}],\"origin\":\"buildkite:acm"
            + "e\",\"pipeline\":\"build\",\"queuedAt\":\"2026-03-02T10:00:00Z\",\"repository\":\"acme/checkout\",\"sha\""
            + ":\"9fceb02d0ae598e95dc970b74767f19372d61af8\",\"startedAt\":\"2026-03-02T10:01:00Z\",\"url\":\"http"
            + "s://ci.example.com/r/9\",\"status\":\"completed\"}";

    static final String R3 = "{\"jobs\":[],\"pipeline\":\"nightly\",\"startedAt\":\"2026-03-02T10:00:00Z\",\"origin\":\"push:deploy-b"
            + "ot\",\"status\":\"in_progress\"}";

    static final String R4 = "{\"jobs\":[{\"name\":\"package\",\"startedAt\":\"2026-03-02T10:00:00Z\",\"status\":\"in_progress\"}],\"pi"
            + "peline\":\"release\",\"status\":\"in_progress\",\"origin\":\"push:deploy-bot\"}";

    static final String D5 = "{\"commits\":[null,{\"committedAt\":\"2026-03-02T09:10:00Z\",\"sha\":\"9fceb02\"}],\"environment\":\"pr"
            + "oduction\",\"repository\":\"acme/checkout\",\"service\":\"checkout\",\"origin\":\"push:deploy-bot\",\"st"
            + "atus\":\"success\",\"sha\":\"9fceb02\"}";

    static final String R5 = "{\"jobs\":[{\"finishedAt\":\"2026-03-02T10:00:00Z\",\"name\":\"unit\",\"status\":\"completed\"}],\"pipeli"
            + "ne\":\"build\",\"origin\":\"push:deploy-bot\",\"status\":\"queued\"}";

    static final String R6 = "{\"jobs\":[null],\"pipeline\":\"build\",\"origin\":\"push:deploy-bot\",\"status\":\"queued\"}";
    static Instant at(String text) {
        return Instant.parse(text);
    }

    static NewCommit commit(String sha, String committedAt, String message, String author) {
        NewCommit commit = new NewCommit();
        commit.setSha(sha);
        commit.setCommittedAt(at(committedAt));
        commit.setMessage(message);
        commit.setAuthor(author);
        return commit;
    }

    static NewDeployment deployment(String service, String environment) {
        NewDeployment deployment = new NewDeployment();
        deployment.setService(service);
        deployment.setEnvironment(environment);
        return deployment;
    }

    static String canonical(NewDeployment in) {
        return PushRequests.deployment(in.push(), ORIGIN).toString();
    }

    static String canonical(NewIncident in) {
        return PushRequests.incident(in.push(), ORIGIN, KEYS).toString();
    }

    static String canonical(NewPipelineRun in) {
        return PushRequests.pipelineRun(in.push(), ORIGIN).toString();
    }

    static NewIncident incident(String title) {
        NewIncident incident = new NewIncident();
        incident.setTitle(title);
        return incident;
    }

    static NewPipelineRun run(String pipeline) {
        NewPipelineRun run = new NewPipelineRun();
        run.setPipeline(pipeline);
        return run;
    }

    static NewPipelineJob job(String name) {
        NewPipelineJob job = new NewPipelineJob();
        job.setName(name);
        return job;
    }

    @Test
    @DisplayName("#3 deployments")
    void deployments() {
        assertEquals(D1, canonical(deployment("checkout", "production")));

        NewDeployment d2 = deployment("checkout", "production");
        d2.setVersion("1.4.2");
        d2.setRef("refs/heads/main");
        d2.setStatus("success");
        d2.setCreatedAt(at("2026-03-02T11:50:00Z"));
        d2.setStartedAt(at("2026-03-02T11:55:00.120Z"));
        d2.setFinishedAt(at("2026-03-02T12:01:30.123456789Z"));
        d2.setExternalId("deploy-77");
        d2.setOrigin("spinnaker:prod");
        d2.setUrl("https://ci.example.com/d/77");
        d2.setCreator("alice");
        d2.setProduction(true);
        d2.setRepository("acme/checkout");
        d2.setCommits(List.of(commit("9fceb02d0ae598e95dc970b74767f19372d61af8", "2026-03-02T09:10:00Z", "Fix cart", "bob"),
                commit("b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327", "2026-03-02T11:42:00Z", null, "carol"),
                commit("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c", "2026-03-01T16:05:00Z", "Ünïcode \"quoted\"\nline", null)));
        assertEquals(D2, canonical(d2));

        NewDeployment d3 = deployment("billing", "staging");
        d3.setStatus("in_progress");
        d3.setSha("b6568db");
        d3.setRepository("acme/billing");
        d3.setProduction(false);
        d3.setStartedAt(at("2026-03-02T10:00:00Z"));
        d3.setCommits(List.of(commit("b6568db", "2026-03-02T11:42:00Z", null, null)));
        assertEquals(D3, canonical(d3));

        NewDeployment d4 = deployment("search", "production");
        d4.setCommits(List.of());
        d4.setStatus("failure");
        assertEquals(D4, canonical(d4));

        NewDeployment d5 = deployment("checkout", "production");
        d5.setRepository("acme/checkout");
        d5.setCommits(Arrays.asList(null, commit("9fceb02", "2026-03-02T09:10:00Z", null, null)));
        assertEquals(D5, canonical(d5));
    }

    @Test
    @DisplayName("#3 incidents")
    void incidents() {
        assertEquals(I1, canonical(incident("Checkout 5xx")));

        NewIncident i2 = incident("Checkout 5xx");
        i2.setService("checkout");
        i2.setSeverity("P1");
        i2.setOpenedAt(at("2026-03-02T10:00:00Z"));
        i2.setResolvedAt(at("2026-03-02T10:40:00.5Z"));
        CauseReference byId = new CauseReference();
        byId.setDeploymentId(41L);
        i2.setCausedBy(byId);
        assertEquals(I2, canonical(i2));

        NewIncident i3 = incident("Slow search");
        i3.setStatus("acknowledged");
        i3.setOrigin("opsgenie:acme");
        i3.setExternalId("OG-1");
        i3.setUrl("https://opsgenie.example.com/1");
        i3.setOpenedAt(at("2026-03-02T10:00:00Z"));
        CauseReference byKey = new CauseReference();
        byKey.setOrigin("argocd:prod");
        byKey.setExternalId("shop-1207");
        i3.setCausedBy(byKey);
        assertEquals(I3, canonical(i3));

        NewIncident i4 = incident("Resolved");
        i4.setStatus("resolved");
        i4.setService("s");
        assertEquals(I4, canonical(i4));
    }

    @Test
    @DisplayName("#3 pipeline runs")
    void pipelineRuns() {
        assertEquals(R1, canonical(run("build")));

        NewPipelineRun r2 = run("build");
        r2.setRepository("acme/checkout");
        r2.setBranch("main");
        r2.setSha("9fceb02d0ae598e95dc970b74767f19372d61af8");
        r2.setConclusion("failure");
        r2.setQueuedAt(at("2026-03-02T10:00:00Z"));
        r2.setStartedAt(at("2026-03-02T10:01:00Z"));
        r2.setFinishedAt(at("2026-03-02T10:09:00.010Z"));
        r2.setExternalId("run-9");
        r2.setOrigin("buildkite:acme");
        r2.setUrl("https://ci.example.com/r/9");
        NewPipelineJob test = job("test");
        test.setConclusion("failure");
        test.setStartedAt(at("2026-03-02T10:02:00Z"));
        test.setFinishedAt(at("2026-03-02T10:08:00Z"));
        NewPipelineJob lint = job("lint");
        lint.setStatus("completed");
        lint.setConclusion("success");
        r2.setJobs(List.of(test, lint, job("deploy")));
        assertEquals(R2, canonical(r2));

        NewPipelineRun r3 = run("nightly");
        r3.setStartedAt(at("2026-03-02T10:00:00Z"));
        r3.setJobs(List.of());
        assertEquals(R3, canonical(r3));

        NewPipelineRun r4 = run("release");
        r4.setStatus("in_progress");
        NewPipelineJob pack = job("package");
        pack.setStartedAt(at("2026-03-02T10:00:00Z"));
        r4.setJobs(List.of(pack));
        assertEquals(R4, canonical(r4));

        NewPipelineRun r5 = run("build");
        NewPipelineJob unit = job("unit");
        unit.setFinishedAt(at("2026-03-02T10:00:00Z"));
        r5.setJobs(Arrays.asList(null, unit));
        assertEquals(R5, canonical(r5));

        NewPipelineRun r6 = run("build");
        r6.setJobs(Arrays.asList((NewPipelineJob) null));
        assertEquals(R6, canonical(r6));
    }
}
