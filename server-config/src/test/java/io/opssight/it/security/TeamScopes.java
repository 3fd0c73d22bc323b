package io.opssight.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.UUID;

/** The set-up the team-scope ITs share ({@link TeamScopeIT}, {@link TokenScopeIT}, {@link PushScopeIT}). */
final class TeamScopes {

    static final String ADMIN = OpsSightServer.ADMIN_TOKEN;

    private TeamScopes() {
    }

    /** The answer, after asserting that it is 201 Created. */
    static Http.Answer created(Http.Answer answer) {
        assertEquals(201, answer.status(), answer::toString);
        return answer;
    }

    static long id(Http.Answer answer) {
        return answer.json().getJsonNumber("id").longValue();
    }

    /** Creates the team and makes it the owner of the service. */
    static void own(Http http, String team, String service) {
        created(http.postJson("/api/v1/teams", ADMIN, "{\"name\":\"" + team + "\"}"));
        Http.Answer assigned = http.putJson("/api/v1/services/" + service + "/team", ADMIN, "{\"team\":\"" + team + "\"}");
        assertEquals(200, assigned.status(), assigned::toString);
    }

    /** A console session of a new user (named {@code prefix-…}) holding these role grants, signed in with its password. */
    static ConsoleSession userWith(OpsSightServer server, String prefix, String roles) {
        String username = Fixtures.unique(prefix);
        String password = prefix + " password " + UUID.randomUUID();
        Http.Answer created = server.http().postJson("/api/v1/users", ADMIN, "{\"username\":\"" + username + "\",\"password\":\""
                + password + "\",\"roles\":" + roles + "}");
        assertEquals(201, created.status(), created::toString);
        ConsoleSession session = new ConsoleSession(server);
        assertTrue(session.signIn(username, password), () -> session.lastSignIn.toString());
        return session;
    }

    /** The service of each item on a page. */
    static List<String> services(JsonObject page) {
        return page.getJsonArray("items").stream().map(JsonValue::asJsonObject).map(o -> o.getString("service")).toList();
    }
}
