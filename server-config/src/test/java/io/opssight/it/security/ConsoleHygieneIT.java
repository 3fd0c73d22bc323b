package io.opssight.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.util.Locale;

/**
 * The console's browser-facing hygiene, read from raw HTTP: the session cookie's attributes, HSTS
 * only over TLS (here as reported by a trusted proxy), the security headers, and CSRF: a sign-in
 * post without a valid view state, or from another origin, signs nobody in.
 */
@DisplayName("#5 console hygiene")
class ConsoleHygieneIT {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private static OpsSightServer server;

    @BeforeAll
    static void start() {
        String db = TestPostgres.createDatabase("console");
        Map<String, String> env = OpsSightServer.postgresEnvironment(db);
        env.put("OPSSIGHT_CONSOLE_SECURE_COOKIE", "true");
        env.put("OPSSIGHT_HTTP_TRUSTED_PROXIES", "127.0.0.1/32,::1/128");
        server = OpsSightServer.start("console", db, env).awaitReady(Duration.ofSeconds(240));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void sessionCookieIsHttpOnlySameSiteAndSecureWhenConfigured() throws Exception {
        HttpResponse<String> page = get("/login.xhtml", null, Map.of());
        assertEquals(200, page.statusCode());
        String cookie = sessionCookie(page);
        String attributes = cookie.toLowerCase(Locale.ROOT);
        assertTrue(attributes.contains("; httponly"), cookie);
        assertTrue(attributes.contains("; samesite=lax") || attributes.contains("; samesite=strict"), cookie);
        assertTrue(attributes.contains("; secure"), cookie);
    }

    @Test
    void sendsHstsOnlyForRequestsThatCameOverTls() throws Exception {
        assertTrue(get("/login.xhtml", null, Map.of()).headers().firstValue("Strict-Transport-Security").isEmpty(),
                "plain HTTP gets no HSTS");
        HttpResponse<String> viaTls = get("/login.xhtml", null, Map.of("X-Forwarded-Proto", "https"));
        assertTrue(viaTls.headers().firstValue("Strict-Transport-Security").orElse("").startsWith("max-age="),
                "the trusted proxy says the client used TLS");
        String csp = viaTls.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'") && csp.contains("base-uri 'self'"), csp);
        assertEquals("nosniff", viaTls.headers().firstValue("X-Content-Type-Options").orElseThrow());
    }

    @Test
    void signInPostsWithoutAValidViewStateOrFromAnotherOriginSignNobodyIn() throws Exception {
        HttpResponse<String> page = get("/login.xhtml", null, Map.of());
        String cookie = sessionCookie(page).split(";")[0];
        Matcher viewState = VIEW_STATE.matcher(page.body());
        assertTrue(viewState.find(), "the sign-in form carries a view state");

        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:token", OpsSightServer.ADMIN_TOKEN);
        form.put("login:submit", "Sign in");

        HttpResponse<String> withoutState = post("/login.xhtml", cookie, form, Map.of());
        assertNotEquals(302, withoutState.statusCode(), "no view state: the action does not run");
        assertSignedOut(cookie);

        form.put("jakarta.faces.ViewState", "-1234567890123456789:9876543210987654321");
        HttpResponse<String> forged = post("/login.xhtml", cookie, form, Map.of());
        assertNotEquals(302, forged.statusCode(), "a forged view state: the action does not run");
        assertSignedOut(cookie);

        form.put("jakarta.faces.ViewState", viewState.group(1));
        HttpResponse<String> crossSite = post("/login.xhtml", cookie, form, Map.of("Origin", "https://evil.example"));
        assertEquals(403, crossSite.statusCode());
        assertSignedOut(cookie);

        HttpResponse<String> genuine = post("/login.xhtml", cookie, form, Map.of("Origin", server.baseUrl()));
        assertEquals(302, genuine.statusCode(), "the same post from the console's own page signs in");
        String signedIn = sessionCookie(genuine).split(";")[0];
        assertEquals(200, get("/index.xhtml", signedIn, Map.of()).statusCode());
    }

    private static void assertSignedOut(String cookie) throws Exception {
        HttpResponse<String> index = get("/index.xhtml", cookie, Map.of());
        assertEquals(302, index.statusCode(), "still not signed in");
        assertTrue(index.headers().firstValue("Location").orElse("").contains("/login.xhtml"));
    }

    private static String sessionCookie(HttpResponse<String> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        return cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
    }

    private static HttpResponse<String> get(String path, String cookie, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET();
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        headers.forEach(builder::header);
        return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String cookie, Map<String, String> form, Map<String, String> headers)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
