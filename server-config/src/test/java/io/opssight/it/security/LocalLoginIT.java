package io.opssight.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Browser;
import io.opssight.it.support.ConsoleBrowser;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import java.time.Instant;

/** Console sign-in with a local username and password in real Chromium: first admin, lockout, sign-out. */
@ConsoleBrowser(waitSeconds = 30)
@DisplayName("#5 local accounts: console sign-in, lockout, sign-out")
class LocalLoginIT {

    /** Audit queries look only at what happened since this class started (the trail is shared). */
    private static final Instant STARTED = Instant.now().minusSeconds(5);

    private static final Pattern GENERATED = Pattern.compile("Generated password \\(shown once, change it after signing in\\): (\\S+)");
    private static final String FAILED = "Sign-in failed: wrong username or password, or the account is locked or disabled.";

    private OpsSightServer server;
    private Http http;
    private WebDriver browser;
    private WebDriverWait wait;

    @Test
    @DisplayName("#5 the first administrator signs in with the password the first start logged once, and signs out")
    void firstAdminSignsInWithTheLoggedPassword() throws IOException {
        String log = Files.readString(server.log());
        Matcher m = GENERATED.matcher(log);
        assertTrue(m.find(), "the generated password is in the log");
        String password = m.group(1);
        assertFalse(m.find(), "and only once");

        browser.get(server.baseUrl() + "/deployments.xhtml");
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        signIn("admin", password);
        wait.until(ExpectedConditions.urlContains("/deployments.xhtml"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("table:deployments")));
        assertTrue(browser.findElement(By.cssSelector(".ops-user")).getText().contains("user:admin"));
        Browser.screenshot(browser, "signed-in-as-admin");

        browser.findElement(By.id("signout:signOut")).click();
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        browser.get(server.baseUrl() + "/deployments.xhtml");
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        assertTrue(browser.findElements(By.id("table:deployments")).isEmpty(), "the session ended with the sign-out");

        assertFalse(audit("action=auth.login&actor=user:admin").isEmpty());
        assertFalse(audit("action=console.sign-out&actor=user:admin").isEmpty(), "sign-out is audited");
    }

    @Test
    @DisplayName("#5 five wrong passwords lock the account; the answer never tells whether the user exists")
    void wrongPasswordsLockTheAccount() {
        String username = Fixtures.unique("lena");
        String password = "lena's real password 2026";
        assertEquals(201, http.postJson("/api/v1/users", OpsSightServer.ADMIN_TOKEN, "{\"username\":\"" + username
                + "\",\"password\":\"" + password + "\",\"roles\":[{\"role\":\"viewer\"}]}").status());

        browser.get(server.baseUrl() + "/login.xhtml");
        signIn(Fixtures.unique("nobody"), "whatever password");
        assertEquals(FAILED, failure(), "an unknown user");
        for (int i = 1; i <= 5; i++) {
            signIn(username, "wrong password " + i);
            assertEquals(FAILED, failure(), "a wrong password, attempt " + i);
        }
        signIn(username, password);
        assertEquals(FAILED, failure(), "the right password while locked");
        Browser.screenshot(browser, "sign-in-failed");
        assertTrue(browser.getCurrentUrl().contains("/login.xhtml"));

        JsonObject locked = http.get("/api/v1/users/" + username, OpsSightServer.ADMIN_TOKEN).json();
        assertFalse(locked.isNull("lockedUntil"), locked::toString);
        List<JsonObject> lockEvents = audit("action=auth.account-locked");
        assertTrue(lockEvents.stream().anyMatch(e -> e.getString("target").equals(username)), lockEvents::toString);
        assertTrue(audit("action=auth.login-failed").stream().filter(e -> e.getString("target").equals(username)).count() >= 6);

        assertEquals(200, http.postJson("/api/v1/users/" + username + "/unlock", OpsSightServer.ADMIN_TOKEN, "{}").status());
        signIn(username, password);
        wait.until(ExpectedConditions.urlContains("/index.xhtml"));
    }

    @Test
    @DisplayName("#5 signing in gives the session a new id (no session fixation)")
    void signInChangesTheSessionId() {
        String username = Fixtures.unique("sid");
        String password = "another long password";
        assertEquals(201, http.postJson("/api/v1/users", OpsSightServer.ADMIN_TOKEN, "{\"username\":\"" + username
                + "\",\"password\":\"" + password + "\",\"roles\":[{\"role\":\"viewer\"}]}").status());
        ConsoleSession session = new ConsoleSession(server);
        session.get("/login.xhtml");
        String before = session.sessionId();
        assertNotNull(before);
        assertTrue(session.signIn(username, password), () -> session.lastSignIn.toString());
        assertNotEquals(before, session.sessionId());
        assertEquals(200, session.get("/api/v1/deployments").status());
    }

    private void signIn(String username, String password) {
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("local:username")));
        name.clear();
        name.sendKeys(username);
        WebElement secret = browser.findElement(By.id("local:password"));
        secret.clear();
        secret.sendKeys(password);
        WebElement submit = browser.findElement(By.id("local:submit"));
        submit.click();
        wait.until(Browser.replaced(submit));
    }

    private String failure() {
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#local .ui-message-error")));
        return message.getText().trim();
    }

    private List<JsonObject> audit(String query) {
        Http.Answer answer = http.get("/api/v1/audit?limit=1000&from=" + STARTED + "&" + query, OpsSightServer.ADMIN_TOKEN);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json().getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
    }
}
