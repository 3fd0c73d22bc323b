package io.opssight.ingestion.control;

import io.opssight.platform.entity.TextControls;
import java.util.HexFormat;

/**
 * The idempotency key of a delivery: the source's own delivery id where its {@link SourceProtocol}
 * has one (GitHub redelivers with the same {@code X-GitHub-Delivery}, PagerDuty keeps its
 * {@code event.id} on retries), otherwise a SHA-256 of the body, so an identical retry is a duplicate.
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

    public static Key key(SourceProtocol protocol, Headers headers, byte[] body) {
        String id = protocol.deliveryId(headers, body);
        if (TextControls.any(id, TextControls.Refused.ALL)) {
            return new Key(hashOf(body), protocol.deliveryIdName() + " holds control characters and cannot identify a delivery");
        }
        if (id != null && !id.isBlank() && id.length() <= 100) {
            return new Key("id:" + id, null);
        }
        return new Key(hashOf(body), null);
    }

    /** The content key; hashed only when it is the key (a body may be 25 MB, and most senders give an id). */
    private static String hashOf(byte[] body) {
        return "sha256:" + sha256Hex(body);
    }

    static String sha256Hex(byte[] body) {
        return HexFormat.of().formatHex(DeliveryAuthenticator.sha256(body));
    }
}
