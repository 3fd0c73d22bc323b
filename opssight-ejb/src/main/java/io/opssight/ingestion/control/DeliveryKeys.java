package io.opssight.ingestion.control;

import io.opssight.ingestion.entity.SourceKind;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The idempotency key of a delivery: the source's own delivery id where it has one (GitHub
 * redelivers with the same {@code X-GitHub-Delivery}; GitLab sends {@code Idempotency-Key} or
 * {@code X-Gitlab-Event-UUID}; PagerDuty's {@code X-Webhook-Id} identifies the webhook, not the
 * event, so it is not used), otherwise a SHA-256 of the body, so an identical retry is a duplicate.
 */
public final class DeliveryKeys {

    private DeliveryKeys() {
    }

    public static String keyOf(SourceKind kind, Headers headers, byte[] body) {
        String id = switch (kind) {
            case GITHUB -> headers.get("X-GitHub-Delivery");
            case GITLAB -> headers.get("Idempotency-Key") != null ? headers.get("Idempotency-Key") : headers.get("X-Gitlab-Event-UUID");
            default -> null;
        };
        if (id != null && id.length() <= 100) {
            return "id:" + id;
        }
        return "sha256:" + sha256Hex(body);
    }

    public static String eventTypeOf(SourceKind kind, Headers headers) {
        return switch (kind) {
            case GITHUB -> headers.get("X-GitHub-Event");
            case GITLAB -> headers.get("X-Gitlab-Event");
            default -> null;
        };
    }

    static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
