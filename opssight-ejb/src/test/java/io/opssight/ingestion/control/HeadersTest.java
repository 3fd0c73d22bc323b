package io.opssight.ingestion.control;

import static io.opssight.ingestion.control.Deliveries.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#2 Headers: case-insensitive access, and what is stored with a delivery")
class HeadersTest {

    private static JsonObject kept(Headers headers) {
        return Json.createReader(new StringReader(headers.keptAsJson(Deliveries.KINDS.keptHeaders()))).readObject();
    }

    @Test
    @DisplayName("#2 names are case-insensitive; values are trimmed; blank values count as absent")
    void caseInsensitiveTrimmedBlankIsAbsent() {
        Headers h = headers("X-GitHub-Event", " deployment ", "X-Empty", "   ");

        assertEquals("deployment", h.get("x-github-event"));
        assertEquals("deployment", h.get("X-GITHUB-EVENT"));
        assertNull(h.get("X-Empty"));
        assertNull(h.get("X-Missing"));
    }

    @Test
    @DisplayName("#2 Authorization and X-Gitlab-Token are never stored, whatever their case")
    void secretsAreNeverKept() {
        Headers h = headers("Authorization", "Bearer s3cr3t-bearer", "X-Gitlab-Token", "s3cr3t-gitlab",
                "AUTHORIZATION", "Basic czNjcjN0", "x-gitlab-token", "s3cr3t-gitlab-2", "Cookie", "session=s3cr3t",
                "Content-Type", "application/json");

        String json = h.keptAsJson(Deliveries.KINDS.keptHeaders());

        assertFalse(json.toLowerCase(Locale.ROOT).contains("authorization"), json);
        assertFalse(json.toLowerCase(Locale.ROOT).contains("gitlab-token"), json);
        assertFalse(json.contains("s3cr3t"), json);
        assertEquals("application/json", kept(h).getString("content-type"));
    }

    @Test
    @DisplayName("#2 the tools' delivery and event headers are kept, under lower-case names")
    void deliveryHeadersAreKept() {
        Headers h = headers("X-GitHub-Event", "deployment_status", "X-GitHub-Delivery", "d-1",
                "X-Hub-Signature-256", "sha256=00", "X-Gitlab-Event-UUID", "u-1", "Idempotency-Key", "i-1",
                "X-PagerDuty-Signature", "v1=00", "User-Agent", "GitHub-Hookshot/abc", "X-Forwarded-For", "10.0.0.1");

        JsonObject json = kept(h);

        assertEquals("deployment_status", json.getString("x-github-event"));
        assertEquals("d-1", json.getString("x-github-delivery"));
        assertEquals("sha256=00", json.getString("x-hub-signature-256"));
        assertEquals("u-1", json.getString("x-gitlab-event-uuid"));
        assertEquals("i-1", json.getString("idempotency-key"));
        assertEquals("v1=00", json.getString("x-pagerduty-signature"));
        assertEquals("GitHub-Hookshot/abc", json.getString("user-agent"));
        assertFalse(json.containsKey("x-forwarded-for"), "headers not on the list are not kept");
        assertTrue(json.keySet().stream().allMatch(k -> k.equals(k.toLowerCase(Locale.ROOT))));
    }

    @Test
    @DisplayName("#2 no headers give an empty JSON object")
    void noHeadersIsEmptyObject() {
        assertEquals("{}", headers().keptAsJson(Deliveries.KINDS.keptHeaders()));
    }
}
