package io.opssight.ingestion.control;

import static io.opssight.platform.entity.JsonSupport.JSON;

import io.opssight.platform.entity.ValidationProblem;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Idempotency of the push API. The delivery key of a push is the caller's {@code Idempotency-Key}
 * (draft-ietf-httpapi-idempotency-key-header), else a SHA-256 of the checked body; either way
 * scoped to the caller, so two tokens never share keys and an identical body pushed by two tools
 * stays two events. Keys are hashed, so any key up to 255 characters fits the delivery key column.
 *
 * <p>A push without an externalId gets one derived from its delivery key: a repeat (same key)
 * names the same object, and a replay of the stored delivery recreates exactly that object.
 */
public final class PushKeys {

    public static final int MAX_IDEMPOTENCY_KEY = 255;

    private PushKeys() {
    }

    public static String deliveryKey(String caller, String idempotencyKey, JsonObject checked) {
        if (idempotencyKey != null) {
            return "key:" + sha256Hex("key\n" + caller + "\n" + idempotencyKey);
        }
        return "sha256:" + sha256Hex("body\n" + caller + "\n" + checked.toString());
    }

    /** A key that never repeats, for pushes that are not deduplicated by content. */
    public static String uniqueKey() {
        return "once:" + UUID.randomUUID();
    }

    public static String externalIdFor(String deliveryKey) {
        return "push-" + sha256Hex(deliveryKey).substring(0, 32);
    }

    /** Null for no key; the trimmed key; a validation problem for keys a client should not send. */
    public static String checkedIdempotencyKey(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String key = header.trim();
        if (key.length() > MAX_IDEMPOTENCY_KEY || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new ValidationProblem("Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY + " printable ASCII characters");
        }
        return key;
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** What is kept with the delivery besides the body: the key the caller sent and who pushed. */
    public static String headers(String caller, String idempotencyKey) {
        JsonObjectBuilder headers = JSON.createObjectBuilder().add("content-type", "application/json")
                .add("x-opssight-caller", caller);
        if (idempotencyKey != null) {
            headers.add("idempotency-key", idempotencyKey);
        }
        return headers.build().toString();
    }
}
