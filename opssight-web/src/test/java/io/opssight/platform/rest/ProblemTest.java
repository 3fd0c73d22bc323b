package io.opssight.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.opssight.platform.entity.ProblemType;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#2 Problem: the RFC 9457 problem+json document")
class ProblemTest {

    static JsonObject json(Problem problem) {
        return Json.createReader(new StringReader(problem.toJson())).readObject();
    }

    @Test
    @DisplayName("#2 type, title, status, detail and instance are rendered")
    void rendersAllFields() {
        Problem problem = new Problem(ProblemType.NOT_FOUND.uri(), ProblemType.NOT_FOUND.title(), 404,
                "No deployment 7", "/api/v1/deployments/7", List.of());

        JsonObject json = json(problem);

        assertEquals("https://opssight.io/problems/not-found", json.getString("type"));
        assertEquals("No such resource", json.getString("title"));
        assertEquals(404, json.getInt("status"));
        assertEquals(JsonValue.ValueType.NUMBER, json.get("status").getValueType(), "status is a number, not text");
        assertEquals("No deployment 7", json.getString("detail"));
        assertEquals("/api/v1/deployments/7", json.getString("instance"));
        assertEquals(Set.of("type", "title", "status", "detail", "instance"), json.keySet());
    }

    @Test
    @DisplayName("#2 absent detail, instance and violations are left out, never rendered as null")
    void leavesOutNullFields() {
        JsonObject withEmpty = json(new Problem("about:blank", "Request failed", 400, null, null, List.of()));
        JsonObject withNull = json(new Problem("about:blank", "Request failed", 400, null, null, null));

        assertEquals(Set.of("type", "title", "status"), withEmpty.keySet());
        assertEquals(Set.of("type", "title", "status"), withNull.keySet());
        assertFalse(withEmpty.toString().contains("null"));
    }

    @Test
    @DisplayName("#2 violations are listed in order with their field and message")
    void rendersViolations() {
        Problem problem = new Problem(ProblemType.VALIDATION.uri(), ProblemType.VALIDATION.title(), 400, "2 field(s) are not valid",
                null, List.of(new Problem.Violation("kind", "Source kind is required."),
                        new Problem.Violation("name", "Source name is required.")));

        JsonArray violations = json(problem).getJsonArray("violations");

        assertEquals(2, violations.size());
        assertEquals("kind", violations.getJsonObject(0).getString("field"));
        assertEquals("Source kind is required.", violations.getJsonObject(0).getString("message"));
        assertEquals("name", violations.getJsonObject(1).getString("field"));
        assertEquals(Set.of("field", "message"), violations.getJsonObject(1).keySet());
    }

    @Test
    @DisplayName("#2 quotes, backslashes and control characters in the detail stay valid JSON")
    void escapesDetail() {
        String detail = "Unknown source kind '\"x\\y\"'\nline two";

        assertEquals(detail, json(new Problem("about:blank", "t", 400, detail, null, List.of())).getString("detail"));
    }
}
