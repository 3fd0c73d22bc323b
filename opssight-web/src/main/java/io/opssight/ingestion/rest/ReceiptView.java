package io.opssight.ingestion.rest;

import io.opssight.ingestion.boundary.Ingestion.Receipt;
import java.util.Locale;

/** The answer to a webhook sender. */
public record ReceiptView(String status, long delivery, String note) {
    public static ReceiptView from(Receipt receipt) {
        return new ReceiptView(receipt.outcome().name().toLowerCase(Locale.ROOT), receipt.deliveryId(), receipt.note());
    }
}
