package io.opssight.ingestion.control;

import io.opssight.ingestion.control.PushRequests.NaturalKey;
import io.opssight.platform.entity.NotFoundProblem;
import jakarta.json.JsonObject;

/** A push ready to store: who sent it, its delivery key, its canonical body and the object that body names. */
public record PreparedPush(PushType type, String caller, String idempotencyKey, String key, JsonObject canonical,
        NaturalKey target) {

    /**
     * Makes the push's delivery key and canonical body from its checked body and checks it against
     * the caller's scope ({@link PushScope}; {@code unknown}: the refusal when it names by id an
     * object that is not the caller's), before anything is stored.
     */
    public static PreparedPush of(PushScope scope, PushType type, String caller, String idempotencyHeader,
            JsonObject checked, NotFoundProblem unknown) {
        String idempotencyKey = PushKeys.checkedIdempotencyKey(idempotencyHeader);
        String key = idempotencyKey == null && !type.dedupesByContent() ? PushKeys.uniqueKey()
                : PushKeys.deliveryKey(caller, idempotencyKey, checked);
        JsonObject canonical = type.generatesExternalId()
                ? PushRequests.withExternalId(checked, PushKeys.externalIdFor(key)) : checked;
        scope.check(type, canonical, unknown);
        return new PreparedPush(type, caller, idempotencyKey, key, canonical, PushRequests.keyOf(canonical));
    }
}
