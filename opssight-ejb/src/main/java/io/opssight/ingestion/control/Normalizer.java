package io.opssight.ingestion.control;

import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.SourceKind;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * Maps one kind of source's deliveries onto the model, and names the kind's {@link SourceProtocol}.
 * Implementations are CDI beans, found by {@link #kind()} through {@link Normalizers}; they run
 * inside the normalising transaction and may throw to have the delivery kept as a dead letter
 * (with the exception's message as the reason).
 */
public interface Normalizer {

    SourceKind kind();

    /** How deliveries of this kind authenticate, identify and name themselves (one instance per kind). */
    SourceProtocol protocol();

    Normalized normalize(Delivery delivery, JsonObject payload, Instant now);

    /** The origin of everything a delivery of this source produces, e.g. "github:acme". */
    static String origin(Delivery delivery) {
        return delivery.getSource().getKind().wireName() + ":" + delivery.getSource().getName();
    }
}
