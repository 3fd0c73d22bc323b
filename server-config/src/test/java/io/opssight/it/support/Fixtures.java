package io.opssight.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Small builders for test data, each with unique natural keys so tests never see each other's rows. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A registered GitHub source: its name and secret. */
    public record Source(String kind, String name, String secret) {
        public String ingestPath() {
            return "/api/v1/ingest/" + kind + "/" + name;
        }
    }

    public static Source githubSource(Http http) {
        return source(http, "github");
    }

    public static Source source(Http http, String kind) {
        Source source = new Source(kind, unique("src"), "secret-" + UUID.randomUUID());
        Http.Answer answer = http.postJson("/api/v1/sources", OpsSightServer.ADMIN_TOKEN,
                "{\"kind\":\"" + kind + "\",\"name\":\"" + source.name() + "\",\"secret\":\"" + source.secret() + "\"}");
        assertEquals(201, answer.status(), () -> "registering a source: " + answer);
        return source;
    }

    /** Creates an API token with the given permissions and returns its secret. */
    public static String token(Http http, String... permissions) {
        StringBuilder list = new StringBuilder();
        for (String p : permissions) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(p).append('"');
        }
        Http.Answer answer = http.postJson("/api/v1/tokens", OpsSightServer.ADMIN_TOKEN,
                "{\"name\":\"" + unique("tok") + "\",\"permissions\":[" + list + "]}");
        assertEquals(201, answer.status(), () -> "creating a token: " + answer);
        JsonObject json = answer.json();
        return json.getString("secret");
    }

    /** Push-API body of a successful production deployment of {@code service} that finished a day ago. */
    public static String productionDeployment(String service) {
        Instant finished = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return """
                {"service":"%s","environment":"production","status":"success","sha":"%s",
                 "createdAt":"%s","finishedAt":"%s"}""".formatted(service, UUID.randomUUID().toString().replace("-", "") + "abcdef01",
                finished.minusSeconds(120), finished);
    }

    /** The deployments of a service, as GET /api/v1/deployments lists them. */
    public static List<JsonObject> deploymentsOf(Http http, String service) {
        Http.Answer answer = http.get("/api/v1/deployments?service=" + service, OpsSightServer.ADMIN_TOKEN);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    /** The one deployment of a service. */
    public static JsonObject onlyDeploymentOf(Http http, String service) {
        List<JsonObject> items = deploymentsOf(http, service);
        assertEquals(1, items.size(), () -> "deployments of " + service + ": " + items);
        return items.get(0);
    }
}
