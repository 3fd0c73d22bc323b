package io.opssight.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The REST contract: bearer tokens, deny by default, problem+json for every error, filters and cursor paging. */
@DisplayName("#2 REST API contract")
class ApiContractIT {

    private Http http;

    @BeforeEach
    void setUp() {
        http = OpsSightServer.shared().http();
    }

    @Test
    void everyApiCallNeedsAValidBearerToken() {
        for (String path : List.of("/api/v1/deployments", "/api/v1/sources", "/api/v1/tokens", "/api/v1/deployments/1")) {
            Http.Answer none = http.get(path);
            Http.Answer wrong = http.get(path, "ops_not-a-real-token-at-all");
            for (Http.Answer answer : List.of(none, wrong)) {
                assertEquals(401, answer.status(), () -> path + " " + answer);
                assertProblem(answer, 401);
                assertTrue(answer.header("WWW-Authenticate").orElse("").startsWith("Bearer"), answer::toString);
            }
        }
    }

    @Test
    void aTokenWithoutThePermissionIsRefused403() {
        String readOnly = Fixtures.token(http, "deployments:read");

        Http.Answer read = http.get("/api/v1/deployments", readOnly);
        Http.Answer register = http.postJson("/api/v1/sources", readOnly,
                "{\"kind\":\"github\",\"name\":\"" + Fixtures.unique("x") + "\",\"secret\":\"0123456789abcdef0123\"}");
        Http.Answer tokens = http.get("/api/v1/tokens", readOnly);

        assertEquals(200, read.status(), read::toString);
        assertEquals(403, register.status(), register::toString);
        assertProblem(register, 403);
        assertEquals(403, tokens.status(), tokens::toString);
    }

    @Test
    void revokedTokensStopWorking() {
        Http.Answer created = http.postJson("/api/v1/tokens", OpsSightServer.ADMIN_TOKEN,
                "{\"name\":\"" + Fixtures.unique("short-lived") + "\",\"permissions\":[\"deployments:read\"]}");
        assertEquals(201, created.status(), created::toString);
        String secret = created.json().getString("secret");
        long id = created.json().getJsonObject("token").getJsonNumber("id").longValue();
        assertEquals(200, http.get("/api/v1/deployments", secret).status());

        Http.Answer revoked = http.delete("/api/v1/tokens/" + id, OpsSightServer.ADMIN_TOKEN);

        assertEquals(200, revoked.status(), revoked::toString);
        assertNotNull(revoked.json().getString("revokedAt"));
        assertEquals(401, http.get("/api/v1/deployments", secret).status());
        Http.Answer listed = http.get("/api/v1/tokens", OpsSightServer.ADMIN_TOKEN);
        assertFalse(listed.body().contains(secret), "token secrets are never listed");
    }

    @Test
    void badInputGetsProblemJsonNever500() {
        List<Http.Answer> answers = new ArrayList<>();
        answers.add(http.postJson("/api/v1/sources", OpsSightServer.ADMIN_TOKEN, "{\"kind\":\"github\"}"));
        answers.add(http.postJson("/api/v1/sources", OpsSightServer.ADMIN_TOKEN,
                "{\"kind\":\"svn\",\"name\":\"a\",\"secret\":\"0123456789abcdef0\"}"));
        answers.add(http.postJson("/api/v1/sources", OpsSightServer.ADMIN_TOKEN, "{not json"));
        answers.add(http.postJson("/api/v1/sources", OpsSightServer.ADMIN_TOKEN, "[1,2]"));
        answers.add(http.postJson("/api/v1/sources", OpsSightServer.ADMIN_TOKEN, ""));
        answers.add(http.get("/api/v1/deployments?from=yesterday", OpsSightServer.ADMIN_TOKEN));
        answers.add(http.get("/api/v1/deployments?limit=0", OpsSightServer.ADMIN_TOKEN));
        answers.add(http.get("/api/v1/deployments?limit=abc", OpsSightServer.ADMIN_TOKEN));
        answers.add(http.get("/api/v1/deployments?cursor=not-a-cursor", OpsSightServer.ADMIN_TOKEN));
        answers.add(http.get("/api/v1/deployments?status=exploded", OpsSightServer.ADMIN_TOKEN));
        answers.add(http.get("/api/v1/deployments?from=2026-02-01&to=2026-01-01", OpsSightServer.ADMIN_TOKEN));
        answers.add(http.postJson("/api/v1/tokens", OpsSightServer.ADMIN_TOKEN, "{\"name\":\"x\",\"permissions\":[\"root:everything\"]}"));
        for (Http.Answer answer : answers) {
            assertTrue(answer.status() == 400 || answer.status() == 404, answer::toString);
            assertProblem(answer, answer.status());
            assertFalse(answer.body().contains("Exception"), answer::toString);
            assertFalse(answer.body().contains("\tat "), answer::toString);
        }
        JsonObject missing = answers.get(0).json();
        assertTrue(missing.containsKey("violations"), missing::toString);
        Set<String> fields = new HashSet<>();
        missing.getJsonArray("violations").getValuesAs(JsonObject.class).forEach(v -> fields.add(v.getString("field")));
        assertEquals(Set.of("name", "secret"), fields);
    }

