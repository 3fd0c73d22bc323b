package io.opssight.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Editable resources carry an ETag and their changes honour If-Match (412 on a stale one; 428 where
 * it is required), and every create names what it created in Location (docs/API.md).
 */
@DisplayName("#7 ETag, If-Match and Location")
class ConditionalRequestsIT {

    private static final String ADMIN = OpsSightServer.ADMIN_TOKEN;

    private Http http;

    @BeforeEach
    void setUp() {
        http = OpsSightServer.shared().http();
    }

    @Test
    @DisplayName("a source's changes apply only to the version named in If-Match; without one, to the current")
    void sourceChangesHonourIfMatch() {
        Http.Answer created = http.postJson("/api/v1/sources", ADMIN, "{\"kind\":\"github\",\"name\":\"" + Fixtures.unique("etag")
                + "\",\"secret\":\"" + "s".repeat(24) + "\"}");
        assertEquals(201, created.status(), created::toString);
        String path = path(created);
        Http.Answer read = http.get(path, ADMIN);
        assertEquals(200, read.status(), read::toString);
        String tag = etag(read);
        assertEquals(etag(created), tag, "the create answers with the same ETag as a read");
        assertEquals(tag, etag(http.get(path, ADMIN)), "an unchanged source keeps its ETag");

        Http.Answer disabled = send("POST", path + "/disable", tag);
        assertEquals(200, disabled.status(), disabled::toString);
        String newer = etag(disabled);
        assertNotEquals(tag, newer, "a change moves the ETag");
        assertEquals(newer, etag(http.get(path, ADMIN)));

        assertProblem(send("POST", path + "/enable", tag), 412, "precondition-failed");
        assertEquals(false, http.get(path, ADMIN).json().getBoolean("enabled"), "a refused change changed nothing");
        assertProblem(send("POST", path + "/rotate-secret", "W/" + newer, "{}"), 412, "precondition-failed");
        assertProblem(send("POST", path + "/enable", "\"not-a-version\""), 412, "precondition-failed");

        Http.Answer enabled = send("POST", path + "/enable", "*");
        assertEquals(200, enabled.status(), enabled::toString);
        Http.Answer rotated = http.postJson(path + "/rotate-secret", ADMIN, "{}");
        assertEquals(200, rotated.status(), "If-Match is optional on sources: " + rotated);
        assertNotEquals(etag(enabled), etag(rotated));
        assertProblem(send("POST", "/api/v1/sources/987654321/disable", "\"v0\""), 404, "not-found");
    }

    @Test
    @DisplayName("correcting an incident's cause needs If-Match (428 without, 412 when someone corrected it first)")
    void incidentCauseNeedsIfMatch() {
        Http.Answer pushed = http.postJson("/api/v1/incidents", ADMIN, "{\"service\":\"" + Fixtures.unique("svc")
                + "\",\"title\":\"Checkout down\"}");
        assertEquals(201, pushed.status(), pushed::toString);
        String incident = path(pushed);
        assertEquals(200, http.get(incident, ADMIN).status(), "Location names the incident");
        String cause = incident + "/cause";

        Http.Answer read = http.get(cause, ADMIN);
        assertEquals(200, read.status(), read::toString);
        String tag = etag(read);
        String body = "{\"deploymentId\":null,\"note\":\"Upstream outage\"}";

        assertProblem(http.putJson(cause, ADMIN, body), 428, "precondition-required");
        Http.Answer first = send("PUT", cause, tag, body);
        assertEquals(200, first.status(), first::toString);
        assertEquals("manual", first.json().getString("linkReason"));
        String corrected = etag(first);
        assertNotEquals(tag, corrected);
        assertEquals(corrected, etag(http.get(cause, ADMIN)), "the answer's ETag is the cause's");
        assertEquals("manual", http.get(cause, ADMIN).json().getString("linkReason"));

        // A second person who read the cause before the first correction is told, not overwritten.
        assertProblem(send("PUT", cause, tag, "{\"deploymentId\":null,\"note\":\"Something else\"}"), 412, "precondition-failed");
        assertTrue(http.get(cause, ADMIN).json().getString("linkNote").startsWith("Upstream outage"));
        assertProblem(http.putJson("/api/v1/incidents/987654321987/cause", ADMIN, body), 404, "not-found");
    }

    @Test
    @DisplayName("every create answers 201 with a Location that can be read")
    void everyCreateNamesWhatItCreated() {
        String service = Fixtures.unique("loc");
        Map<String, String> creates = Map.of(
                "/api/v1/teams", "{\"name\":\"" + Fixtures.unique("team") + "\"}",
                "/api/v1/tokens", "{\"name\":\"" + Fixtures.unique("tok") + "\",\"permissions\":[\"dora:read\"]}",
                "/api/v1/deployments", "{\"service\":\"" + service + "\",\"environment\":\"production\"}",
                "/api/v1/incidents", "{\"service\":\"" + service + "\",\"title\":\"Created\"}",
                "/api/v1/pipeline-runs", "{\"pipeline\":\"" + service + "\"}",
                "/api/v1/sources", "{\"kind\":\"gitlab\",\"name\":\"" + Fixtures.unique("src") + "\",\"secret\":\"" + "x".repeat(20)
                        + "\"}");
        creates.forEach((collection, body) -> {
            Http.Answer created = http.postJson(collection, ADMIN, body);
            assertEquals(201, created.status(), () -> collection + ": " + created);
            String location = path(created);
            assertTrue(location.startsWith(collection + "/"), () -> collection + " Location " + location);
            if (!collection.equals("/api/v1/tokens")) { // tokens are listed, not read one by one
                Http.Answer read = http.get(location, ADMIN);
                assertEquals(200, read.status(), () -> location + ": " + read);
            }
        });
    }

    @Test
    @DisplayName("a team has an ETag that stays while it is unchanged")
    void teamHasAnEtag() {
        String name = Fixtures.unique("team");
        Http.Answer created = http.postJson("/api/v1/teams", ADMIN, "{\"name\":\"" + name + "\"}");
        assertEquals(201, created.status(), created::toString);
        Http.Answer read = http.get("/api/v1/teams/" + name, ADMIN);
        assertEquals(200, read.status(), read::toString);
        assertEquals(name, read.json().getString("name"));
        assertEquals(etag(read), etag(http.get("/api/v1/teams/" + name, ADMIN)));
        assertProblem(http.get("/api/v1/teams/" + Fixtures.unique("none"), ADMIN), 404, "not-found");
    }

    private Http.Answer send(String method, String path, String ifMatch) {
        return send(method, path, ifMatch, "");
    }

    private Http.Answer send(String method, String path, String ifMatch, String body) {
        return http.send(method, path, ADMIN, Map.of("If-Match", ifMatch, "Content-Type", "application/json"), body);
    }

    private static String path(Http.Answer created) {
        String location = created.header("Location").orElseThrow(() -> new AssertionError("no Location: " + created));
        return URI.create(location).getRawPath();
    }

    private static String etag(Http.Answer answer) {
        String tag = answer.header("ETag").orElseThrow(() -> new AssertionError("no ETag: " + answer));
        assertTrue(tag.startsWith("\"") && tag.endsWith("\""), () -> "not a strong entity tag: " + tag);
        return tag;
    }

    static void assertProblem(Http.Answer answer, int status, String type) {
        assertEquals(status, answer.status(), answer::toString);
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer::toString);
        assertEquals("https://opssight.io/problems/" + type, answer.json().getString("type"), answer::toString);
    }
}
