package io.opssight.ingestion.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opssight.ingestion.control.PushRequests.NaturalKey;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pins the canonical stored body of representative pushes byte for byte: content-hash
 * de-duplication and Idempotency-Key repeats compare against bodies stored before an upgrade.
 * The expected bodies were captured from the code path before the typed push commands (the wire
 * object through Payara's JSON-B, 6.2025.10, to JSON-P, then PushRequests); the *_WIRE strings are
 * that JSON-B form: lexicographic property order, nulls left out, instants as ISO-8601.
 */
@DisplayName("#3 canonical push bodies stay byte-identical")
class PushBodiesTest {

    static final String ORIGIN = "push:deploy-bot";

    static final PushRequests.DeploymentKeys KEYS = id -> id == 41 ? new NaturalKey("github:acme", "1873342") : null;

    static final String D1_WIRE = "{\"environment\":\"production\",\"service\":\"checkout\"}";
    static final String D1 = "{\"environment\":\"production\",\"service\":\"checkout\",\"origin\":\"push:deploy-bot\",\"sta"
            + "tus\":\"success\"}";

    static final String D2_WIRE = "{\"commits\":[{\"author\":\"bob\",\"committedAt\":\"2026-03-02T09:10:00Z\",\"message\":\"Fix "
            + "cart\",\"sha\":\"9fceb02d0ae598e95dc970b74767f19372d61af8\"},{\"author\":\"carol\",\"commi"
            + "ttedAt\":\"2026-03-02T11:42:00Z\",\"sha\":\"b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327\"}"
            + ",{\"committedAt\":\"2026-03-01T16:05:00Z\",\"message\":\"Ünïcode \\\"quoted\\\"\\nline\",\"sha"
            + "\":\"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c\"}],\"createdAt\":\"2026-03-02T11:50:00Z"
            + "\",\"creator\":\"alice\",\"environment\":\"production\",\"externalId\":\"deploy-77\",\"finishe"
            + "dAt\":\"2026-03-02T12:01:30.123456789Z\",\"origin\":\"spinnaker:prod\",\"production\":tru"
            + "e,\"ref\":\"refs/heads/main\",\"repository\":\"acme/checkout\",\"service\":\"checkout\",\"sta"
            + "rtedAt\":\"2026-03-02T11:55:00.120Z\",\"status\":\"success\",\"url\":\"https://ci.example."
            + "com/d/77\",\"version\":\"1.4.2\"}";
    static final String D2 = "{\"commits\":[{\"author\":\"bob\",\"committedAt\":\"2026-03-02T09:10:00Z\",\"message\":\"Fix "
            + "cart\",\"sha\":\"9fceb02d0ae598e95dc970b74767f19372d61af8\"},{\"author\":\"carol\",\"commi"
            + "ttedAt\":\"2026-03-02T11:42:00Z\",\"sha\":\"b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327\"}"
            + ",{\"committedAt\":\"2026-03-01T16:05:00Z\",\"message\":\"Ünïcode \\\"quoted\\\"\\nline\",\"sha"
            + "\":\"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c\"}],\"createdAt\":\"2026-03-02T11:50:00Z"
            + "\",\"creator\":\"alice\",\"environment\":\"production\",\"externalId\":\"deploy-77\",\"finishe"
            + "dAt\":\"2026-03-02T12:01:30.123456789Z\",\"origin\":\"spinnaker:prod\",\"production\":tru"
            + "e,\"ref\":\"refs/heads/main\",\"repository\":\"acme/checkout\",\"service\":\"checkout\",\"sta"
            + "rtedAt\":\"2026-03-02T11:55:00.120Z\",\"status\":\"success\",\"url\":\"https://ci.example."
            + "com/d/77\",\"version\":\"1.4.2\",\"sha\":\"b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327\"}";

    static final String D3_WIRE = "{\"commits\":[{\"committedAt\":\"2026-03-02T11:42:00Z\",\"sha\":\"b6568db\"}],\"environment"
            + "\":\"staging\",\"production\":false,\"repository\":\"acme/billing\",\"service\":\"billing\",\""
            + "sha\":\"b6568db\",\"startedAt\":\"2026-03-02T10:00:00Z\",\"status\":\"in_progress\"}";
    static final String D3 = "{\"commits\":[{\"committedAt\":\"2026-03-02T11:42:00Z\",\"sha\":\"b6568db\"}],\"environment"
            + "\":\"staging\",\"production\":false,\"repository\":\"acme/billing\",\"service\":\"billing\",\""
            + "sha\":\"b6568db\",\"startedAt\":\"2026-03-02T10:00:00Z\",\"status\":\"in_progress\",\"origin"
            + "\":\"push:deploy-bot\"}";

    static final String D4_WIRE = "{\"commits\":[],\"environment\":\"production\",\"service\":\"search\",\"status\":\"failure\"}";
    static final String D4 = "{\"commits\":[],\"environment\":\"production\",\"service\":\"search\",\"status\":\"failure\",\""
            + "origin\":\"push:deploy-bot\"}";

    static final String I1_WIRE = "{\"title\":\"Checkout 5xx\"}";
    static final String I1 = "{\"title\":\"Checkout 5xx\",\"origin\":\"push:deploy-bot\",\"status\":\"triggered\"}";

    static final String I2_WIRE = "{\"causedBy\":{\"deploymentId\":41},\"openedAt\":\"2026-03-02T10:00:00Z\",\"resolvedAt\":\""
            + "2026-03-02T10:40:00.500Z\",\"service\":\"checkout\",\"severity\":\"P1\",\"title\":\"Checkout"
            + " 5xx\"}";
    static final String I2 = "{\"causedBy\":{\"deploymentId\":41,\"origin\":\"github:acme\",\"externalId\":\"1873342\"},\"o"
            + "penedAt\":\"2026-03-02T10:00:00Z\",\"resolvedAt\":\"2026-03-02T10:40:00.500Z\",\"service"
            + "\":\"checkout\",\"severity\":\"P1\",\"title\":\"Checkout 5xx\",\"origin\":\"push:deploy-bot\",\""
            + "status\":\"resolved\"}";

    static final String I3_WIRE = "{\"causedBy\":{\"externalId\":\"shop-1207\",\"origin\":\"argocd:prod\"},\"externalId\":\"OG-1"
            + "\",\"openedAt\":\"2026-03-02T10:00:00Z\",\"origin\":\"opsgenie:acme\",\"status\":\"acknowled"
            + "ged\",\"title\":\"Slow search\",\"url\":\"https://opsgenie.example.com/1\"}";
    static final String I3 = "{\"causedBy\":{\"origin\":\"argocd:prod\",\"externalId\":\"shop-1207\"},\"externalId\":\"OG-1"
            + "\",\"openedAt\":\"2026-03-02T10:00:00Z\",\"origin\":\"opsgenie:acme\",\"status\":\"acknowled"
            + "ged\",\"title\":\"Slow search\",\"url\":\"https://opsgenie.example.com/1\"}";

    static final String I4_WIRE = "{\"service\":\"s\",\"status\":\"resolved\",\"title\":\"Resolved\"}";
    static final String I4 = "{\"service\":\"s\",\"status\":\"resolved\",\"title\":\"Resolved\",\"origin\":\"push:deploy-bot\""
            + "}";

    static final String R1_WIRE = "{\"pipeline\":\"build\"}";
    static final String R1 = "{\"pipeline\":\"build\",\"origin\":\"push:deploy-bot\",\"status\":\"queued\"}";

    static final String R2_WIRE = "{\"branch\":\"main\",\"conclusion\":\"failure\",\"externalId\":\"run-9\",\"finishedAt\":\"2026-"
            + "03-02T10:09:00.010Z\",\"jobs\":[{\"conclusion\":\"failure\",\"finishedAt\":\"2026-03-02T10"
            + ":08:00Z\",\"name\":\"test\",\"startedAt\":\"2026-03-02T10:02:00Z\"},{\"conclusion\":\"succes"
            + "s\",\"name\":\"lint\",\"status\":\"completed\"},{\"name\":\"deploy\"}],\"origin\":\"buildkite:ac"
            + "me\",\"pipeline\":\"build\",\"queuedAt\":\"2026-03-02T10:00:00Z\",\"repository\":\"acme/chec"
            + "kout\",\"sha\":\"9fceb02d0ae598e95dc970b74767f19372d61af8\",\"startedAt\":\"2026-03-02T1"
            + "0:01:00Z\",\"url\":\"https://ci.example.com/r/9\"}";
    static final String R2 = "{\"branch\":\"main\",\"conclusion\":\"failure\",\"externalId\":\"run-9\",\"finishedAt\":\"2026-"
            + "03-02T10:09:00.010Z\",\"jobs\":[{\"conclusion\":\"failure\",\"finishedAt\":\"2026-03-02T10"
            + ":08:00Z\",\"name\":\"test\",\"startedAt\":\"2026-03-02T10:02:00Z\",\"status\":\"completed\"},"
            + "{\"conclusion\":\"success\",\"name\":\"lint\",\"status\":\"completed\"},{\"name\":\"deploy\",\"st"
            + "atus\":\"queued\"}],\"origin\":\"buildkite:acme\",\"pipeline\":\"build\",\"queuedAt\":\"2026-0"
            + "3-02T10:00:00Z\",\"repository\":\"acme/checkout\",\"sha\":\"9fceb02d0ae598e95dc970b74767"
            + "f19372d61af8\",\"startedAt\":\"2026-03-02T10:01:00Z\",\"url\":\"https://ci.example.com/r"
            + "/9\",\"status\":\"completed\"}";

    static final String R3_WIRE = "{\"jobs\":[],\"pipeline\":\"nightly\",\"startedAt\":\"2026-03-02T10:00:00Z\"}";
    static final String R3 = "{\"jobs\":[],\"pipeline\":\"nightly\",\"startedAt\":\"2026-03-02T10:00:00Z\",\"origin\":\"pus"
            + "h:deploy-bot\",\"status\":\"in_progress\"}";

    static final String R4_WIRE = "{\"jobs\":[{\"name\":\"package\",\"startedAt\":\"2026-03-02T10:00:00Z\"}],\"pipeline\":\"rele"
            + "ase\",\"status\":\"in_progress\"}";
    static final String R4 = "{\"jobs\":[{\"name\":\"package\",\"startedAt\":\"2026-03-02T10:00:00Z\",\"status\":\"in_progr"
            + "ess\"}],\"pipeline\":\"release\",\"status\":\"in_progress\",\"origin\":\"push:deploy-bot\"}";
    static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    @DisplayName("#3 deployments")
    void deployments() {
        assertEquals(D1, PushRequests.deployment(json(D1_WIRE), ORIGIN).toString());
        assertEquals(D2, PushRequests.deployment(json(D2_WIRE), ORIGIN).toString());
        assertEquals(D3, PushRequests.deployment(json(D3_WIRE), ORIGIN).toString());
        assertEquals(D4, PushRequests.deployment(json(D4_WIRE), ORIGIN).toString());
    }

    @Test
    @DisplayName("#3 incidents")
    void incidents() {
        assertEquals(I1, PushRequests.incident(json(I1_WIRE), ORIGIN, KEYS).toString());
        assertEquals(I2, PushRequests.incident(json(I2_WIRE), ORIGIN, KEYS).toString());
        assertEquals(I3, PushRequests.incident(json(I3_WIRE), ORIGIN, KEYS).toString());
        assertEquals(I4, PushRequests.incident(json(I4_WIRE), ORIGIN, KEYS).toString());
    }

    @Test
    @DisplayName("#3 pipeline runs")
    void pipelineRuns() {
        assertEquals(R1, PushRequests.pipelineRun(json(R1_WIRE), ORIGIN).toString());
        assertEquals(R2, PushRequests.pipelineRun(json(R2_WIRE), ORIGIN).toString());
        assertEquals(R3, PushRequests.pipelineRun(json(R3_WIRE), ORIGIN).toString());
        assertEquals(R4, PushRequests.pipelineRun(json(R4_WIRE), ORIGIN).toString());
    }
}
