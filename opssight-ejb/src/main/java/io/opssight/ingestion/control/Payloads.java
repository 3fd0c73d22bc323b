package io.opssight.ingestion.control;

import static io.opssight.platform.entity.JsonSupport.JSON;

import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import io.opssight.platform.entity.StorableText;
import io.opssight.platform.entity.TextControls;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.math.RoundingMode;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.NoSuchElementException;

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

    /**
     * How deep a body may nest (objects and arrays): the deepest real webhook (a Terraform plan's
     * resource values) is a few dozen levels; the parser itself would recurse until the stack
     * overflows on a hostile one.
     */
    public static final int MAX_DEPTH = 256;

    /** How long a number may be, in characters: a long has 19 digits; beyond this is not a tool's. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private static JsonObject read(JsonReaderSource source, boolean build) {
        try (JsonParser parser = source.parser()) {
            if (!parser.hasNext()) {
                throw new MalformedPayload("The body is empty");
            }
            JsonParser.Event first = parser.next();
            if (first != JsonParser.Event.START_OBJECT) {
                throw new MalformedPayload("Expected a JSON object, got " + describe(first));
            }
            JsonObject object = readObject(parser, build);
            if (parser.hasNext()) {
                throw new MalformedPayload("Unexpected content after the JSON object at line "
                        + parser.getLocation().getLineNumber() + ", column " + parser.getLocation().getColumnNumber());
            }
            return object;
        } catch (JsonParsingException e) {
            throw new MalformedPayload("Malformed JSON at line " + e.getLocation().getLineNumber() + ", column "
                    + e.getLocation().getColumnNumber());
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            // Parsson's own BigDecimal limit (1,100 characters, an UnsupportedOperationException) is not met
            // here: readObject refuses a number token over MAX_NUMBER_LENGTH before it is converted.
            throw new MalformedPayload("Malformed JSON: " + Failures.clean(e.getMessage()));
        }
    }

    /** One open object or array while reading: its builder and, in an object, the key being read. */
    private static final class Level {
        final JsonObjectBuilder object;
        final JsonArrayBuilder array;
        String key;

        Level(boolean isObject) {
            object = isObject ? JSON.createObjectBuilder() : null;
            array = isObject ? null : JSON.createArrayBuilder();
        }

        void add(JsonValue value) {
            if (object != null) {
                object.add(key, value);
            } else {
                array.add(value);
            }
        }

        JsonValue build() {
            return object != null ? object.build() : array.build();
        }
    }

    /**
     * Reads the object just started, to its end, without recursion, refusing what no tool sends:
     * nesting deeper than {@link #MAX_DEPTH}, numbers longer than {@link #MAX_NUMBER_LENGTH}. With
     * {@code build} it builds the document (a later key repeated replaces the earlier one, as the
     * parser's own reader does), else it only checks.
     */
    private static JsonObject readObject(JsonParser parser, boolean build) {
        Deque<Level> open = new ArrayDeque<>();
        open.push(new Level(true));
        int depth = 1;
        while (depth > 0) {
            JsonParser.Event event = parser.next();
            Level level = open.peek();
            switch (event) {
                case START_OBJECT, START_ARRAY -> {
                    if (++depth > MAX_DEPTH) {
                        throw new MalformedPayload("The JSON is nested deeper than " + MAX_DEPTH + " levels (line "
                                + parser.getLocation().getLineNumber() + ", column " + parser.getLocation().getColumnNumber() + ")");
                    }
                    if (build) {
                        open.push(new Level(event == JsonParser.Event.START_OBJECT));
                    }
                }
                case END_OBJECT, END_ARRAY -> {
                    depth--;
                    if (build && depth > 0) {
                        JsonValue done = open.pop().build();
                        open.peek().add(done);
                    }
                }
                case KEY_NAME -> {
                    if (build) {
                        level.key = parser.getString();
                    }
                }
                case VALUE_NUMBER -> {
                    String number = parser.getString();
                    if (number.length() > MAX_NUMBER_LENGTH) {
                        throw new MalformedPayload("A number of " + number.length() + " characters at line "
                                + parser.getLocation().getLineNumber() + ", column " + parser.getLocation().getColumnNumber()
                                + ": numbers longer than " + MAX_NUMBER_LENGTH + " characters are refused");
                    }
                    if (build) {
                        level.add(JSON.createValue(new BigDecimal(number)));
                    }
                }
                case VALUE_STRING -> {
                    if (build) {
                        level.add(JSON.createValue(parser.getString()));
                    }
                }
                case VALUE_TRUE -> {
                    if (build) {
                        level.add(JsonValue.TRUE);
                    }
                }
                case VALUE_FALSE -> {
                    if (build) {
                        level.add(JsonValue.FALSE);
                    }
                }
                case VALUE_NULL -> {
                    if (build) {
                        level.add(JsonValue.NULL);
                    }
                }
                default -> throw new MalformedPayload("Malformed JSON: unexpected " + event);
            }
        }
        return build ? (JsonObject) open.pop().build() : null;
    }

    private static String describe(JsonParser.Event event) {
        return switch (event) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> event.name().toLowerCase(Locale.ROOT);
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
            case STRING -> storable(name, parent.getString(name));
            case NUMBER, TRUE, FALSE -> value.toString();
            default -> null;
        };
    }

    /**
     * A string field as the model can keep and look it up: PostgreSQL text holds no NUL, so a
     * field with one is refused here, naming it (the delivery is kept as a dead letter with that
     * reason), before any query or insert meets it.
     */
    static String storable(String name, String value) {
        if (TextControls.any(value, TextControls.Refused.NUL)) {
            throw new ValidationProblem("The field '" + Failures.clean(name) + "' contains a NUL character (U+0000), "
                    + "which OpsSight cannot store");
        }
        return value;
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
            return longOf(new BigDecimal(value), fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * A decimal's whole part as a long, or {@code fallback} when it does not fit one: computed from
     * its digits and exponent, so "1e999999999" costs nothing (turning it into an integer would
     * compute all billion digits).
     */
    public static long longOf(BigDecimal value, long fallback) {
        int wholeDigits = value.precision() - value.scale();
        if (wholeDigits <= 0) {
            return 0;
        }
        if (wholeDigits > 19) {
            return fallback;
        }
        try {
            return value.setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            return fallback;
        }
    }

    /** ISO-8601 instants ("2024-05-01T10:00:00Z", with offset) and GitLab's "2016-08-12 15:23:28 UTC". */
    public static Instant instant(JsonObject parent, String name) {
        return parseInstant(string(parent, name));
    }

    /** The earliest and latest instants a time may be: years 1 to 9999, what every tool and the database hold. */
    static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");

    public static Instant parseInstant(String value) {
        Instant instant = readInstant(value);
        if (instant != null && (instant.isBefore(FIRST) || instant.isAfter(LAST))) {
            throw new IllegalArgumentException("time '" + Failures.clean(StorableText.clip(value, 40))
                    + "' is outside the years 1 to 9999");
        }
        return instant;
    }

    private static Instant readInstant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(value.replace(" UTC", " Z").replace(" Z", " +0000"), GITLAB_TIME).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return Instant.parse(value);
                } catch (DateTimeParseException e3) {
                    throw new IllegalArgumentException("unreadable time '" + Failures.clean(StorableText.clip(value, 40)) + "'");
                }
            }
        }
    }
}
