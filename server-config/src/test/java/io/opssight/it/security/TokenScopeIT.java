package io.opssight.it.security;

import static io.opssight.it.security.TeamScopes.ADMIN;
import static io.opssight.it.security.TeamScopes.created;
import static io.opssight.it.security.TeamScopes.id;
import static io.opssight.it.security.TeamScopes.services;
import static io.opssight.it.security.TeamScopes.userWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;

/**
 * API tokens limited to teams: such a token sees and changes only its teams' objects, exactly like
 * a team-scoped user; a token never gets more permissions or teams than its creator holds; listings
 * show the teams; and the first use of a token is audited exactly once.
 */
@DisplayName("#5 API tokens scoped to teams, and the audit of a token's first use")
class TokenScopeIT {

    private OpsSightServer server;
    private Http http;

    private String teamA;
    private String teamB;
    private String serviceA;
    private String serviceB;
    private long deploymentA;
    private long deploymentB;
    private long incidentB;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
        teamA = Fixtures.unique("tok-team-a");
        teamB = Fixtures.unique("tok-team-b");
        serviceA = Fixtures.unique("tok-svc-a");
        serviceB = Fixtures.unique("tok-svc-b");
        deploymentA = id(created(http.postJson("/api/v1/deployments", ADMIN, Fixtures.productionDeployment(serviceA))));
        deploymentB = id(created(http.postJson("/api/v1/deployments", ADMIN, Fixtures.productionDeployment(serviceB))));
        id(created(http.postJson("/api/v1/incidents", ADMIN, "{\"service\":\"" + serviceA + "\",\"title\":\"A is down\"}")));
        incidentB = id(created(http.postJson("/api/v1/incidents", ADMIN, "{\"service\":\"" + serviceB + "\",\"title\":\"B is down\"}")));
        TeamScopes.own(http, teamA, serviceA);
        TeamScopes.own(http, teamB, serviceB);
    }

    @Test
    @DisplayName("#5 a token limited to team A reads only team A's objects and writes only for team A's services")
    void teamScopedTokenSeesAndChangesOnlyItsTeams() {
        String name = Fixtures.unique("team-a-ci");
        Http.Answer made = http.postJson("/api/v1/tokens", ADMIN, "{\"name\":\"" + name + "\",\"teams\":[\"" + teamA + "\"],"
                + "\"permissions\":[\"deployments:read\",\"deployments:write\",\"incidents:read\",\"incidents:write\","
                + "\"dora:read\",\"teams:read\",\"pipelines:read\",\"alerts:read\"]}");
        assertEquals(201, made.status(), made::toString);
        assertEquals(List.of(teamA), strings(made.json().getJsonObject("token").getJsonArray("teams")), made::toString);
        String token = made.json().getString("secret");

        assertEquals(200, http.get("/api/v1/deployments/" + deploymentA, token).status());
        Http.Answer other = http.get("/api/v1/deployments/" + deploymentB, token);
        assertEquals(404, other.status(), "another team's deployment does not exist: " + other);
        assertEquals(404, http.get("/api/v1/incidents/" + incidentB, token).status());
        List<String> deployments = services(http.get("/api/v1/deployments?limit=500", token).json());
        assertTrue(deployments.contains(serviceA), deployments::toString);
        assertTrue(deployments.stream().allMatch(serviceA::equals), "only team A's: " + deployments);
        assertEquals(List.of(serviceA), services(http.get("/api/v1/incidents?limit=500", token).json()));
        assertEquals(200, http.get("/api/v1/dora?team=" + teamA, token).status());
        assertEquals(400, http.get("/api/v1/dora?team=" + teamB, token).status(), "another team looks like an unknown one");
        assertEquals(List.of(teamA), http.get("/api/v1/teams", token).jsonArray().stream().map(JsonValue::asJsonObject)
                .map(o -> o.getString("name")).toList());

        Http.Answer ownPush = http.postJson("/api/v1/deployments", token, Fixtures.productionDeployment(serviceA));
        assertEquals(201, ownPush.status(), ownPush::toString);
        Http.Answer foreignPush = http.postJson("/api/v1/deployments", token, Fixtures.productionDeployment(serviceB));
        assertEquals(403, foreignPush.status(), foreignPush::toString);
        assertTrue(foreignPush.contentType().startsWith("application/problem+json"), foreignPush::toString);
        Http.Answer unknownPush = http.postJson("/api/v1/deployments", token, Fixtures.productionDeployment(Fixtures.unique("tok-new")));
        assertEquals(403, unknownPush.status(), "a service no team owns is not theirs either: " + unknownPush);
        assertEquals(1, services(http.get("/api/v1/deployments?service=" + serviceB + "&limit=500", ADMIN).json()).size(),
                "the refused push stored nothing");
        Http.Answer foreignResolve = http.postJson("/api/v1/incidents/" + incidentB + "/resolve", token, "{}");
        assertEquals(404, foreignResolve.status(), foreignResolve::toString);
        Http.Answer foreignIncident = http.postJson("/api/v1/incidents", token, "{\"service\":\"" + serviceB + "\",\"title\":\"x\"}");
        assertEquals(403, foreignIncident.status(), foreignIncident::toString);

        JsonObject listed = listed(http.get("/api/v1/tokens", ADMIN), name).orElseThrow();
        assertEquals(List.of(teamA), strings(listed.getJsonArray("teams")), "the listing shows the token's teams");
    }

    @Test
    @DisplayName("#5 a token gets no permission its creator lacks; a team-scoped creator makes only tokens limited to its teams")
    void tokenNeverExceedsItsCreator() {
        String role = Fixtures.unique("token-maker");
        Http.Answer roleMade = http.postJson("/api/v1/roles", ADMIN, "{\"name\":\"" + role + "\",\"permissions\":"
                + "[\"tokens:manage\",\"deployments:read\",\"console:use\"]}");
        assertEquals(201, roleMade.status(), roleMade::toString);

        ConsoleSession unscoped = userWith(server, "maker", "[{\"role\":\"" + role + "\"}]");
        ConsoleSession.Answer more = unscoped.postJson("/api/v1/tokens", token("more", "[\"deployments:write\"]", null));
        assertEquals(403, more.status(), "a permission the creator lacks: " + more);
        assertTrue(more.body().contains("deployments:write"), more::toString);
        ConsoleSession.Answer same = unscoped.postJson("/api/v1/tokens", token("same", "[\"deployments:read\"]", null));
        assertEquals(201, same.status(), same::toString);

        ConsoleSession scoped = userWith(server, "maker", "[{\"role\":\"" + role + "\",\"team\":\"" + teamA + "\"}]");
        ConsoleSession.Answer everywhere = scoped.postJson("/api/v1/tokens", token("everywhere", "[\"deployments:read\"]", null));
        assertEquals(403, everywhere.status(), "a team-scoped creator cannot make an unscoped token: " + everywhere);
        ConsoleSession.Answer foreign = scoped.postJson("/api/v1/tokens", token("foreign", "[\"deployments:read\"]", teamB));
        assertEquals(400, foreign.status(), "another team is an unknown one: " + foreign);
        String ownName = Fixtures.unique("own");
        ConsoleSession.Answer own = scoped.postJson("/api/v1/tokens", "{\"name\":\"" + ownName
                + "\",\"permissions\":[\"deployments:read\"],\"teams\":[\"" + teamA + "\"]}");
        assertEquals(201, own.status(), own::toString);
        String secret = own.json().getString("secret");
        assertEquals(404, http.get("/api/v1/deployments/" + deploymentB, secret).status());
        assertEquals(200, http.get("/api/v1/deployments/" + deploymentA, secret).status());

        ConsoleSession.Answer scopedList = scoped.get("/api/v1/tokens");
        assertEquals(200, scopedList.status(), scopedList::toString);
        List<String> visible = jsonArray(scopedList.body()).stream().map(JsonValue::asJsonObject).map(o -> o.getString("name")).toList();
        assertTrue(visible.contains(ownName), visible::toString);
        assertFalse(visible.stream().anyMatch(n -> n.startsWith("same-")), "tokens not limited to its teams are not listed: " + visible);
    }

    @Test
    @DisplayName("#5 the first use of a token is audited once, by its owner, even when the first requests come together")
    void firstUseIsAuditedOnceEvenConcurrently() throws Exception {
        String username = Fixtures.unique("owner");
        String password = "owner password " + UUID.randomUUID();
        Http.Answer user = http.postJson("/api/v1/users", ADMIN, "{\"username\":\"" + username + "\",\"password\":\"" + password
                + "\",\"roles\":[{\"role\":\"admin\"}]}");
        assertEquals(201, user.status(), user::toString);
        ConsoleSession owner = new ConsoleSession(server);
        assertTrue(owner.signIn(username, password), () -> owner.lastSignIn.toString());
        String name = Fixtures.unique("first-use");
        ConsoleSession.Answer made = owner.postJson("/api/v1/tokens", "{\"name\":\"" + name + "\",\"permissions\":[\"deployments:read\"]}");
        assertEquals(201, made.status(), made::toString);
        String secret = made.json().getString("secret");
        assertEquals(0, firstUses(username).size(), "an unused token has no first use");
        assertFalse(listed(http.get("/api/v1/tokens", ADMIN), name).orElseThrow().containsKey("firstUsedAt"));

        int parallel = 8;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                Callable<Integer> call = () -> {
                    start.await();
                    return http.get("/api/v1/deployments?limit=1", secret).status();
                };
                calls.add(pool.submit(call));
            }
            start.countDown();
            for (Future<Integer> call : calls) {
                assertEquals(200, call.get(), "every concurrent first request is served");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, http.get("/api/v1/deployments?limit=1", secret).status());

        List<JsonObject> entries = firstUses(username);
        assertEquals(1, entries.size(), () -> "exactly one first use: " + entries);
        JsonObject entry = entries.get(0);
        assertTrue(entry.getString("target").contains(name), entry::toString);
        assertEquals("user:" + username, entry.getString("actor"), "the token's owner");
        assertEquals("success", entry.getString("outcome"));
        assertEquals("127.0.0.1", entry.getString("clientAddress"), entry::toString);
        assertTrue(listed(http.get("/api/v1/tokens", ADMIN), name).orElseThrow().containsKey("firstUsedAt"));
    }

    private List<JsonObject> firstUses(String username) {
        Http.Answer page = http.get("/api/v1/audit?action=token.first-use&actor=user:" + username + "&limit=100", ADMIN);
        assertEquals(200, page.status(), page::toString);
        return page.json().getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
    }

    private static String token(String prefix, String permissions, String team) {
        return "{\"name\":\"" + Fixtures.unique(prefix) + "\",\"permissions\":" + permissions
                + (team == null ? "" : ",\"teams\":[\"" + team + "\"]") + "}";
    }

    private static Optional<JsonObject> listed(Http.Answer list, String name) {
        assertEquals(200, list.status(), list::toString);
        return list.jsonArray().stream().map(JsonValue::asJsonObject).filter(o -> o.getString("name").equals(name)).findFirst();
    }

    private static JsonArray jsonArray(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readArray();
        }
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