    @Test
    void unknownThingsAre404ProblemJson() {
        assertProblem(http.get("/api/v1/deployments/987654321", OpsSightServer.ADMIN_TOKEN), 404);
        assertProblem(http.get("/api/v1/no-such-resource", OpsSightServer.ADMIN_TOKEN), 404);
        assertProblem(http.delete("/api/v1/tokens/987654321", OpsSightServer.ADMIN_TOKEN), 404);
    }

    @Test
    void registeringTheSameSourceTwiceIs409() {
        String name = Fixtures.unique("dup");
        String body = "{\"kind\":\"github\",\"name\":\"" + name + "\",\"secret\":\"0123456789abcdef0123\"}";
        Http.Answer first = http.postJson("/api/v1/sources", OpsSightServer.ADMIN_TOKEN, body);
        Http.Answer second = http.postJson("/api/v1/sources", OpsSightServer.ADMIN_TOKEN, body);

        assertEquals(201, first.status(), first::toString);
        assertTrue(first.header("Location").orElse("").contains("/api/v1/sources/"), first::toString);
        assertFalse(first.body().contains("0123456789abcdef0123"), "the secret is never echoed");
        assertEquals("/api/v1/ingest/github/" + name, first.json().getString("webhookPath"));
        assertProblem(second, 409);
        assertTrue(http.get("/api/v1/sources", OpsSightServer.ADMIN_TOKEN).body().contains(name));
    }

    @Test
    void deploymentsFilterAndPageWithACursor() {
        Fixtures.Source source = Fixtures.githubSource(http);
        String repo = Fixtures.unique("paged");
        for (int i = 0; i < 5; i++) {
            GitHubHooks.Deployment d = GitHubHooks.deployment("acme", repo, i % 2 == 0 ? "production" : "staging",
                    "2026-11-1" + i + "T10:00:00Z");
            byte[] body = GitHubHooks.deploymentStatus(d, "success", "2026-11-1" + i + "T10:05:00Z", GitHubHooks.nextId());
            Http.Answer answer = http.postRaw(source.ingestPath(),
                    GitHubHooks.headers("deployment_status", UUID.randomUUID().toString(), source.secret(), body), body);
            assertEquals(202, answer.status(), answer::toString);
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Http.Answer page = http.get("/api/v1/deployments?service=" + repo + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), OpsSightServer.ADMIN_TOKEN);
            assertEquals(200, page.status(), page::toString);
            page.json().getJsonArray("items").getValuesAs(JsonObject.class).forEach(d -> seen.add(d.getString("createdAt")));
            cursor = page.json().containsKey("nextCursor") && !page.json().isNull("nextCursor")
                    ? page.json().getString("nextCursor") : null;
            if (cursor != null) {
                assertTrue(page.header("Link").orElse("").contains("rel=\"next\""), page::toString);
            }
            pages++;
        } while (cursor != null && pages < 10);

        assertEquals(3, pages);
        assertEquals(List.of("2026-11-14T10:00:00Z", "2026-11-13T10:00:00Z", "2026-11-12T10:00:00Z",
                "2026-11-11T10:00:00Z", "2026-11-10T10:00:00Z"), seen, "newest first, each exactly once");

        Http.Answer production = http.get("/api/v1/deployments?service=" + repo + "&environment=production",
                OpsSightServer.ADMIN_TOKEN);
        assertEquals(3, production.json().getJsonArray("items").size());
        Http.Answer window = http.get("/api/v1/deployments?service=" + repo + "&from=2026-11-11&to=2026-11-13T10:00:00Z",
                OpsSightServer.ADMIN_TOKEN);
        assertEquals(2, window.json().getJsonArray("items").size(), window::toString);
        assertNull(window.header("Link").orElse(null));
    }

    static void assertProblem(Http.Answer answer, int status) {
        assertEquals(status, answer.status(), answer::toString);
        assertEquals("application/problem+json", answer.contentType(), answer::toString);
        JsonObject problem = answer.json();
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.getString("type").startsWith("https://") || problem.getString("type").equals("about:blank"));
        assertFalse(problem.getString("title").isBlank());
    }
}
