package io.opssight.ingestion.control;

import static io.opssight.ingestion.control.Deliveries.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.platform.entity.ProblemType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import io.opssight.platform.entity.ValidationProblem;
import java.io.StringReader;
import java.math.BigDecimal;

@DisplayName("#2 Payloads: reading webhook bodies and their times")
class PayloadsTest {

    private static final String DEPLOYMENT = "{\"deployment\":{\"id\":42,\"environment\":\"production\"},\"action\":\"created\"}";

    @Nested
    @DisplayName("#2 parse")
    class Parse {

        @Test
        @DisplayName("#2 a JSON object body is read")
        void readsJsonObject() {
            JsonObject json = Payloads.parse(body(DEPLOYMENT));

            assertEquals("created", json.getString("action"));
            assertEquals(42, json.getJsonObject("deployment").getInt("id"));
        }

        @Test
        @DisplayName("#2 GitHub's form-encoded variant (payload=<url-encoded JSON>) is read the same")
        void readsFormEncodedPayload() {
            String form = "payload=" + URLEncoder.encode(DEPLOYMENT, StandardCharsets.UTF_8);

            assertEquals(Payloads.parse(body(DEPLOYMENT)), Payloads.parse(body(form)));
        }

        @Test
        @DisplayName("#2 non-ASCII text survives both variants")
        void nonAsciiSurvives() {
            String json = "{\"description\":\"Déploiement ✓ 部署\"}";
            String form = "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);

            assertEquals("Déploiement ✓ 部署", Payloads.parse(body(json)).getString("description"));
            assertEquals("Déploiement ✓ 部署", Payloads.parse(body(form)).getString("description"));
        }

        @Test
        @DisplayName("#2 malformed JSON is a malformed-payload problem (400) that says where")
        void malformedJsonSaysWhere() {
            Payloads.MalformedPayload e = assertThrows(Payloads.MalformedPayload.class,
                    () -> Payloads.parse(body("{\n  \"action\": \"created\",\n  \"deployment\": {\"id\": 42,, }\n}")));

            assertEquals(ProblemType.MALFORMED_PAYLOAD, e.type());
            assertEquals(400, e.type().status());
            assertTrue(e.getMessage().matches("Malformed JSON at line 3, column \\d+"), e.getMessage());
        }

        @Test
        @DisplayName("#2 malformed JSON inside the form variant is a malformed-payload problem too")
        void malformedFormPayload() {
            String form = "payload=" + URLEncoder.encode("{\"action\":", StandardCharsets.UTF_8);

            assertThrows(Payloads.MalformedPayload.class, () -> Payloads.parse(body(form)));
        }

        @ParameterizedTest(name = "#2 ''{0}'' is refused as not an object")
        @ValueSource(strings = {"[{\"id\":1}]", "\"text\"", "42", "true", "null"})
        @DisplayName("#2 well-formed JSON that is not an object is refused, naming what it was")
        void nonObjectIsRefused(String json) {
            Payloads.MalformedPayload e = assertThrows(Payloads.MalformedPayload.class, () -> Payloads.parse(body(json)));

            assertTrue(e.getMessage().startsWith("Expected a JSON object, got "), e.getMessage());
        }

        @Test
        @DisplayName("#2 a JSON array names 'array' in the problem")
        void arrayIsNamed() {
            Payloads.MalformedPayload e = assertThrows(Payloads.MalformedPayload.class, () -> Payloads.parse(body("[]")));

            assertEquals("Expected a JSON object, got array", e.getMessage());
        }

        @Test
        @DisplayName("#16 nesting deeper than 256 levels is a malformed-payload problem, parsed or only checked")
        void deepNestingIsRefused() {
            byte[] deep = body("{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");
            byte[] fits = body("{\"a\":" + "[".repeat(255) + "]".repeat(255) + "}");

            assertTrue(assertThrows(Payloads.MalformedPayload.class, () -> Payloads.parse(deep)).getMessage()
                    .startsWith("The JSON is nested deeper than 256 levels"));
            assertThrows(Payloads.MalformedPayload.class, () -> Payloads.check(deep));
            assertEquals(Payloads.parse(fits), Json.createReader(new StringReader(new String(fits,
                    StandardCharsets.UTF_8))).readObject(), "what fits reads as the standard reader reads it");
        }

