package io.opssight.ingestion.control;

import io.opssight.pipeline.entity.RunTimes;
import io.opssight.platform.entity.StorableText;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Small helpers the source mappings share. Text longer than its column is cut with the one
 * {@link StorableText#clip} (a tool may send a longer title or label than a column holds; clipping
 * keeps the delivery mappable instead of turning it into a dead letter, the raw body keeping the
 * full text); {@code clip(stripped(x), n)} where blank counts as absent.
 */
final class HookFields {

    private HookFields() {
    }

    /** The value without surrounding white space; null and blank are null (the mappings that want so clip this). */
    static String stripped(String value) {
        return value == null || value.isBlank() ? null : value.strip();
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

    /** The last segment of a path ("acme/platform/shop" is "shop"). */
    static String lastSegment(String path) {
        if (path == null) {
            return null;
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(slash + 1);
    }

    /** A whole number, or null when absent or not a number. */
    static Long optionalLong(JsonObject parent, String name) {
        long value = Payloads.number(parent, name, Long.MIN_VALUE);
        return value == Long.MIN_VALUE ? null : value;
    }

    static JsonArray array(JsonObject parent, String name) {
        JsonValue value = parent == null ? null : parent.get(name);
        return value != null && value.getValueType() == JsonValue.ValueType.ARRAY ? value.asJsonArray() : null;
    }

    /** The objects of an array (other elements skipped); empty for a missing array. */
    static List<JsonObject> objects(JsonArray array) {
        List<JsonObject> objects = new ArrayList<>();
        if (array != null) {
            for (JsonValue value : array) {
                if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                    objects.add(value.asJsonObject());
                }
            }
        }
        return objects;
    }

    /** "completed/success", "in_progress": a run's or job's progress for a delivery's note. */
    static String progress(RunTimes times) {
        return times.getStatus().wireName() + (times.getConclusion() == null ? "" : "/" + times.getConclusion().wireName());
    }
}
