package io.opssight.access.control;

import io.opssight.platform.entity.JsonSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The calls an OAuth app makes to GitHub (github.com or GitHub Enterprise Server): the code-for-token
 * exchange at {@code <base>/login/oauth/access_token} (form body with client id, secret, code,
 * redirect URI and PKCE verifier, {@code Accept: application/json}; GitHub answers errors with 200
 * and an {@code error} member) and reads of the REST API with {@code Authorization: Bearer}, following
 * {@code Link: rel="next"} pages on the same API only. Every call has a 5 s timeout and follows no
 * redirects; GitHub is not OpenID Connect, so there is no ID token to verify: what the API says with
 * the user's token is the identity.
 */
@ApplicationScoped
public class GitHubApi {

    /** Pages of a list read at most (100 entries each). */
    static final int MAX_PAGES = 10;
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    /** GitHub refused or could not be read; the message is the reason to audit (never a token). */
    public static class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String reason) {
            super(reason);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Exchanges an authorization code for the user's access token. */
    public String exchange(String baseUrl, String clientId, String clientSecret, String code, String redirectUri,
            String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", verifier);
        HttpRequest request = HttpRequest.newBuilder(URI.create(trim(baseUrl) + "/login/oauth/access_token"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").header("User-Agent", "OpsSight")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"))))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new Refused("the token endpoint answered " + response.statusCode());
        }
        JsonObject answer = object(response.body(), "the token endpoint");
        if (answer.containsKey("error")) {
            throw new Refused("the token endpoint answered " + answer.getString("error", "?"));
        }
        String token = answer.getString("access_token", "");
        if (token.isBlank() || !"bearer".equalsIgnoreCase(answer.getString("token_type", ""))) {
            throw new Refused("no bearer access_token in the token response");
        }
        return token;
    }

    /** {@code GET <api>/user}. */
    public JsonObject user(String apiUrl, String token) {
        HttpResponse<String> response = get(trim(apiUrl) + "/user", token);
        return object(response.body(), "GET /user");
    }

    /** Every entry of a list resource such as {@code /user/teams} or {@code /user/orgs}. */
    public List<JsonObject> list(String apiUrl, String path, String token) {
        String api = trim(apiUrl);
        List<JsonObject> entries = new ArrayList<>();
        String url = api + path + "?per_page=100";
        for (int page = 0; url != null && page < MAX_PAGES; page++) {
            HttpResponse<String> response = get(url, token);
            JsonStructure body = parse(response.body(), "GET " + path);
            if (!(body instanceof JsonArray array)) {
                throw new Refused("GET " + path + " did not answer a list");
            }
            for (JsonValue value : array) {
                if (value instanceof JsonObject o) {
                    entries.add(o);
                }
            }
            url = next(response).filter(u -> u.startsWith(api + "/")).orElse(null);
        }
        return entries;
    }

    private HttpResponse<String> get(String url, String token) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "OpsSight").header("Authorization", "Bearer " + token).GET().build());
        if (response.statusCode() != 200) {
            throw new Refused(URI.create(url).getPath() + " answered " + response.statusCode());
        }
        return response;
    }

    static Optional<String> next(HttpResponse<String> response) {
        return response.headers().firstValue("Link").map(NEXT::matcher).filter(Matcher::find).map(m -> m.group(1));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Refused("GitHub cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
    }

    private static JsonObject object(String text, String what) {
        if (parse(text, what) instanceof JsonObject o) {
            return o;
        }
        throw new Refused(what + " did not answer a JSON object");
    }

    private static JsonStructure parse(String text, String what) {
        try (JsonReader reader = JsonSupport.JSON.createReader(new StringReader(text))) {
            return reader.read();
        } catch (JsonException e) {
            throw new Refused(what + " did not answer JSON");
        }
    }

    static String trim(String url) {
        return url.replaceAll("/+$", "");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
