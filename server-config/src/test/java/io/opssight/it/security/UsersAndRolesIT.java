package io.opssight.it.security;

import static io.opssight.it.security.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.access.entity.Permission;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import jakarta.json.Json;
import java.time.Instant;

/** Users, built-in and custom roles over /api/v1/users and /api/v1/roles, and what signing in gives a user. */
@DisplayName("#5 users and roles")
class UsersAndRolesIT {

    /** Audit queries look only at what happened since this class started (the trail is shared). */
    private static final Instant STARTED = Instant.now().minusSeconds(5);

    private static final String ADMIN = OpsSightServer.ADMIN_TOKEN;
    private OpsSightServer server;
    private Http http;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
    }

    @Test
    @DisplayName("#5 the five built-in roles exist, admin holds every permission, and they cannot be changed")
    void builtInRolesExist() {
        Http.Answer answer = http.get("/api/v1/roles", ADMIN);
        assertEquals(200, answer.status(), answer::toString);
        Set<String> names = answer.jsonArray().stream().map(v -> v.asJsonObject().getString("name")).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("admin", "maintainer", "engineer", "viewer", "integration")), names::toString);
        JsonObject admin = http.get("/api/v1/roles/admin", ADMIN).json();
        assertTrue(admin.getBoolean("builtIn"));
        assertEquals(Permission.all().size(), admin.getJsonArray("permissions").size(), () -> "admin holds every permission: " + admin);
        assertTrue(admin.getJsonArray("permissions").contains(Json("users:manage")));
        JsonObject viewer = http.get("/api/v1/roles/viewer", ADMIN).json();
        assertFalse(viewer.getJsonArray("permissions").contains(Json("users:manage")));

        assertProblem(http.putJson("/api/v1/roles/viewer", ADMIN, "{\"permissions\":[\"users:manage\"]}"), 409);
        assertProblem(http.delete("/api/v1/roles/admin", ADMIN), 409);
    }

    @Test
    @DisplayName("#5 the first start made the local administrator 'admin' with the admin role")
    void firstStartMadeTheAdmin() {
        JsonObject admin = http.get("/api/v1/users/admin", ADMIN).json();
        assertEquals("admin", admin.getString("username"));
        assertTrue(admin.getBoolean("hasPassword"));
        assertEquals("admin", admin.getJsonArray("roles").getJsonObject(0).getString("role"));
        JsonObject grant = admin.getJsonArray("roles").getJsonObject(0);
        assertFalse(grant.containsKey("team") && !grant.isNull("team"), "held everywhere");
        assertFalse(http.get("/api/v1/users", ADMIN).body().contains("pbkdf2"), "hashes never leave the server");
        assertFalse(http.get("/api/v1/users", ADMIN).body().contains("PBKDF2"), "nor in the platform's notation");
    }

    @Test
    @DisplayName("#5 users and roles need users:manage (deny by default)")
    void managingNeedsThePermission() {
        String reader = Fixtures.token(http, "deployments:read", "tokens:manage");
        assertProblem(http.get("/api/v1/users", reader), 403);
        assertProblem(http.get("/api/v1/roles", reader), 403);
        assertProblem(http.postJson("/api/v1/users", reader, "{\"username\":\"" + Fixtures.unique("x") + "\"}"), 403);
        assertProblem(http.get("/api/v1/users", null), 401);
        String manager = Fixtures.token(http, "users:manage");
        assertEquals(200, http.get("/api/v1/users", manager).status());
    }

    @Test
    @DisplayName("#5 a custom role given to a user is what the user can do after signing in; role changes are audited")
    void customRoleGivesItsPermissions() {
        String role = Fixtures.unique("release-reader");
        Http.Answer created = http.postJson("/api/v1/roles", ADMIN, "{\"name\":\"" + role
                + "\",\"description\":\"reads deployments\",\"permissions\":[\"deployments:read\",\"console:use\"]}");
        assertEquals(201, created.status(), created::toString);
        String username = Fixtures.unique("rita");
        String password = "correct horse battery staple";
        Http.Answer user = http.postJson("/api/v1/users", ADMIN, "{\"username\":\"" + username
                + "\",\"displayName\":\"Rita\",\"password\":\"" + password + "\",\"roles\":[{\"role\":\"" + role + "\"}]}");
        assertEquals(201, user.status(), user::toString);
        assertTrue(user.header("Location").orElse("").endsWith("/api/v1/users/" + username));
        assertEquals(role, user.json().getJsonArray("roles").getJsonObject(0).getString("role"));

        ConsoleSession rita = new ConsoleSession(server);
        assertTrue(rita.signIn(username, password), () -> rita.lastSignIn.toString());
        assertEquals(200, rita.get("/api/v1/deployments").status());
        assertEquals(403, rita.get("/api/v1/incidents").status());
        assertEquals(403, rita.get("/api/v1/users").status());

        Http.Answer changed = http.putJson("/api/v1/users/" + username + "/roles", ADMIN,
                "{\"roles\":[{\"role\":\"viewer\"},{\"role\":\"" + role + "\"}]}");
        assertEquals(200, changed.status(), changed::toString);
        assertEquals(2, changed.json().getJsonArray("roles").size());
        ConsoleSession again = new ConsoleSession(server);
        assertTrue(again.signIn(username, password));
        assertEquals(200, again.get("/api/v1/incidents").status(), "the new role applies from the next sign-in");

        List<JsonObject> events = audit("action=security.roles-changed");
        assertTrue(events.stream().anyMatch(e -> e.getString("target").equals(username)
                && e.getString("details").contains("viewer") && e.getString("actor").equals("token:bootstrap-admin")),
                events::toString);
        assertTrue(audit("action=auth.login&actor=user:" + username).size() >= 2);
        assertFalse(audit("action=Users.assignRoles").isEmpty());
        assertFalse(audit("action=security.role-permissions-changed").isEmpty());
    }

    @Test
    @DisplayName("#5 bad input is a problem: weak password, bad username, unknown role or team, duplicates")
    void badInputIsAProblem() {
        String name = Fixtures.unique("bob");
        assertProblem(http.postJson("/api/v1/users", ADMIN, "{\"username\":\"" + name + "\",\"password\":\"short\"}"), 400);
        assertProblem(http.postJson("/api/v1/users", ADMIN, "{\"username\":\"" + name + "\",\"password\":\"" + name
                + "-is-my-password\"}"), 400);
        assertProblem(http.postJson("/api/v1/users", ADMIN, "{\"username\":\"Bad Name!\",\"password\":\"long enough password\"}"), 400);
        assertProblem(http.postJson("/api/v1/users", ADMIN, "{\"username\":\"" + name
                + "\",\"roles\":[{\"role\":\"no-such-role\"}]}"), 400);
        assertProblem(http.postJson("/api/v1/users", ADMIN, "{\"username\":\"" + name
                + "\",\"roles\":[{\"role\":\"viewer\",\"team\":\"no-such-team\"}]}"), 400);
        assertEquals(201, http.postJson("/api/v1/users", ADMIN, "{\"username\":\"" + name + "\"}").status());
        assertProblem(http.postJson("/api/v1/users", ADMIN, "{\"username\":\"" + name + "\"}"), 409);
        assertProblem(http.postJson("/api/v1/roles", ADMIN, "{\"name\":\"viewer\",\"permissions\":[\"deployments:read\"]}"), 409);
        assertProblem(http.postJson("/api/v1/roles", ADMIN, "{\"name\":\"" + Fixtures.unique("r")
                + "\",\"permissions\":[\"deployments:*\"]}"), 400);
        assertProblem(http.get("/api/v1/users/" + Fixtures.unique("nobody"), ADMIN), 404);
        assertEquals(204, http.delete("/api/v1/users/" + name, ADMIN).status());
        assertProblem(http.get("/api/v1/users/" + name, ADMIN), 404);
    }

    @Test
    @DisplayName("#5 a disabled user cannot sign in; enabling lets them in again")
    void disabledUserCannotSignIn() {
        String username = Fixtures.unique("dora");
        String password = "a long enough password";
        assertEquals(201, http.postJson("/api/v1/users", ADMIN, "{\"username\":\"" + username + "\",\"password\":\"" + password
                + "\",\"roles\":[{\"role\":\"viewer\"}]}").status());
        assertEquals(200, http.postJson("/api/v1/users/" + username + "/disable", ADMIN, "{}").status());
        assertFalse(new ConsoleSession(server).signIn(username, password));
        assertEquals(200, http.postJson("/api/v1/users/" + username + "/enable", ADMIN, "{}").status());
        assertTrue(new ConsoleSession(server).signIn(username, password));
    }

    private List<JsonObject> audit(String query) {
        Http.Answer answer = http.get("/api/v1/audit?limit=1000&from=" + STARTED + "&" + query, ADMIN);
        assertEquals(200, answer.status(), answer::toString);
        JsonValue items = answer.json().get("items");
        return items.asJsonArray().stream().map(JsonValue::asJsonObject).toList();
    }

    private static JsonValue Json(String s) {
        return Json.createValue(s);
    }
}
