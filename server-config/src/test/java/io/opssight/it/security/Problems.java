package io.opssight.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.opssight.it.support.Http;
import jakarta.json.JsonObject;

/** The problem+json checks the security tests share. */
final class Problems {

    private Problems() {
    }

    static void assertProblem(Http.Answer answer, int status) {
        assertEquals(status, answer.status(), answer::toString);
        assertEquals("application/problem+json", answer.contentType(), answer::toString);
        JsonObject problem = answer.json();
        assertEquals(status, problem.getInt("status"));
        assertFalse(problem.getString("title").isBlank());
    }
}
