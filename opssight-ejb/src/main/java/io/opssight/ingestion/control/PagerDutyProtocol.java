package io.opssight.ingestion.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * PagerDuty v3 signs: {@code X-PagerDuty-Signature: v1=<hex>[,v1=<hex>...]}, any one valid (secret
 * rotation). It has no delivery header (its {@code X-Webhook-Id} identifies the webhook, not the
 * event), but every event carries a unique {@code event.id} in the body, kept on retries.
 */
final class PagerDutyProtocol implements SourceProtocol {

    @Override
    public boolean authentic(String secret, Headers headers, byte[] body) {
        String header = headers.get("X-PagerDuty-Signature");
        if (header == null) {
            return false;
        }
        byte[] expected = DeliveryAuthenticator.hmacSha256(secret, body);
        boolean any = false;
        for (String part : header.split(",")) {
            String candidate = part.trim();
            if (candidate.startsWith("v1=")) {
                // Evaluate every signature, so the time does not tell which one matched.
                any |= DeliveryAuthenticator.hexEquals(expected, candidate.substring(3));
            }
        }
        return any;
    }

    @Override
    public String expectation() {
        return "expected X-PagerDuty-Signature with a v1= HMAC-SHA256 of the body under the source's secret";
    }

    /**
     * The body's {@code event.id} (already authenticated, not yet stored); null when the body is not
     * JSON or has none, so it still gets the content-hash key and is kept.
     */
    @Override
    public String deliveryId(Headers headers, byte[] body) {
        try {
            // Read as sent (Payloads.string refuses a NUL): an id with one is answered 400 by DeliveryKeys.
            JsonObject event = Payloads.object(Payloads.parse(body), "event");
            JsonValue id = event == null ? null : event.get("id");
            return id instanceof JsonString text ? text.getString().trim()
                    : id != null && id.getValueType() == JsonValue.ValueType.NUMBER ? id.toString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public Set<String> keptHeaders() {
        return Set.of("x-pagerduty-signature", "x-webhook-id", "x-webhook-subscription");
    }

    @Override
    public String deliveryIdName() {
        return "event.id";
    }

    @Override
    public String howTo() {
        return "PagerDuty: Integrations → Generic Webhooks (v3) with the URL above; PagerDuty shows its signing "
                + "secret once: enter that secret when you create this source.";
    }
}
