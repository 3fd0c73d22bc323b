package io.opssight.ingestion.control;

import io.opssight.ingestion.entity.SourceKind;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The idempotency key of a delivery: the source's own delivery id where it has one (GitHub
 * redelivers with the same {@code X-GitHub-Delivery}; GitLab sends {@code Idempotency-Key} or
 * {@code X-Gitlab-Event-UUID}; PagerDuty V3 has no delivery header (its {@code X-Webhook-Id}
 * identifies the webhook, not the event) but every event carries a unique {@code event.id} in the
 * body, kept on retries), otherwise a SHA-256 of the body, so an identical retry is a duplicate.
 * Jenkins and Alertmanager send no id: their phases and repeat notifications are different bodies.
 */
public final class DeliveryKeys {

    private DeliveryKeys() {
    }

    /**
     * A delivery's key, and what is wrong with the sender's own id when it cannot be one (it holds
     * control characters, NUL among them, which PostgreSQL cannot store and no tool sends): such a
     * delivery is keyed by its content hash and kept as a dead letter, answered 400.
     */
    public record Key(String value, String problem) {
    }

    public static String keyOf(SourceKind kind, Headers headers, byte[] body) {
        return key(kind, headers, body).value();
    }

    public static Key key(SourceKind kind, Headers headers, byte[] body) {
        String id = switch (kind) {
            case GITHUB -> headers.get("X-GitHub-Delivery");
            case GITLAB -> headers.get("Idempotency-Key") != null ? headers.get("Idempotency-Key") : headers.get("X-Gitlab-Event-UUID");
            case PAGERDUTY -> pagerDutyEventId(body);
            default -> null;
        };
        String hash = "sha256:" + sha256Hex(body);
        if (id != null && id.chars().anyMatch(Character::isISOControl)) {
            return new Key(hash, (kind == SourceKind.PAGERDUTY ? "event.id" : "The delivery id")
                    + " holds control characters and cannot identify a delivery");
        }
        if (id != null && !id.isBlank() && id.length() <= 100) {
            return new Key("id:" + id, null);
        }
        return new Key(hash, null);
    }

    public static String eventTypeOf(SourceKind kind, Headers headers) {
        return switch (kind) {
            case GITHUB -> headers.get("X-GitHub-Event");
            case GITLAB -> headers.get("X-Gitlab-Event");
            default -> null;
        };
    }

    /**
     * PagerDuty's {@code event.id}, read from the body (already authenticated, not yet stored); null
     * when the body is not JSON or has none, so it still gets the content-hash key and is kept.
     */
    static String pagerDutyEventId(byte[] body) {
        try {
            // Read as sent (Payloads.string refuses a NUL): an id with one is answered 400 by key().
            JsonObject event = Payloads.object(Payloads.parse(body), "event");
            JsonValue id = event == null ? null : event.get("id");
            return id instanceof JsonString text ? text.getString().trim()
                    : id != null && id.getValueType() == JsonValue.ValueType.NUMBER ? id.toString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
