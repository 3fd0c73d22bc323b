package io.opssight.ingestion.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.platform.entity.ValidationProblem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("#3 PushKeys: idempotency of the push API")
class PushKeysTest {

    private static final JsonObject BODY = Json.createObjectBuilder().add("service", "checkout").add("environment", "production")
            .add("version", "2.4.1").build();
    private static final JsonObject OTHER = Json.createObjectBuilder(BODY).add("version", "2.4.2").build();

    @Test
    @DisplayName("#3 the same Idempotency-Key from the same caller is the same delivery, whatever the body")
    void idempotencyKeyDecides() {
        String first = PushKeys.deliveryKey("token:deploy-bot", "6f1c2e1a-1b0c-4d2e-9b8a-0c7d5e4f3a21", BODY);
        String again = PushKeys.deliveryKey("token:deploy-bot", "6f1c2e1a-1b0c-4d2e-9b8a-0c7d5e4f3a21", OTHER);

        assertEquals(first, again);
        assertTrue(first.startsWith("key:"), first);
        assertTrue(first.length() <= 128, "fits the delivery key column");
    }

    @Test
    @DisplayName("#3 keys are scoped to the caller: two tokens never share a delivery")
    void keysAreScopedToTheCaller() {
        assertNotEquals(PushKeys.deliveryKey("token:a", "k-1", BODY), PushKeys.deliveryKey("token:b", "k-1", BODY));
        assertNotEquals(PushKeys.deliveryKey("token:a", null, BODY), PushKeys.deliveryKey("token:b", null, BODY));
    }

    @Test
    @DisplayName("#3 without a key, an identical body is the same delivery and a different one is not")
    void contentHashWithoutKey() {
        String first = PushKeys.deliveryKey("token:a", null, BODY);

        assertEquals(first, PushKeys.deliveryKey("token:a", null, Json.createObjectBuilder(BODY).build()));
        assertNotEquals(first, PushKeys.deliveryKey("token:a", null, OTHER));
        assertTrue(first.startsWith("sha256:"), first);
    }

    @Test
    @DisplayName("#3 a generated externalId is stable for a delivery key and differs between keys")
    void generatedExternalIdIsStable() {
        String key = PushKeys.deliveryKey("token:a", "k-1", BODY);

        assertEquals(PushKeys.externalIdFor(key), PushKeys.externalIdFor(key));
        assertNotEquals(PushKeys.externalIdFor(key), PushKeys.externalIdFor(PushKeys.deliveryKey("token:a", "k-2", BODY)));
        assertTrue(PushKeys.externalIdFor(key).matches("push-[0-9a-f]{32}"));
        assertNotEquals(PushKeys.uniqueKey(), PushKeys.uniqueKey());
    }

    @ParameterizedTest(name = "#3 ''{0}'' means no key")
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    @DisplayName("#3 a missing or blank Idempotency-Key is no key")
    void blankKeyIsNoKey(String header) {
        assertNull(PushKeys.checkedIdempotencyKey(header));
    }

    @Test
    @DisplayName("#3 an Idempotency-Key over 255 characters or with control characters is refused (400)")
    void badKeysAreRefused() {
        assertEquals("abc", PushKeys.checkedIdempotencyKey("  abc "));
        assertEquals("x".repeat(255), PushKeys.checkedIdempotencyKey("x".repeat(255)));
        assertThrows(ValidationProblem.class, () -> PushKeys.checkedIdempotencyKey("x".repeat(256)));
        assertThrows(ValidationProblem.class, () -> PushKeys.checkedIdempotencyKey("a\tb"));
        assertThrows(ValidationProblem.class, () -> PushKeys.checkedIdempotencyKey("clé"));
    }
}
