package io.opssight.ingestion.control;

import static io.opssight.platform.entity.JsonSupport.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A push command's fields as the first part of its canonical body: in lexicographic order with
 * nulls left out and instants in ISO-8601, the shape JSON-B gave the wire object before the push
 * commands existed, so bodies stored then and now are byte-identical (PushBodiesTest pins them). A
 * null in a list stays a null, as JSON-B wrote it; the checks pass over it.
 */
final class PushFields {

    private final Map<String, JsonValue> fields = new TreeMap<>();

    PushFields put(String name, String value) {
        if (value != null) {
            fields.put(name, JSON.createValue(value));
        }
        return this;
    }

    PushFields put(String name, Instant value) {
        return put(name, value == null ? null : value.toString());
    }

    PushFields put(String name, Boolean value) {
        if (value != null) {
            fields.put(name, value ? JsonValue.TRUE : JsonValue.FALSE);
        }
        return this;
    }

    PushFields put(String name, Long value) {
        if (value != null) {
            fields.put(name, JSON.createValue(value));
        }
        return this;
    }

    <T> PushFields put(String name, List<T> values, Function<T, PushFields> each) {
        if (values != null) {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            values.forEach(value -> array.add(value == null ? JsonValue.NULL : each.apply(value).builder().build()));
            fields.put(name, array.build());
        }
        return this;
    }

    PushFields put(String name, PushFields value) {
        if (value != null) {
            fields.put(name, value.builder().build());
        }
        return this;
    }

    JsonObjectBuilder builder() {
        JsonObjectBuilder out = JSON.createObjectBuilder();
        fields.forEach(out::add);
        return out;
    }
}
