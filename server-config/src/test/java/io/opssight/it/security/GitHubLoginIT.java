package io.opssight.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Browser;
import io.opssight.it.support.FakeGitHub;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Console sign-in with a GitHub OAuth app, against {@link FakeGitHub} (GitHub itself cannot be
 * reached from tests) configured like a GitHub Enterprise Server (web base and {@code /api/v3}):
 * authorization code with state and PKCE S256, the code exchanged with the client secret, the
 * user's teams mapped to roles ({@code org/team-slug}), only members of the allowed organisation.
 */
@DisplayName("#5 GitHub OAuth console sign-in")
class GitHubLoginIT {

    static final String CLIENT = "Iv1.opssight" + UUID.randomUUID().toString().substring(0, 8);
    static final String SECRET = "github-secret-" + UUID.randomUUID();
    static final Instant STARTED = Instant.now().minusSeconds(5);

    static FakeGitHub github;
    static OpsSightServer server;
    static Http http;

    @BeforeAll
    static void start() {
        github = FakeGitHub.start(CLIENT, SECRET);
        github.account(new FakeGitHub.Account(1001, "alice", "Alice Viewer", "alice@acme.example",
                List.of(new FakeGitHub.Team("acme", "viewers", "Viewers")), List.of("acme")));
        // GitHub reports the organisation with its own capitalisation; the mapping is case-insensitive.
        github.account(new FakeGitHub.Account(1002, "bob", "Bob Admin", null,
                List.of(new FakeGitHub.Team("Acme", "platform-admins", "Platform admins")), List.of("Acme")));
        github.account(new FakeGitHub.Account(1003, "carol", "Carol Payments", "carol@acme.example",
                List.of(new FakeGitHub.Team("acme", "payments", "Payments")), List.of("acme")));
        // A member of another organisation only; her team is even named in the mapping.
        github.account(new FakeGitHub.Account(1004, "mallory", "Mallory", "mallory@evil.example",
                List.of(new FakeGitHub.Team("evilcorp", "platform-admins", "Platform admins")), List.of("evilcorp")));
        Map<String, String> env = OpsSightServer.postgresEnvironment(TestPostgres.createDatabase("github"));
        env.put("OPSSIGHT_GITHUB_CLIENT_ID", CLIENT);
        env.put("OPSSIGHT_GITHUB_CLIENT_SECRET", SECRET);
        // Like a GitHub Enterprise Server: the API defaults to <base>/api/v3.
        env.put("OPSSIGHT_GITHUB_BASE_URL", github.baseUrl());
        env.put("OPSSIGHT_GITHUB_ALLOWED_ORGANIZATIONS", "acme");
        env.put("OPSSIGHT_GITHUB_TEAM_ROLES", "acme/viewers=viewer,acme/platform-admins=admin,"
                + "acme/payments=engineer@payments,evilcorp/platform-admins=admin");
        server = OpsSightServer.start("github", null, env);
        server.awaitReady(Duration.ofSeconds(300));
        http = server.http();
        github.registerCallback(server.baseUrl() + "/github/callback");
        for (String team : List.of("payments", "search")) {
            Http.Answer created = http.postJson("/api/v1/teams", OpsSightServer.ADMIN_TOKEN, "{\"name\":\"" + team + "\"}");
            assertEquals(201, created.status(), created::toString);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    @DisplayName("#5 a GitHub user signs in from the sign-in page with the role of their team, in a new session, and signs out")
    void githubUserSignsInWithTheRoleOfTheirTeam() {
        github.signIn("alice");
        int authorizations = github.authorizeRequests().size();
        WebDriver browser = Browser.open();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get(server.baseUrl() + "/deployments.xhtml");
            wait.until(ExpectedConditions.urlContains("/login.xhtml"));
            String before = browser.manage().getCookieNamed("JSESSIONID").getValue();
            assertEquals("Sign in with GitHub", wait.until(ExpectedConditions.elementToBeClickable(By.id("github"))).getText());
            Browser.screenshot(browser, "sign-in-with-github-offered");
            browser.findElement(By.id("github")).click();

            wait.until(ExpectedConditions.urlContains(server.baseUrl() + "/deployments.xhtml"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("table:deployments")));
            assertTrue(browser.findElement(By.cssSelector(".ops-user")).getText().contains("github:alice"));
            assertNotEquals(before, browser.manage().getCookieNamed("JSESSIONID").getValue(), "a new session id");
            Browser.screenshot(browser, "signed-in-with-github");
            browser.get(server.baseUrl() + "/api/v1/users");
            assertTrue(browser.getPageSource().contains("403"), "a viewer does not manage users");

            browser.get(server.baseUrl() + "/deployments.xhtml");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("signout:signOut"))).click();
            wait.until(ExpectedConditions.urlContains("/login.xhtml"));
            browser.get(server.baseUrl() + "/deployments.xhtml");
            wait.until(ExpectedConditions.urlContains("/login.xhtml?next="));
        } finally {
            browser.quit();
        }
        List<Map<String, String>> requests = github.authorizeRequests();
        assertEquals(authorizations + 1, requests.size(), "one authorisation request reached GitHub");
        Map<String, String> request = requests.get(requests.size() - 1);
        assertEquals(CLIENT, request.get("client_id"));
        assertEquals("read:user user:email read:org", request.get("scope"));
        assertEquals("S256", request.get("code_challenge_method"));
        assertEquals(43, request.get("code_challenge").length(), "a SHA-256 challenge");
        assertEquals(server.baseUrl() + "/github/callback", request.get("redirect_uri"));
        assertTrue(request.get("state").length() >= 43, "a state of 256 bits");

