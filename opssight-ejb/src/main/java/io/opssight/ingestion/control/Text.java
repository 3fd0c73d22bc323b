package io.opssight.ingestion.control;

import io.opssight.platform.entity.StorableText;

/**
 * Fitting source text into the model's columns. A tool may send a longer title or label than a
 * column holds; clipping keeps the delivery mappable instead of turning it into a dead letter
 * (the raw body keeps the full text).
 */
final class Text {

    private Text() {
    }

    /** The value, cut to at most {@code max} characters; null and blank stay null. */
    static String clip(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return StorableText.clip(value.strip(), max);
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
