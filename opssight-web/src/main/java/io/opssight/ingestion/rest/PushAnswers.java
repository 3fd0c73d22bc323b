package io.opssight.ingestion.rest;

import io.opssight.ingestion.boundary.Pushes;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Function;

/**
 * The push API's answers, the same for every type: 201 with Location when the push created the
 * object, 200 when it changed an existing one, 200 with {@code Idempotent-Replayed: true} for a
 * repeat (same Idempotency-Key or content), 202 with the delivery receipt when it is stored but
 * not modelled (kept as a dead letter for replay).
 */
public final class PushAnswers {

    public static final String REPLAYED = "Idempotent-Replayed";

    private PushAnswers() {
    }

    /** {@code collection} is the resource's path below /api/v1, for the Location of a created object. */
    public static <T> Response answer(Pushes.Pushed<T> pushed, Function<T, ?> view, Function<T, Long> id, String collection,
            UriInfo uri) {
        return switch (pushed.outcome()) {
            case CREATED -> Response.created(uri.getBaseUriBuilder().path(collection)
                    .path(String.valueOf(id.apply(pushed.entity()))).build()).entity(view.apply(pushed.entity())).build();
            case UPDATED -> Response.ok(view.apply(pushed.entity())).build();
            case REPEATED -> Response.ok(view.apply(pushed.entity())).header(REPLAYED, "true").build();
            case STORED -> Response.accepted(new ReceiptView("stored", pushed.deliveryId(), pushed.note())).build();
        };
    }
}
