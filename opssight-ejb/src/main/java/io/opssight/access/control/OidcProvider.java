package io.opssight.access.control;

import io.opssight.platform.entity.JsonSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OpenID provider the console signs users in with: its discovery document (from the configured
 * issuer, kept for ten minutes, its {@code issuer} must equal the configured one), its signing keys
 * (the {@code jwks_uri}, kept five minutes), and the code-for-tokens exchange (client secret in
 * HTTP Basic, PKCE verifier). Every call has a 5 s timeout and follows no redirects.
 */
@ApplicationScoped
public class OidcProvider {

    static final Duration KEEP_DISCOVERY = Duration.ofMinutes(10);
    static final Duration KEEP_KEYS = Duration.ofMinutes(5);

    /** The endpoints OpsSight uses. */
    public record Endpoints(String issuer, String authorization, String token, String jwks) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile Endpoints endpoints;
    private volatile Instant discoveredAt = Instant.EPOCH;
    private volatile List<PublicKeys.Key> keys;
    private volatile Instant keysAt = Instant.EPOCH;

    public Endpoints endpoints(String issuer) {
        Endpoints known = endpoints;
        if (known == null || !known.issuer().equals(issuer) || Instant.now().isAfter(discoveredAt.plus(KEEP_DISCOVERY))) {
            JsonObject doc = json(get(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration"));
            if (!issuer.equals(doc.getString("issuer", ""))) {
                throw new IllegalStateException("The discovery document names issuer " + doc.getString("issuer", "?")
                        + ", not " + issuer);
            }
            known = new Endpoints(issuer, doc.getString("authorization_endpoint"), doc.getString("token_endpoint"),
                    doc.getString("jwks_uri"));
            endpoints = known;
            discoveredAt = Instant.now();
        }
        return known;
    }

    public List<PublicKeys.Key> keys(Endpoints provider) {
        if (keys == null || Instant.now().isAfter(keysAt.plus(KEEP_KEYS))) {
            keys = PublicKeys.parse(get(provider.jwks()));
            keysAt = Instant.now();
        }
        return keys;
    }

    /** Exchanges an authorization code for the token response (it holds the {@code id_token}). */
    public JsonObject exchange(Endpoints provider, String clientId, String clientSecret, String code, String redirectUri,
            String verifier) {
        String form = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri,
                "code_verifier", verifier, "client_id", clientId).entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        String basic = Base64.getEncoder().encodeToString((enc(clientId) + ":" + enc(clientSecret))
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(provider.token())).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The token endpoint answered " + response.statusCode());
        }
        return json(response.body());
    }

    private String get(String url) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json").GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("The OpenID provider cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = JsonSupport.JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
