package io.opssight.ingestion.control;

import static io.opssight.ingestion.control.Deliveries.body;
import static io.opssight.ingestion.control.Deliveries.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.ingestion.entity.SourceKind;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("#2 DeliveryKeys: how a redelivery is recognised as a duplicate")
class DeliveryKeysTest {

    private static final byte[] BODY = body("{\"alerts\":[{\"status\":\"firing\"}]}");

    @Test
    @DisplayName("#2 GitHub: the X-GitHub-Delivery id, so a redelivery of a changed body is still the same delivery")
    void gitHubUsesDeliveryId() {
        String id = UUID.randomUUID().toString();

        String first = Deliveries.keyOf(SourceKind.GITHUB, headers("X-GitHub-Delivery", id), BODY);
        String again = Deliveries.keyOf(SourceKind.GITHUB, headers("x-github-delivery", id), body("{}"));

        assertEquals("id:" + id, first);
        assertEquals(first, again);
    }

    @Test
    @DisplayName("#2 GitHub: different delivery ids of the same body are different deliveries")
    void gitHubDifferentIdsDiffer() {
        assertNotEquals(
                Deliveries.keyOf(SourceKind.GITHUB, headers("X-GitHub-Delivery", UUID.randomUUID().toString()), BODY),
                Deliveries.keyOf(SourceKind.GITHUB, headers("X-GitHub-Delivery", UUID.randomUUID().toString()), BODY));
    }

    @Test
    @DisplayName("#2 GitLab: Idempotency-Key is preferred over X-Gitlab-Event-UUID")
    void gitLabPrefersIdempotencyKey() {
        String idempotency = UUID.randomUUID().toString();
        String eventUuid = UUID.randomUUID().toString();

        String key = Deliveries.keyOf(SourceKind.GITLAB,
                headers("X-Gitlab-Event-UUID", eventUuid, "Idempotency-Key", idempotency), BODY);

        assertEquals("id:" + idempotency, key);
    }

    @Test
    @DisplayName("#2 GitLab: without Idempotency-Key, X-Gitlab-Event-UUID is the key")
    void gitLabFallsBackToEventUuid() {
        String eventUuid = UUID.randomUUID().toString();

        assertEquals("id:" + eventUuid, Deliveries.keyOf(SourceKind.GITLAB, headers("X-Gitlab-Event-UUID", eventUuid), BODY));
        assertEquals("id:" + eventUuid, Deliveries.keyOf(SourceKind.GITLAB,
                headers("Idempotency-Key", "  ", "X-Gitlab-Event-UUID", eventUuid), BODY), "a blank key counts as absent");
    }

    @ParameterizedTest(name = "#2 {0}: equal bodies have equal keys, different bodies different ones")
    @EnumSource(value = SourceKind.class, names = {"PAGERDUTY", "JENKINS", "ALERTMANAGER", "ARGOCD", "AWX", "TERRAFORM"})
    @DisplayName("#2 tools without a delivery id: a content hash, so only an identical retry is a duplicate")
    void contentHashForToolsWithoutDeliveryId(SourceKind kind) {
        String key = Deliveries.keyOf(kind, headers("X-Webhook-Id", "same-webhook"), BODY);
        String sameBodyAgain = Deliveries.keyOf(kind, headers("X-Webhook-Id", "same-webhook"), BODY.clone());
        String otherBody = Deliveries.keyOf(kind, headers("X-Webhook-Id", "same-webhook"), body("{\"alerts\":[]}"));

        assertTrue(key.matches("sha256:[0-9a-f]{64}"), key);
        assertEquals(key, sameBodyAgain);
        assertNotEquals(key, otherBody, "PagerDuty's X-Webhook-Id names the webhook, not the event");
    }

    @Test
    @DisplayName("#2 GitHub and GitLab without an id header fall back to the content hash")
    void missingIdFallsBackToHash() {
        String expected = "sha256:" + DeliveryKeys.sha256Hex(BODY);

        assertEquals(expected, Deliveries.keyOf(SourceKind.GITHUB, headers(), BODY));
        assertEquals(expected, Deliveries.keyOf(SourceKind.GITLAB, headers(), BODY));
    }

    @Test
    @DisplayName("#2 an id longer than 100 characters is not trusted as a key; the content hash is used")
    void overlongIdFallsBackToHash() {
        String longId = "x".repeat(101);

        assertEquals("sha256:" + DeliveryKeys.sha256Hex(BODY), Deliveries.keyOf(SourceKind.GITHUB, headers("X-GitHub-Delivery", longId),
                BODY));
        assertEquals("id:" + "x".repeat(100), Deliveries.keyOf(SourceKind.GITHUB, headers("X-GitHub-Delivery", "x".repeat(100)), BODY));
    }

    @Test
    @DisplayName("#2 the content hash is the SHA-256 of the raw body")
    void contentHashIsSha256() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", DeliveryKeys.sha256Hex(new byte[0]));
    }

    @Test
    @DisplayName("#2 the event type comes from GitHub's and GitLab's event headers only")
    void eventType() {
        assertEquals("deployment_status", Deliveries.eventTypeOf(SourceKind.GITHUB, headers("X-GitHub-Event", "deployment_status")));
        assertEquals("Pipeline Hook", Deliveries.eventTypeOf(SourceKind.GITLAB, headers("X-Gitlab-Event", "Pipeline Hook")));
        assertNull(Deliveries.eventTypeOf(SourceKind.JENKINS, headers("X-GitHub-Event", "push")));
    }
}