        List<JsonObject> logins = audit("action=auth.login&actor=github:alice");
        assertEquals(1, logins.size(), logins::toString);
        assertEquals("alice", logins.get(0).getString("target", ""));
        assertTrue(logins.get(0).getString("details", "").startsWith("github " + github.baseUrl()), logins::toString);
        assertFalse(audit("action=console.sign-out&actor=github:alice").isEmpty(), "the sign-out is audited");
    }

    @Test
    @DisplayName("#5 GitHub team memberships map to roles: admin everywhere, engineer for one OpsSight team only")
    void teamsMapToRolesAndOpsSightTeams() {
        ConsoleSession bob = new ConsoleSession(server);
        assertTrue(signInThroughGitHub(bob, "bob").location().endsWith("/index.xhtml"));
        assertEquals(200, bob.get("/api/v1/users").status(), "Acme/platform-admins is admin");
        assertEquals(200, bob.get("/api/v1/dora?team=search").status());

        ConsoleSession carol = new ConsoleSession(server);
        assertTrue(signInThroughGitHub(carol, "carol").location().endsWith("/index.xhtml"));
        assertEquals(403, carol.get("/api/v1/users").status(), "an engineer does not manage users");
        assertEquals(200, carol.get("/api/v1/dora?team=payments").status(), "her team's figures");
        assertEquals(400, carol.get("/api/v1/dora?team=search").status(), "another team is unknown to her");
        assertFalse(audit("action=auth.login&actor=github:carol").isEmpty());
    }

    @Test
    @DisplayName("#5 a callback whose state this session did not start is refused, and the code is never redeemed")
    void stateMismatchIsRefused() {
        github.signIn("bob");
        ConsoleSession session = new ConsoleSession(server);
        ConsoleSession.Answer start = session.get("/github/login");
        assertEquals(302, start.status());
        assertTrue(start.location().startsWith(github.baseUrl() + "/login/oauth/authorize?"), start.location());
        ConsoleSession.Answer approved = session.getUrl(start.location());
        assertEquals(302, approved.status());
        Map<String, String> back = query(approved.location());
        String code = back.get("code");

        ConsoleSession.Answer forged = session.get("/github/callback?state=forged-state&code=" + code);
        assertEquals(302, forged.status());
        assertTrue(forged.location().endsWith("/login.xhtml?github=failed"), forged.location());
        assertFalse(github.redeemed(code), "with a wrong state the code is not even exchanged");
        ConsoleSession.Answer replay = session.getUrl(approved.location());
        assertTrue(replay.location().endsWith("/login.xhtml?github=failed"), "the started sign-in was used up: " + replay.location());
        assertEquals(302, session.get("/deployments.xhtml").status(), "still not signed in");
        assertTrue(audit("action=auth.login-failed").stream()
                .anyMatch(e -> e.getString("details", "").equals("github: no matching sign-in started in this session (state)")));

        // The right state with a code GitHub did not issue: GitHub's bad_verification_code refuses it.
        ConsoleSession other = new ConsoleSession(server);
        Map<String, String> started = query(other.get("/github/login").location());
        ConsoleSession.Answer badCode = other.get("/github/callback?state=" + started.get("state") + "&code=0123456789abcdef0123");
        assertTrue(badCode.location().endsWith("/login.xhtml?github=failed"), badCode.location());
        assertTrue(audit("action=auth.login-failed").stream()
                .anyMatch(e -> e.getString("details", "").contains("bad_verification_code")));
        assertEquals(302, other.get("/deployments.xhtml").status(), "still not signed in");
    }

    @Test
    @DisplayName("#5 a GitHub user outside the allowed organisation is refused, whatever their teams")
    void userOutsideTheAllowedOrganisationIsRefused() {
        github.signIn("mallory");
        WebDriver browser = Browser.open();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get(server.baseUrl() + "/login.xhtml");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("github"))).click();
            wait.until(ExpectedConditions.urlContains("/login.xhtml?github=failed"));
            assertTrue(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("githubFailed"))).getText()
                    .contains("Signing in with GitHub failed"));
            Browser.screenshot(browser, "github-user-outside-the-organisation-refused");
            assertTrue(browser.findElements(By.cssSelector(".ops-user")).isEmpty(), "nobody is signed in");
            browser.get(server.baseUrl() + "/api/v1/users");
            assertTrue(browser.getPageSource().contains("401"), "the session carries no identity");
        } finally {
            browser.quit();
        }
        List<JsonObject> refused = audit("action=auth.login-failed").stream()
                .filter(e -> "mallory".equals(e.getString("target", ""))).toList();
        assertEquals(1, refused.size(), refused::toString);
        assertEquals("github: not a member of an allowed organisation (acme)", refused.get(0).getString("details", ""));
        assertEquals("anonymous", refused.get(0).getString("actor"));
        assertTrue(audit("action=auth.login&actor=github:mallory").isEmpty());
    }

    /** The browser's part of the flow over plain HTTP: OpsSight → GitHub (approves) → OpsSight's callback. */
    private static ConsoleSession.Answer signInThroughGitHub(ConsoleSession session, String login) {
        github.signIn(login);
        ConsoleSession.Answer start = session.get("/github/login");
        assertEquals(302, start.status(), start::toString);
        ConsoleSession.Answer approved = session.getUrl(start.location());
        assertEquals(302, approved.status(), approved::toString);
        assertTrue(approved.location().startsWith(server.baseUrl() + "/github/callback?code="), approved.location());
        ConsoleSession.Answer done = session.getUrl(approved.location());
        assertEquals(302, done.status(), done::toString);
        return done;
    }

    private static Map<String, String> query(String url) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            result.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return result;
    }

    private List<JsonObject> audit(String query) {
        Http.Answer answer = http.get("/api/v1/audit?limit=1000&from=" + STARTED + "&" + query, OpsSightServer.ADMIN_TOKEN);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json().getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
    }
}
