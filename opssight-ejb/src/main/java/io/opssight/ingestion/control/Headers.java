package io.opssight.ingestion.control;

import static io.opssight.platform.entity.JsonSupport.JSON;

import jakarta.json.JsonObjectBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Request headers with case-insensitive names, as HTTP defines them. */
public final class Headers {

    /** The headers every delivery keeps; each kind's own are its protocol's (never Authorization or tokens). */
    private static final Set<String> COMMON = Set.of("content-type", "user-agent", "x-request-id");

    private final Map<String, String> values = new TreeMap<>();

    public Headers(Map<String, String> raw) {
        raw.forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), v));
    }

    public String get(String name) {
        String value = values.get(name.toLowerCase(Locale.ROOT));
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * The common headers and these (lower-case) ones as a JSON object, for storage with the raw body:
     * {@link Normalizers#keptHeaders()}, every kind's, so what is kept does not depend on the kind.
     */
    public String keptAsJson(Set<String> kept) {
        JsonObjectBuilder builder = JSON.createObjectBuilder();
        values.forEach((k, v) -> {
            if (COMMON.contains(k) || kept.contains(k)) {
                builder.add(k, v);
            }
        });
        return builder.build().toString();
    }
}
