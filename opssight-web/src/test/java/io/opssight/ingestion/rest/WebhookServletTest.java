package io.opssight.ingestion.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opssight.platform.entity.NotFoundProblem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#3 the webhook route: /api/v1/ingest/{kind}/{name}, nothing shorter or longer")
class WebhookServletTest {

    @Test
    @DisplayName("#3 kind and name are the two segments after /api/v1/ingest")
    void twoSegmentsAreKindAndName() {
        assertArrayEquals(new String[] {"github", "acme-ci"}, WebhookServlet.route("/github/acme-ci"));
        assertArrayEquals(new String[] {"gitlab", "team a"}, WebhookServlet.route("/gitlab/team a"));
    }

    @Test
    @DisplayName("#3 fewer, more or empty segments are no route (404)")
    void anythingElseIsNotFound() {
        for (String path : new String[] {null, "/", "/github", "/github/", "//x", "/github/x/", "/github/x/y"}) {
            assertThrows(NotFoundProblem.class, () -> WebhookServlet.route(path), String.valueOf(path));
        }
    }
}
