package io.opssight.platform.rest;

import static io.opssight.platform.entity.JsonSupport.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;

/**
 * A validated request body as the JSON object it stands for. Boundaries that keep what they were
 * sent (the push API stores every push as a delivery) take JSON, not web types; this is the
 * request as understood: the documented fields, unknown ones dropped, times in ISO-8601.
 */
public final class JsonBodies {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private JsonBodies() {
    }

    public static JsonObject of(Object body) {
        try (JsonReader reader = JSON.createReader(new StringReader(JSONB.toJson(body)))) {
            return reader.readObject();
        }
    }
}