        @Test
        @DisplayName("#16 a number longer than 100 characters is a malformed-payload problem")
        void hugeNumberIsRefused() {
            byte[] huge = body("{\"n\":" + "9".repeat(1_200) + "}");

            assertTrue(assertThrows(Payloads.MalformedPayload.class, () -> Payloads.parse(huge)).getMessage()
                    .contains("numbers longer than 100 characters are refused"));
            assertThrows(Payloads.MalformedPayload.class, () -> Payloads.check(huge));
        }

        @Test
        @DisplayName("#16 the document built without recursion equals the standard reader's, repeated keys included")
        void buildsWhatTheStandardReaderBuilds() {
            String json = "{\"a\":{\"b\":[1,2.5,-3e2,\"x\",true,false,null,{\"c\":[]}]},\"d\":1,\"d\":2,\"e\":{}}";

            assertEquals(Json.createReader(new StringReader(json)).readObject(), Payloads.parse(body(json)));
        }

        @ParameterizedTest(name = "#2 ''{0}'' is malformed")
        @ValueSource(strings = {"", "   ", "not json", "<xml/>", "payload=", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}"})
        @DisplayName("#2 empty and non-JSON bodies are malformed-payload problems, never another exception")
        void emptyOrNonJsonIsMalformed(String text) {
            assertThrows(Payloads.MalformedPayload.class, () -> Payloads.parse(body(text)));
        }
    }

    @Nested
    @DisplayName("#3 check: what a receiver that maps later asks")
    class Check {

        @ParameterizedTest(name = "#3 check agrees with parse on ''{0}''")
        @ValueSource(strings = {DEPLOYMENT, "  {\"a\":[1,{\"b\":[]}]}  ", "payload=%7B%22a%22%3A1%7D", "payload=%7B%22a%22%3A",
                "{\n  \"action\": \"created\",\n  \"deployment\": {\"id\": 42,, }\n}", "{\"a\" \"b\"}", "{\"a\":[1 2]}",
                "{\"a\":1,}", "[{\"id\":1}]", "\"text\"", "42", "null", "[]", "", "   ", "not json", "payload=",
                "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}", "{\"a\":{\"b\":1}"})
        @DisplayName("#3 check accepts exactly what parse accepts and refuses the rest with the same problem")
        void agreesWithParse(String text) {
            String parsed = outcome(() -> Payloads.parse(body(text)));
            String checked = outcome(() -> Payloads.check(body(text)));

            assertEquals(parsed, checked);
        }

        private String outcome(Runnable read) {
            try {
                read.run();
                return "accepted";
            } catch (Payloads.MalformedPayload e) {
                return "refused: " + e.getMessage();
            }
        }
    }

    @Nested
    @DisplayName("#2 field access")
    class Fields {

        private final JsonObject json = Json.createObjectBuilder()
                .add("name", "shop").add("id", 1234567890123L).add("ratio", 1.5).add("flag", true).add("off", false)
                .add("nested", Json.createObjectBuilder().add("x", "y")).addNull("nothing")
                .add("list", Json.createArrayBuilder().add(1)).add("idText", "77").build();

        @Test
        @DisplayName("#2 strings, numbers and booleans read as text; objects, arrays and null do not")
        void stringReadsScalars() {
            assertEquals("shop", Payloads.string(json, "name"));
            assertEquals("1234567890123", Payloads.string(json, "id"));
            assertEquals("true", Payloads.string(json, "flag"));
            assertNull(Payloads.string(json, "nested"));
            assertNull(Payloads.string(json, "list"));
            assertNull(Payloads.string(json, "nothing"));
            assertNull(Payloads.string(json, "missing"));
            assertNull(Payloads.string(null, "name"));
        }

        @Test
        @DisplayName("#2 numbers read from numbers or numeric text, else the fallback")
        void numberWithFallback() {
            assertEquals(1234567890123L, Payloads.number(json, "id", -1));
            assertEquals(77, Payloads.number(json, "idText", -1));
            assertEquals(1, Payloads.number(json, "ratio", -1));
            assertEquals(-1, Payloads.number(json, "name", -1));
            assertEquals(-1, Payloads.number(json, "missing", -1));
        }

        @Test
        @DisplayName("#16 numbers too large for a long, or with huge exponents, are the fallback, at once")
        void hugeNumbersAreTheFallback() {
            JsonObject huge = Json.createObjectBuilder().add("big", "1e999999999").add("tiny", "1e-999999999")
                    .add("over", "9223372036854775808").add("digits", "9".repeat(40)).build();

            assertEquals(-1, Payloads.number(huge, "big", -1));
            assertEquals(0, Payloads.number(huge, "tiny", -1));
            assertEquals(-1, Payloads.number(huge, "over", -1));
            assertEquals(-1, Payloads.number(huge, "digits", -1));
            assertEquals(Long.MAX_VALUE, Payloads.longOf(new BigDecimal("9223372036854775807.9"), -1));
        }

