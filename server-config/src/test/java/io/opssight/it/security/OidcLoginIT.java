package io.opssight.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Browser;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Console single sign-on against a real Keycloak: authorization code with state, nonce and PKCE
 * S256, the ID token verified with the realm's keys, groups mapped to roles, a new session.
 */
@DisplayName("#5 OIDC console sign-in against Keycloak")
class OidcLoginIT {

    static final String REALM = "ops";
    static final String CLIENT = "opssight";
    static final String SECRET = "client-secret-" + UUID.randomUUID();
    static final Instant STARTED = Instant.now().minusSeconds(5);

    static Keycloak keycloak;
    static OpsSightServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Keycloak.available(), "Keycloak " + Keycloak.VERSION + " zip and a Java 21+ JDK are needed: "
                + Keycloak.zip() + ", " + Keycloak.javaHome());
        keycloak = Keycloak.start();
        Map<String, String> env = OpsSightServer.postgresEnvironment(TestPostgres.createDatabase("oidc"));
        env.put("OPSSIGHT_OIDC_ISSUER", keycloak.issuer(REALM));
        env.put("OPSSIGHT_OIDC_CLIENT_ID", CLIENT);
        env.put("OPSSIGHT_OIDC_CLIENT_SECRET", SECRET);
        env.put("OPSSIGHT_OIDC_GROUP_ROLES", "ops-admins=admin,ops-viewers=viewer");
        server = OpsSightServer.start("oidc", null, env);
        keycloak.awaitReady(Duration.ofSeconds(300));
        server.awaitReady(Duration.ofSeconds(300));
        http = server.http();
        keycloak.realm(REALM, CLIENT, SECRET, server.baseUrl() + "/oidc/callback");
        keycloak.group(REALM, "ops-admins");
        keycloak.group(REALM, "ops-viewers");
        keycloak.user(REALM, "alice", "alice-password-1", "ops-viewers");
        keycloak.user(REALM, "mallory", "mallory-password-1");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    @DisplayName("#5 a Keycloak user signs in to the console with the roles of their groups, in a new session")
    void keycloakUserSignsIn() {
        WebDriver browser = Browser.open();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get(server.baseUrl() + "/deployments.xhtml");
            wait.until(ExpectedConditions.urlContains("/login.xhtml"));
            String before = browser.manage().getCookieNamed("JSESSIONID").getValue();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("sso"))).click();

            wait.until(ExpectedConditions.urlContains("/realms/" + REALM + "/"));
            assertTrue(browser.getCurrentUrl().contains("code_challenge_method=S256"), browser.getCurrentUrl());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("alice");
            browser.findElement(By.id("password")).sendKeys("alice-password-1");
            browser.findElement(By.id("kc-login")).click();

            wait.until(ExpectedConditions.urlContains(server.baseUrl() + "/deployments.xhtml"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("table:deployments")));
            assertTrue(browser.findElement(By.cssSelector(".ops-user")).getText().contains("oidc:alice"));
            assertNotEquals(before, browser.manage().getCookieNamed("JSESSIONID").getValue(), "a new session id");
            Browser.screenshot(browser, "signed-in-with-keycloak");
            browser.get(server.baseUrl() + "/api/v1/users");
            assertTrue(browser.getPageSource().contains("403"), "a viewer does not manage users");
        } finally {
            browser.quit();
        }
        assertFalse(audit("action=auth.login&actor=oidc:alice").isEmpty());
    }

    @Test
    @DisplayName("#5 a callback with a state this session did not start is refused")
    void forgedCallbackIsRefused() {
        ConsoleSession session = new ConsoleSession(server);
        ConsoleSession.Answer start = session.get("/oidc/login");
        assertEquals(302, start.status());
        String location = start.location();
        assertTrue(location.startsWith(keycloak.issuer(REALM) + "/protocol/openid-connect/auth?"), location);
        for (String part : List.of("response_type=code", "state=", "nonce=", "code_challenge=", "code_challenge_method=S256")) {
            assertTrue(location.contains(part), location);
        }
        ConsoleSession.Answer forged = session.get("/oidc/callback?state=forged&code=whatever");
        assertEquals(302, forged.status());
        assertTrue(forged.location().contains("/login.xhtml?sso=failed"), forged.location());
        assertEquals(302, session.get("/deployments.xhtml").status(), "still not signed in");
        assertTrue(audit("action=auth.login-failed").stream().anyMatch(e -> e.getString("details", "").contains("state")));
    }

    private List<JsonObject> audit(String query) {
        Http.Answer answer = http.get("/api/v1/audit?limit=1000&from=" + STARTED + "&" + query, OpsSightServer.ADMIN_TOKEN);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json().getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
    }
}
