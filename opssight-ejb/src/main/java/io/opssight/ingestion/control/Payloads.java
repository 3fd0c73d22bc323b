package io.opssight.ingestion.control;

import static io.opssight.platform.entity.JsonSupport.JSON;

import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reading JSON payloads: parsing (also GitHub's form-encoded variant) and null-safe field access. */
public final class Payloads {

    private static final DateTimeFormatter GITLAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[ z][ xx]");

    private Payloads() {
    }

    /** Thrown when a body is not the JSON object a webhook must be. */
    public static class MalformedPayload extends OpsSightException {
        public MalformedPayload(String detail) {
            super(ProblemType.MALFORMED_PAYLOAD, detail);
        }
    }

    /**
     * Parses a webhook body. GitHub can be configured to send {@code application/x-www-form-urlencoded}
     * with the JSON in a {@code payload} field; that is accepted too.
     */
    public static JsonObject parse(byte[] body) {
        return read(source(body), true);
    }

    /**
     * Checks that a webhook body is what {@link #parse} accepts, with the same errors, without
     * building the document (a receiver that leaves the mapping for later needs no more).
     */
    public static void check(byte[] body) {
        read(source(body), false);
    }

    private static JsonReaderSource source(byte[] body) {
        int start = 0;
        while (start < body.length && Character.isWhitespace(body[start])) {
            start++;
        }
        if (body.length - start >= 8 && new String(body, start, 8, StandardCharsets.US_ASCII).equals("payload=")) {
            return new JsonReaderSource(URLDecoder.decode(new String(body, start + 8, body.length - start - 8,
                    StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
        return new JsonReaderSource(body);
    }

    private record JsonReaderSource(Object content) {
        JsonParser parser() {
            return content instanceof String s ? JSON.createParser(new StringReader(s))
                    : JSON.createParser(new ByteArrayInputStream((byte[]) content));
        }
    }

    private static JsonObject read(JsonReaderSource source, boolean build) {
        try (JsonParser parser = source.parser()) {
            if (!parser.hasNext()) {
                throw new MalformedPayload("The body is empty");
            }
            JsonParser.Event first = parser.next();
            if (first != JsonParser.Event.START_OBJECT) {
                throw new MalformedPayload("Expected a JSON object, got " + describe(first));
            }
            JsonObject object = build ? parser.getObject() : skipObject(parser);
            if (parser.hasNext()) {
                throw new MalformedPayload("Unexpected content after the JSON object at line "
                        + parser.getLocation().getLineNumber() + ", column " + parser.getLocation().getColumnNumber());
            }
            return object;
        } catch (JsonParsingException e) {
            throw new MalformedPayload("Malformed JSON at line " + e.getLocation().getLineNumber() + ", column "
                    + e.getLocation().getColumnNumber());
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw new MalformedPayload("Malformed JSON: " + e.getMessage());
        }
    }

    /** Reads to the end of the object just started, checking its syntax, building nothing. */
    private static JsonObject skipObject(JsonParser parser) {
        int depth = 1;
        while (depth > 0) {
            switch (parser.next()) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                default -> {
                    // values and keys: the parser has checked them
                }
            }
        }
        return null;
    }

    private static String describe(JsonParser.Event event) {
        return switch (event) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> event.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    public static JsonObject object(JsonObject parent, String name) {
        if (parent == null) {
            return null;
        }
        JsonValue value = parent.get(name);
        return value != null && value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : null;
    }

    public static String string(JsonObject parent, String name) {
        if (parent == null) {
            return null;
        }
        JsonValue value = parent.get(name);
        if (value == null) {
            return null;
        }
        return switch (value.getValueType()) {
            case STRING -> parent.getString(name);
            case NUMBER, TRUE, FALSE -> value.toString();
            default -> null;
        };
    }

    public static Boolean bool(JsonObject parent, String name) {
        if (parent == null || !parent.containsKey(name)) {
            return null;
        }
        JsonValue value = parent.get(name);
        return value.getValueType() == JsonValue.ValueType.TRUE ? Boolean.TRUE
                : value.getValueType() == JsonValue.ValueType.FALSE ? Boolean.FALSE : null;
    }

    public static long number(JsonObject parent, String name, long fallback) {
        String value = string(parent, name);
        if (value == null) {
            return fallback;
        }
        try {
            return new java.math.BigDecimal(value).longValue();
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** ISO-8601 instants ("2024-05-01T10:00:00Z", with offset) and GitLab's "2016-08-12 15:23:28 UTC". */
    public static Instant instant(JsonObject parent, String name) {
        return parseInstant(string(parent, name));
    }

    public static Instant parseInstant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.ZonedDateTime.parse(value.replace(" UTC", " Z").replace(" Z", " +0000"), GITLAB_TIME).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return Instant.parse(value);
                } catch (DateTimeParseException e3) {
                    throw new IllegalArgumentException("unreadable time '" + value + "'");
                }
            }
        }
    }
}