        @Test
        @DisplayName("#16 a string field with a NUL is refused naming the field, before any query meets it")
        void nulInAStringIsRefused() {
            JsonObject withNul = Json.createObjectBuilder().add("environment", "prod\u0000").build();

            ValidationProblem e = assertThrows(ValidationProblem.class,
                    () -> Payloads.string(withNul, "environment"));
            assertTrue(e.getMessage().contains("'environment'"), e.getMessage());
        }

        @Test
        @DisplayName("#2 booleans are true, false, or null when absent or not a boolean")
        void boolIsTriState() {
            assertEquals(Boolean.TRUE, Payloads.bool(json, "flag"));
            assertEquals(Boolean.FALSE, Payloads.bool(json, "off"));
            assertNull(Payloads.bool(json, "name"));
            assertNull(Payloads.bool(json, "missing"));
            assertNull(Payloads.bool(null, "flag"));
        }

        @Test
        @DisplayName("#2 a nested object is returned only when it is an object")
        void objectOnlyForObjects() {
            assertEquals("y", Payloads.object(json, "nested").getString("x"));
            assertNull(Payloads.object(json, "name"));
            assertNull(Payloads.object(json, "missing"));
            assertNull(Payloads.object(null, "nested"));
        }
    }

    @Nested
    @DisplayName("#2 times")
    class Times {

        @ParameterizedTest(name = "#2 ''{0}'' is {1}")
        @CsvSource(delimiter = '|', value = {
            "2024-05-01T10:00:00Z|2024-05-01T10:00:00Z",
            "2024-05-01T10:00:00.123Z|2024-05-01T10:00:00.123Z",
            "2024-05-01T12:00:00+02:00|2024-05-01T10:00:00Z",
            "2024-05-01T05:30:00-04:30|2024-05-01T10:00:00Z",
            "2016-08-12 15:23:28 UTC|2016-08-12T15:23:28Z",
            "2016-08-12 15:23:28 +0200|2016-08-12T13:23:28Z",
            "2016-08-12 15:23:28 -0530|2016-08-12T20:53:28Z",
            "2016-08-12 15:23:28 Z|2016-08-12T15:23:28Z"
        })
        @DisplayName("#2 ISO-8601 instants with Z or an offset, and GitLab's 'yyyy-MM-dd HH:mm:ss UTC|+hhmm'")
        void readsIsoAndGitLabTimes(String text, String expected) {
            assertEquals(Instant.parse(expected), Payloads.parseInstant(text));
        }

        @ParameterizedTest(name = "#2 ''{0}'' is no time")
        @NullAndEmptySource
        @ValueSource(strings = {"  "})
        @DisplayName("#2 missing or blank times are null")
        void blankIsNull(String text) {
            assertNull(Payloads.parseInstant(text));
        }

        @ParameterizedTest(name = "#2 ''{0}'' is refused")
        @ValueSource(strings = {"yesterday", "2016-08-12", "2016-08-12 15:23:28", "12/08/2016 15:23", "2016-13-12T15:23:28Z"})
        @DisplayName("#2 unreadable times are refused with the text quoted")
        void unreadableIsRefused(String text) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Payloads.parseInstant(text));

            assertEquals("unreadable time '" + text + "'", e.getMessage());
        }

        @ParameterizedTest(name = "#16 ''{0}'' is refused")
        @ValueSource(strings = {"+999999999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z"})
        @DisplayName("#16 times outside the years 1 to 9999 are refused, not left for the database to fail on")
        void outOfRangeIsRefused(String text) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Payloads.parseInstant(text));

            assertTrue(e.getMessage().endsWith("is outside the years 1 to 9999"), e.getMessage());
            assertEquals(Instant.parse("9999-12-31T23:59:59Z"), Payloads.parseInstant("9999-12-31T23:59:59Z"));
        }

        @Test
        @DisplayName("#2 a time field is read from the payload by name")
        void instantField() {
            JsonObject status = Payloads.parse(body("{\"created_at\":\"2016-08-12 15:23:28 UTC\",\"id\":5}"));

            assertEquals(Instant.parse("2016-08-12T15:23:28Z"), Payloads.instant(status, "created_at"));
            assertNull(Payloads.instant(status, "updated_at"));
        }
    }
}
