package io.opssight.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A stand-in for github.com (or a GitHub Enterprise Server, whose REST API lives under
 * {@code /api/v3}) for one OAuth app, since tests cannot reach GitHub. It implements GitHub's
 * documented OAuth web flow and the three REST reads a sign-in needs, with GitHub's rules and shapes:
 * <ul>
 * <li>{@code GET /login/oauth/authorize}: unknown {@code client_id} is a 404 page; a
 * {@code redirect_uri} on another host/port or outside the registered callback path is sent to the
 * registered callback with {@code error=redirect_uri_mismatch}; PKCE only with
 * {@code code_challenge_method=S256}; the user "signed in to GitHub" ({@link #signIn}) approves at
 * once (as GitHub does for an app the user already authorised) and the browser is redirected with a
 * single-use {@code code} valid 10 minutes and the {@code state} unchanged.</li>
 * <li>{@code POST /login/oauth/access_token}: client id and secret ({@code incorrect_client_credentials}),
 * {@code redirect_uri} equal to the authorisation's ({@code redirect_uri_mismatch}), the code and the
 * PKCE {@code code_verifier} against the challenge ({@code bad_verification_code}); errors are 200
 * with an {@code error} member, as GitHub answers them; the token is {@code {access_token,
 * token_type:"bearer", scope}} as JSON with {@code Accept: application/json}, else form-encoded.</li>
 * <li>{@code GET /user}, {@code /user/teams}, {@code /user/orgs} (under {@code /api/v3}) with
 * {@code Authorization: Bearer} (or {@code token}): 401 {@code Bad credentials} otherwise; teams and
 * organisations need the {@code read:org} scope (403 without); lists paginate with {@code per_page}
 * and {@code Link}.</li>
 * </ul>
 */
public final class FakeGitHub implements AutoCloseable {

    /** A team membership: organisation login, team slug, team name. */
    public record Team(String org, String slug, String name) {
    }

    /** A GitHub user and their memberships. */
    public record Account(long id, String login, String name, String email, List<Team> teams, List<String> orgs) {
    }

    private record Authorization(Account account, String redirectUri, String challenge, String scope, Instant issuedAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private final HttpServer server;
    private final String clientId;
    private final String clientSecret;
    private volatile String callback;
    private volatile Account signedIn;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Authorization> codes = new ConcurrentHashMap<>();
    private final Set<String> redeemed = ConcurrentHashMap.newKeySet();
    private final Map<String, Authorization> tokens = new ConcurrentHashMap<>();
    private final List<Map<String, String>> authorizeRequests = new CopyOnWriteArrayList<>();
    private final List<String> tokenErrors = new CopyOnWriteArrayList<>();

    private FakeGitHub(String clientId, String clientSecret) throws IOException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a fake GitHub for one OAuth app; register its callback with {@link #registerCallback}. */
    public static FakeGitHub start(String clientId, String clientSecret) {
        try {
            return new FakeGitHub(clientId, clientSecret);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The web base, as {@code https://github.com} or a GHES host. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The REST API base, as a GHES's {@code https://HOST/api/v3}. */
    public String apiUrl() {
        return baseUrl() + "/api/v3";
    }

    /** The OAuth app's "Authorization callback URL". */
    public void registerCallback(String url) {
        this.callback = url;
    }

    public void account(Account account) {
        accounts.put(account.login().toLowerCase(), account);
    }

    /** Who is signed in to (fake) GitHub in the browser; they approve the app's requests. */
    public void signIn(String login) {
        signedIn = accounts.get(login.toLowerCase());
    }

    /** The query parameters of every authorisation request received, oldest first. */
    public List<Map<String, String>> authorizeRequests() {
        return List.copyOf(authorizeRequests);
    }

    /** Every error the token endpoint answered, oldest first. */
    public List<String> tokenErrors() {
        return List.copyOf(tokenErrors);
    }

    /** Whether a code was presented at the token endpoint (successfully or not). */
    public boolean redeemed(String code) {
        return redeemed.contains(code);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("/login/oauth/authorize")) {
                authorize(exchange);
            } else if (method.equals("POST") && path.equals("/login/oauth/access_token")) {
                accessToken(exchange);
            } else if (method.equals("GET") && path.startsWith("/api/v3/")) {
                api(exchange, path.substring("/api/v3".length()));
            } else {
                send(exchange, 404, "text/html; charset=utf-8", "<h1>404 Not Found</h1>");
            }
        }
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        authorizeRequests.add(query);
        if (!clientId.equals(query.get("client_id")) || callback == null) {
            send(exchange, 404, "text/html; charset=utf-8", "<h1>404 Not Found</h1>");
            return;
        }
        String state = query.get("state");
        String redirect = query.getOrDefault("redirect_uri", callback);
        if (!redirectAllowed(redirect)) {
            redirect(exchange, callback, Map.of("error", "redirect_uri_mismatch", "error_description",
                    "The redirect_uri MUST match the registered callback URL for this application.", "error_uri",
                    "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#redirect-uri-mismatch",
                    "state", state == null ? "" : state));
            return;
        }
        String challenge = query.get("code_challenge");
        if (challenge != null && !"S256".equals(query.get("code_challenge_method"))) {
            redirect(exchange, redirect, Map.of("error", "invalid_request", "error_description",
                    "code_challenge_method must be S256", "state", state == null ? "" : state));
            return;
        }
        Account account = signedIn;
        if (account == null) {
            send(exchange, 200, "text/html; charset=utf-8", "<html><body><h1>Sign in to GitHub</h1></body></html>");
            return;
        }
        String code = random(10);
        codes.put(code, new Authorization(account, query.containsKey("redirect_uri") ? redirect : null, challenge,
                query.getOrDefault("scope", ""), Instant.now()));
        Map<String, String> back = new LinkedHashMap<>();
        back.put("code", code);
        if (state != null) {
            back.put("state", state);
        }
        redirect(exchange, redirect, back);
    }

    /** GitHub: same host and port as the callback URL, path equal to it or below it. */
    private boolean redirectAllowed(String redirect) {
        try {
            URI given = URI.create(redirect);
            URI registered = URI.create(callback);
            return given.getScheme().equals(registered.getScheme()) && given.getHost().equals(registered.getHost())
                    && given.getPort() == registered.getPort() && given.getRawQuery() == null
                    && (given.getPath().equals(registered.getPath()) || given.getPath().startsWith(registered.getPath() + "/"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void accessToken(HttpExchange exchange) throws IOException {
        Map<String, String> params = new LinkedHashMap<>(form(exchange.getRequestURI().getRawQuery()));
        try (InputStream in = exchange.getRequestBody()) {
            params.putAll(form(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        boolean json = exchange.getRequestHeaders().getOrDefault("Accept", List.of()).stream()
                .anyMatch(a -> a.contains("application/json"));
        if (!clientId.equals(params.get("client_id")) || !clientSecret.equals(params.get("client_secret"))) {
            tokenError(exchange, json, "incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.");
            return;
        }
        String code = params.getOrDefault("code", "");
        redeemed.add(code);
        Authorization authorization = codes.remove(code);
        if (authorization == null || Instant.now().isAfter(authorization.issuedAt().plus(CODE_LIFETIME))) {
            tokenError(exchange, json, "bad_verification_code", "The code passed is incorrect or expired.");
            return;
        }
        if (authorization.redirectUri() != null && !authorization.redirectUri().equals(params.get("redirect_uri"))) {
            tokenError(exchange, json, "redirect_uri_mismatch",
                    "The redirect_uri MUST match the registered callback URL for this application.");
            return;
        }
        if (authorization.challenge() != null) {
            String verifier = params.get("code_verifier");
            if (verifier == null || !authorization.challenge().equals(s256(verifier))) {
                tokenError(exchange, json, "bad_verification_code", "The code passed is incorrect or expired.");
                return;
            }
        }
        String token = "gho_" + random(27).replaceAll("[-_]", "x").substring(0, 36);
        tokens.put(token, authorization);
        // GitHub reports the granted scopes comma-separated.
        String scope = String.join(",", authorization.scope().trim().split("[ ,]+"));
        if (json) {
            send(exchange, 200, "application/json; charset=utf-8", Json.createObjectBuilder().add("access_token", token)
                    .add("token_type", "bearer").add("scope", scope).build().toString());
        } else {
            send(exchange, 200, "application/x-www-form-urlencoded; charset=utf-8",
                    "access_token=" + token + "&scope=" + enc(scope) + "&token_type=bearer");
        }
    }

    private void tokenError(HttpExchange exchange, boolean json, String error, String description) throws IOException {
        tokenErrors.add(error);
        String uri = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#"
                + error.replace('_', '-');
        if (json) {
            send(exchange, 200, "application/json; charset=utf-8", Json.createObjectBuilder().add("error", error)
                    .add("error_description", description).add("error_uri", uri).build().toString());
        } else {
            send(exchange, 200, "application/x-www-form-urlencoded; charset=utf-8",
                    "error=" + error + "&error_description=" + enc(description) + "&error_uri=" + enc(uri));
        }
    }

    private void api(HttpExchange exchange, String path) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Authorization grant = null;
        if (authorization != null) {
            String[] parts = authorization.trim().split("\\s+", 2);
            if (parts.length == 2 && (parts[0].equalsIgnoreCase("bearer") || parts[0].equalsIgnoreCase("token"))) {
                grant = tokens.get(parts[1]);
            }
        }
        if (grant == null) {
            send(exchange, 401, "application/json; charset=utf-8", Json.createObjectBuilder().add("message", "Bad credentials")
                    .add("documentation_url", "https://docs.github.com/rest").add("status", "401").build().toString());
            return;
        }
        Account account = grant.account();
        List<String> scopes = List.of(grant.scope().split("[ ,]+"));
        exchange.getResponseHeaders().add("X-OAuth-Scopes", String.join(", ", scopes));
        switch (path) {
            case "/user" -> send(exchange, 200, "application/json; charset=utf-8", user(account).toString());
            case "/user/teams", "/user/orgs" -> {
                if (!scopes.contains("read:org") && !scopes.contains("admin:org")) {
                    exchange.getResponseHeaders().add("X-Accepted-OAuth-Scopes", "admin:org, read:org, repo, user, write:org");
                    send(exchange, 403, "application/json; charset=utf-8", Json.createObjectBuilder()
                            .add("message", "Resource not accessible by integration")
                            .add("documentation_url", "https://docs.github.com/rest").add("status", "403").build().toString());
                    return;
                }
                List<JsonObject> all = new ArrayList<>();
                if (path.equals("/user/teams")) {
                    account.teams().forEach(t -> all.add(team(t)));
                } else {
                    account.orgs().forEach(o -> all.add(org(o)));
                }
                page(exchange, path, all);
            }
            default -> send(exchange, 404, "application/json; charset=utf-8", Json.createObjectBuilder()
                    .add("message", "Not Found").add("documentation_url", "https://docs.github.com/rest")
                    .add("status", "404").build().toString());
        }
    }

    private void page(HttpExchange exchange, String path, List<JsonObject> all) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        int perPage = Math.max(1, Math.min(100, Integer.parseInt(query.getOrDefault("per_page", "30"))));
        int page = Math.max(1, Integer.parseInt(query.getOrDefault("page", "1")));
        int from = Math.min(all.size(), (page - 1) * perPage);
        int to = Math.min(all.size(), from + perPage);
        if (to < all.size()) {
            exchange.getResponseHeaders().add("Link", "<" + apiUrl() + path + "?per_page=" + perPage + "&page=" + (page + 1)
                    + ">; rel=\"next\"");
        }
        JsonArrayBuilder array = Json.createArrayBuilder();
        all.subList(from, to).forEach(array::add);
        send(exchange, 200, "application/json; charset=utf-8", array.build().toString());
    }

    /** GitHub's "private user" shape of {@code GET /user}. */
    private JsonObject user(Account a) {
        String api = apiUrl() + "/users/" + a.login();
        JsonObjectBuilder b = Json.createObjectBuilder().add("login", a.login()).add("id", a.id())
                .add("node_id", Base64.getEncoder().encodeToString(("04:User" + a.id()).getBytes(StandardCharsets.UTF_8)))
                .add("avatar_url", baseUrl() + "/avatars/u/" + a.id() + "?v=4").add("gravatar_id", "").add("url", api)
                .add("html_url", baseUrl() + "/" + a.login()).add("followers_url", api + "/followers")
                .add("following_url", api + "/following{/other_user}").add("gists_url", api + "/gists{/gist_id}")
                .add("starred_url", api + "/starred{/owner}{/repo}").add("subscriptions_url", api + "/subscriptions")
                .add("organizations_url", api + "/orgs").add("repos_url", api + "/repos")
                .add("events_url", api + "/events{/privacy}").add("received_events_url", api + "/received_events")
                .add("type", "User").add("user_view_type", "private").add("site_admin", false).add("name", a.name())
                .addNull("company").add("blog", "").addNull("location");
        if (a.email() == null) {
            b.addNull("email");
        } else {
            b.add("email", a.email());
        }
        return b.addNull("hireable").addNull("bio").addNull("twitter_username").addNull("notification_email")
                .add("public_repos", 2).add("public_gists", 0).add("followers", 1).add("following", 0)
                .add("created_at", "2015-03-04T12:00:00Z").add("updated_at", "2026-10-01T08:30:00Z")
                .add("private_gists", 0).add("total_private_repos", 0).add("owned_private_repos", 0)
                .add("disk_usage", 120).add("collaborators", 0).add("two_factor_authentication", true)
                .add("plan", Json.createObjectBuilder().add("name", "free").add("space", 976562499)
                        .add("collaborators", 0).add("private_repos", 10000))
                .build();
    }

    /** An element of {@code GET /user/teams}: a full team with its organisation. */
    private JsonObject team(Team t) {
        long id = Math.abs((long) (t.org() + "/" + t.slug()).hashCode());
        String api = apiUrl() + "/teams/" + id;
        return Json.createObjectBuilder().add("id", id).add("node_id", "T_" + id).add("url", api)
                .add("html_url", baseUrl() + "/orgs/" + t.org() + "/teams/" + t.slug()).add("name", t.name())
                .add("slug", t.slug()).add("description", "").add("privacy", "closed")
                .add("notification_setting", "notifications_enabled").add("permission", "pull")
                .add("members_url", api + "/members{/member}").add("repositories_url", api + "/repos").addNull("parent")
                .add("members_count", 3).add("repos_count", 4).add("created_at", "2020-01-01T00:00:00Z")
                .add("updated_at", "2026-01-01T00:00:00Z").add("organization", organization(t.org())).build();
    }

    /** An element of {@code GET /user/orgs}. */
    private JsonObject org(String login) {
        long id = Math.abs((long) login.hashCode());
        String api = apiUrl() + "/orgs/" + login;
        return Json.createObjectBuilder().add("login", login).add("id", id).add("node_id", "O_" + id).add("url", api)
                .add("repos_url", api + "/repos").add("events_url", api + "/events").add("hooks_url", api + "/hooks")
                .add("issues_url", api + "/issues").add("members_url", api + "/members{/member}")
                .add("public_members_url", api + "/public_members{/member}")
                .add("avatar_url", baseUrl() + "/avatars/o/" + id + "?v=4").add("description", login + " organisation").build();
    }

    /** The organisation as embedded in a team. */
    private JsonObjectBuilder organization(String login) {
        long id = Math.abs((long) login.hashCode());
        String api = apiUrl() + "/orgs/" + login;
        return Json.createObjectBuilder().add("login", login).add("id", id).add("node_id", "O_" + id).add("url", api)
                .add("repos_url", api + "/repos").add("events_url", api + "/events").add("hooks_url", api + "/hooks")
                .add("issues_url", api + "/issues").add("members_url", api + "/members{/member}")
                .add("public_members_url", api + "/public_members{/member}")
                .add("avatar_url", baseUrl() + "/avatars/o/" + id + "?v=4").add("description", "").add("name", login)
                .addNull("company").add("blog", "").addNull("location").addNull("email").add("is_verified", false)
                .add("has_organization_projects", true).add("has_repository_projects", true).add("public_repos", 1)
                .add("public_gists", 0).add("followers", 0).add("following", 0)
                .add("html_url", baseUrl() + "/" + login).add("created_at", "2015-01-01T00:00:00Z")
                .add("updated_at", "2026-01-01T00:00:00Z").add("type", "Organization");
    }

    private static void redirect(HttpExchange exchange, String to, Map<String, String> params) throws IOException {
        String query = params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        exchange.getResponseHeaders().add("Location", to + (to.contains("?") ? "&" : "?") + query);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.putIfAbsent(key, value);
        }
        return result;
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
