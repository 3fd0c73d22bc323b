package io.opssight.it.campaign;

import io.opssight.it.campaign.Findings.Category;
import io.opssight.it.campaign.OpenApiOperations.ApiRequest;
import io.opssight.it.campaign.OpenApiOperations.Operation;
import io.opssight.it.campaign.OpenApiOperations.Param;
import io.opssight.it.campaign.OpenApiOperations.PathCheck;
import io.opssight.it.support.AlertmanagerHooks;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.RawHttp;
import io.opssight.it.support.Rows;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.json.JsonString;

/**
 * Every {@code /api/v1} operation of the live OpenAPI document × parameter and body mutations,
 * with a token holding every permission. Path parameters point at decoys made for the campaign
 * (never at objects other tests or the bootstrap admin rely on), so an id that is read as another
 * one can only hit a decoy, and shows as a 2xx: a path value that is not exactly an id or name
 * must never read or change an object. Afterwards every paged list is read at its maximum limit.
 */
final class ApiCampaign {

    private static final String ADMIN = OpsSightServer.ADMIN_TOKEN;
    private static final Pattern MAX_LIMIT = Pattern.compile("between 1 and (\\d+)");

    private final OpsSightServer server;
    private final Http http;
    private final RawHttp raw;
    private final Findings findings;
    private final String token;
    private final List<Operation> operations;
    private final Map<String, String> decoys = new HashMap<>();
    private final Map<String, String> cursors = new HashMap<>();
    final List<String> secrets = new ArrayList<>();

    ApiCampaign(OpsSightServer server, Findings findings) {
        this.server = server;
        this.http = server.http();
        this.raw = new RawHttp("127.0.0.1", server.port());
        this.findings = findings;
        this.operations = OpenApiOperations.read(http);
        this.token = allPermissionsToken();
        makeDecoys();
        readCursors();
    }

    List<Operation> operations() {
        return operations;
    }

    /** A token of its own with every permission the bootstrap admin holds (its rate limit is its own). */
    private String allPermissionsToken() {
        Http.Answer tokens = http.get("/api/v1/tokens", ADMIN);
        JsonObject admin = tokens.jsonArray().stream().map(JsonValue::asJsonObject)
                .filter(t -> t.getString("name").equals("bootstrap-admin")).findFirst().orElseThrow();
        Http.Answer made = http.postJson("/api/v1/tokens", ADMIN, Json.createObjectBuilder().add("name", Fixtures.unique("campaign-admin"))
                .add("permissions", admin.getJsonArray("permissions")).build().toString());
        check(made, 201, "the campaign's token");
        String secret = made.json().getString("secret");
        secrets.add(secret);
        return secret;
    }

    // ---- decoys --------------------------------------------------------------------------------

    private void makeDecoys() {
        String service = Fixtures.unique("camp-svc");
        decoys.put("service", service);
        decoys.put("deployment", id(check(http.postJson("/api/v1/deployments", ADMIN, Fixtures.productionDeployment(service)), 201,
                "decoy deployment")));
        decoys.put("incident", id(check(http.postJson("/api/v1/incidents", ADMIN, "{\"service\":\"" + service
                + "\",\"title\":\"campaign decoy\"}"), 201, "decoy incident")));
        decoys.put("run", id(check(http.postJson("/api/v1/pipeline-runs", ADMIN, "{\"pipeline\":\"" + Fixtures.unique("camp-build")
                + "\",\"repository\":\"campaign/" + service + "\",\"status\":\"completed\",\"conclusion\":\"success\"}"), 201,
                        "decoy run")));
        Fixtures.Source github = Fixtures.source(http, "github");
        secrets.add(github.secret());
        decoys.put("source", String.valueOf(Rows.only(server, "select id from source where name = ?", github.name()).number("id")));
        byte[] notJson = "campaign: not JSON".getBytes(StandardCharsets.UTF_8);
        Http.Answer dead = http.postRaw(github.ingestPath(), GitHubHooks.headers("ping", UUID.randomUUID().toString(), github.secret(),
                notJson),
                notJson);
        Matcher m = Pattern.compile("dead letter (\\d+)").matcher(dead.body());
        decoys.put("deadLetter", m.find() ? m.group(1) : String.valueOf(Rows.only(server,
                "select max(id) as id from delivery where status = 'DEAD_LETTER'").number("id")));
        Fixtures.Source alerts = Fixtures.source(http, "alertmanager");
        secrets.add(alerts.secret());
        AlertmanagerHooks.Alert alert = AlertmanagerHooks.firing("CampaignDecoy", service, "warning", "decoy-pod", "2026-11-21T08:00:00Z");
        check(http.postRaw(alerts.ingestPath(), AlertmanagerHooks.headers(alerts.secret()),
                AlertmanagerHooks.notification("opssight", "firing", Map.of("alertname", "CampaignDecoy"), alert)), 202, "decoy alert");
        decoys.put("alert", String.valueOf(Rows.only(server, "select id from alert where fingerprint = ?",
                alert.fingerprint()).number("id")));
        decoys.put("team", name(check(http.postJson("/api/v1/teams", ADMIN, "{\"name\":\"" + Fixtures.unique("camp-team") + "\"}"), 201,
                "decoy team")));
        for (String role : List.of("role", "roleToDelete")) {
            String name = Fixtures.unique("camp-role");
            check(http.postJson("/api/v1/roles", ADMIN, "{\"name\":\"" + name + "\",\"permissions\":[\"deployments:read\"]}"), 201,
                    "decoy role");
            decoys.put(role, name);
        }
        for (String user : List.of("user", "userToDelete")) {
            String name = Fixtures.unique("camp-user");
            check(http.postJson("/api/v1/users", ADMIN, "{\"username\":\"" + name
                    + "\",\"password\":\"Campaign decoy password 0123456789!\","
                    + "\"roles\":[{\"role\":\"viewer\"}]}"), 201, "decoy user");
            decoys.put(user, name);
        }
        Http.Answer decoyToken = check(http.postJson("/api/v1/tokens", ADMIN, "{\"name\":\"" + Fixtures.unique("camp-decoy")
                + "\",\"permissions\":[\"deployments:read\"]}"), 201, "decoy token");
        decoys.put("token", String.valueOf(decoyToken.json().getJsonObject("token").getJsonNumber("id").longValue()));
        secrets.add(decoyToken.json().getString("secret"));
        findings.note("api decoys", decoys.size());
    }

