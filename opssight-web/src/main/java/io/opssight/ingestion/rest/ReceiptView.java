package io.opssight.ingestion.rest;

import static io.opssight.platform.entity.JsonSupport.JSON;

import io.opssight.ingestion.boundary.Ingestion.Receipt;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;

/** The answer to a webhook sender (schema {@code ReceiptView} in the OpenAPI document). */
public record ReceiptView(String status, long delivery, String note) {

    public static ReceiptView from(Receipt receipt) {
        return new ReceiptView(receipt.outcome().name().toLowerCase(Locale.ROOT), receipt.deliveryId(), receipt.note());
    }

    public String toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("status", status).add("delivery", delivery);
        if (note != null) {
            json.add("note", note);
        }
        return json.build().toString();
    }
}