    private void readCursors() {
        for (Operation op : operations) {
            if (op.method().equals("GET") && op.has("query", "cursor")) {
                Http.Answer page = http.get(op.template() + "?limit=1", token);
                JsonObject json = page.status() == 200 ? Findings.jsonObject(page.body()) : null;
                if (json != null && json.get("nextCursor") instanceof JsonString c) {
                    cursors.put(op.template(), c.getString());
                }
            }
        }
    }

    private final OpenApiOperations.Bases bases = new OpenApiOperations.Bases() {
        @Override
        public String path(Operation op, Param p) {
            String t = op.template();
            boolean delete = op.method().equals("DELETE");
            String key = t.startsWith("/api/v1/alerts/") ? "alert"
                    : t.startsWith("/api/v1/dead-letters/") ? "deadLetter"
                    : t.startsWith("/api/v1/deployments/") ? "deployment"
                    : t.startsWith("/api/v1/incidents/") ? "incident"
                    : t.startsWith("/api/v1/pipeline-runs/") ? "run"
                    : t.startsWith("/api/v1/sources/") ? "source"
                    : t.startsWith("/api/v1/tokens/") ? "token"
                    : t.startsWith("/api/v1/roles/") ? (delete ? "roleToDelete" : "role")
                    : t.startsWith("/api/v1/services/") ? "service"
                    : t.startsWith("/api/v1/teams/") ? "team"
                    : t.startsWith("/api/v1/users/") ? (delete ? "userToDelete" : "user")
                    : null;
            String value = key == null ? null : decoys.get(key);
            if (value == null) {
                // An operation the campaign has no decoy for yet: ids and names that exist nowhere.
                findings.note("path parameters without a decoy (" + op.key() + " " + p.name() + ")", 1);
                return p.type().equals("integer") ? "987654321" : "campaign-no-such-name";
            }
            return OpenApiOperations.encode(value);
        }

        @Override
        public Map<String, String> query(Operation op) {
            Map<String, String> q = new LinkedHashMap<>();
            if (op.key().equals("POST /api/v1/dead-letters/replay")) {
                // Never a replay of everything: only the decoy source's dead letters.
                q.put("source", decoys.get("source"));
                q.put("max", "1");
            }
            return q;
        }

        @Override
        public Map<String, String> headers(Operation op) {
            Map<String, String> h = new LinkedHashMap<>();
            if (op.has("header", "If-Match")) {
                h.put("If-Match", "*");
            }
            return h;
        }

        @Override
        public Supplier<byte[]> body(Operation op) {
            if (!op.hasBody()) {
                return null;
            }
            Supplier<String> text = switch (op.key()) {
                case "POST /api/v1/alerts/{id}/acknowledge" -> () -> "{\"note\":\"campaign acknowledgement\"}";
                case "POST /api/v1/deployments" -> () -> Fixtures.productionDeployment(Fixtures.unique("camp-push"));
                case "POST /api/v1/incidents" -> () -> "{\"service\":\"" + Fixtures.unique("camp-push")
                        + "\",\"title\":\"campaign incident\","
                        + "\"severity\":\"P2\",\"status\":\"triggered\"}";
                case "PUT /api/v1/incidents/{id}/cause" -> () -> "{\"deploymentId\":" + decoys.get("deployment")
                        + ",\"note\":\"campaign correction\"}";
                case "POST /api/v1/incidents/{id}/resolve" -> () -> "{\"resolvedAt\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                        + "\"}";
                case "POST /api/v1/pipeline-runs" -> () -> "{\"pipeline\":\"" + Fixtures.unique("camp-build")
                        + "\",\"repository\":\"campaign/shop\","
                        + "\"branch\":\"main\",\"status\":\"completed\",\"conclusion\":\"success\"}";
                case "POST /api/v1/roles" -> () -> "{\"name\":\"" + Fixtures.unique("camp-role")
                        + "\",\"permissions\":[\"deployments:read\"],"
                        + "\"description\":\"campaign role\"}";
                case "PUT /api/v1/roles/{name}" -> () -> "{\"name\":\"" + decoys.get("role") + "\",\"permissions\":[\"deployments:read\"],"
                        + "\"description\":\"campaign role\"}";
                case "PUT /api/v1/services/{name}/team" -> () -> "{\"team\":\"" + decoys.get("team") + "\"}";
                case "POST /api/v1/sources" -> () -> "{\"kind\":\"github\",\"name\":\"" + Fixtures.unique("camp-src")
                        + "\",\"secret\":\"campaign-secret-0123456789\"}";
                case "POST /api/v1/sources/{id}/rotate-secret" -> () -> "{\"secret\":\"campaign-rotated-secret-0123456789\"}";
                case "POST /api/v1/teams" -> () -> "{\"name\":\"" + Fixtures.unique("camp-team") + "\"}";
                case "POST /api/v1/tokens" -> () -> "{\"name\":\"" + Fixtures.unique("camp-tok")
                        + "\",\"permissions\":[\"deployments:read\"]}";
                case "POST /api/v1/users" -> () -> "{\"username\":\"" + Fixtures.unique("camp-user")
                        + "\",\"displayName\":\"Campaign User\","
                        + "\"password\":\"Campaign password 0123456789!\",\"roles\":[{\"role\":\"viewer\"}]}";
                case "PUT /api/v1/users/{username}/password" -> () -> "{\"password\":\"Another campaign password 9876543210!\"}";
                case "PUT /api/v1/users/{username}/roles" -> () -> "{\"roles\":[{\"role\":\"viewer\"}]}";
                default -> {
                    findings.note("request bodies without a base (" + op.key() + ")", 1);
                    yield () -> "{}";
                }
            };
            return () -> text.get().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String[] cursors(Operation op) {
            String own = cursors.get(op.template());
            String other = cursors.entrySet().stream().filter(e -> !e.getKey().equals(op.template())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            String tampered = own == null || own.length() < 2 ? null
                    : own.substring(0, own.length() - 2) + (own.charAt(own.length() - 2) == 'A' ? 'B' : 'A') + own.charAt(own.length() - 1);
            return new String[] {other, tampered};
        }
    };

    // ---- requests ------------------------------------------------------------------------------

    /** The mutated requests (baselines apart), sampled down to {@code budget}. */
    List<ApiRequest> mutations(int budget, Random random) {
        List<ApiRequest> all = new ArrayList<>();
        for (Operation op : operations) {
            OpenApiOperations.requests(op, bases, random).stream().filter(r -> !r.baseline()).forEach(all::add);
        }
        List<ApiRequest> chosen = Mutations.sample(all, ApiRequest::essential, budget, random);
        findings.note("api operations in /openapi", operations.size());
        findings.note("api mutations sent (of " + all.size() + " possible)", chosen.size());
        return chosen;
    }

    /** The unmutated request of every operation, reads first and deletions last (they use up decoys). */
    List<ApiRequest> baselines(Random random) {
        List<String> order = List.of("GET", "POST", "PUT", "DELETE");
        return operations.stream().map(op -> OpenApiOperations.requests(op, bases, random).get(0))
                .sorted(Comparator.comparingInt(r -> order.indexOf(r.method()))).toList();
    }

    /** Sends one request and applies the path-parameter check to its answer. */
    void send(ApiRequest r) {
        String mutation = r.op().template() + " " + r.mutation();
        byte[] body = r.body() == null ? null : r.body().get();
        Exchange e = exchange(r.method(), r.target(), r.headers(), body, r.raw(), mutation);
        findings.observe(e);
        if (!e.success()) {
            return;
        }
        if (r.check() == PathCheck.NOT_AN_ID) {
            findings.violation(Category.PATH_ID, e, e.area() + " " + Findings.family(mutation) + " -> " + e.status());
        } else if (r.check() == PathCheck.NOT_THE_NAME && e.body().contains(Json.createValue(r.baseName()).toString())) {
            findings.violation(Category.PATH_ID, e, e.area() + " " + Findings.family(mutation) + " -> " + e.status() + " about "
                    + r.baseName());
        }
    }

    private Exchange exchange(String method, String target, Map<String, String> headers, byte[] body, boolean forceRaw, String mutation) {
        boolean text = body == null || utf8(body);
        if (!forceRaw && (text || method.equals("POST"))) {
            try {
                Http.Answer answer;
                if (text) {
                    answer = http.send(method, target, token, headers, body == null ? "" : new String(body, StandardCharsets.UTF_8));
                } else {
                    Map<String, String> withToken = new LinkedHashMap<>(headers);
                    withToken.put("Authorization", "Bearer " + token);
                    answer = http.postRaw(target, withToken, body);
                }
                return Exchange.of(area(method), method, target, mutation, answer);
            } catch (IllegalArgumentException refused) {
                // The JDK's client will not send it (an invalid URI or header): the raw socket will.
            } catch (IllegalStateException failed) {
                return Exchange.noAnswer(area(method), method, target, mutation, String.valueOf(failed.getMessage()));
            }
        }
        RawHttp.Request request = new RawHttp.Request(method, target).headers(headers).header("Authorization", "Bearer " + token)
                .body(body == null ? new byte[0] : body);
        String[] why = new String[1];
        Http.Answer answer = Exchange.answer(raw.send(request, why), why);
        return answer == null ? Exchange.noAnswer(area(method), method, target, mutation, why[0])
                : Exchange.of(area(method), method, target, mutation, answer);
    }

    private static String area(String method) {
        return "api:" + method;
    }

    private static boolean utf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    // ---- paging --------------------------------------------------------------------------------

    /**
     * Every cursor-paged list at its maximum limit (found from the 400 an over-large limit gets):
     * a full page without a next cursor while more rows exist (a page of limit - 1 and the next
     * one hold more than the limit) loses rows.
     */
    void checkPaging() {
        for (Operation op : operations) {
            if (!op.method().equals("GET") || !op.has("query", "cursor") || !op.has("query", "limit")) {
                continue;
            }
            Exchange over = get(op, "?limit=100000000", "paging: limit over the maximum");
            Matcher m = MAX_LIMIT.matcher(over.body());
            int max = m.find() ? Integer.parseInt(m.group(1)) : 500;
            Exchange full = get(op, "?limit=" + max, "paging: limit " + max);
            JsonObject page = Findings.jsonObject(full.body());
            if (page == null || !page.containsKey("items")) {
                continue;
            }
            int n = page.getJsonArray("items").size();
            findings.note("paging: " + op.template() + " items at limit " + max, n);
            if (n < max || page.get("nextCursor") instanceof JsonString) {
                continue;
            }
            Exchange first = get(op, "?limit=" + (max - 1), "paging: limit " + (max - 1));
            JsonObject firstPage = Findings.jsonObject(first.body());
            if (firstPage == null || !(firstPage.get("nextCursor") instanceof JsonString cursor)) {
                continue;
            }
            Exchange second = get(op, "?limit=" + (max - 1) + "&cursor=" + OpenApiOperations.encode(cursor.getString()),
                    "paging: second page of " + (max - 1));
            JsonObject secondPage = Findings.jsonObject(second.body());
            int more = secondPage == null || !secondPage.containsKey("items") ? 0 : secondPage.getJsonArray("items").size();
            if (max - 1 + more > max) {
                findings.violation(Category.PAGING, "api:GET " + op.template() + " at limit " + max, "GET " + op.template() + "?limit="
                        + max
                        + " -> " + full.status() + " | " + n + " items and no nextCursor, though pages of " + (max - 1) + " hold at least "
                                + (max - 1 + more));
            }
        }
    }

    private Exchange get(Operation op, String query, String mutation) {
        return findings.observe(exchange("GET", op.template() + query, Map.of(), null, false, op.template() + " " + mutation));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Http.Answer check(Http.Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException("campaign set-up, " + what + ": expected " + status + ", got " + answer);
        }
        return answer;
    }

    private static String id(Http.Answer answer) {
        return String.valueOf(answer.json().getJsonNumber("id").longValue());
    }

    private static String name(Http.Answer answer) {
        return answer.json().getString("name");
    }
}
