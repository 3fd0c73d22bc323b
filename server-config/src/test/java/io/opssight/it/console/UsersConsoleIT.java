package io.opssight.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Browser;
import io.opssight.it.support.ConsoleBrowser;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.JavascriptExecutor;

/** Admin / Users and Admin / Roles in real headless Chromium against the running server on PostgreSQL. */
@ConsoleBrowser
@DisplayName("#6 console: users, roles and role assignments")
class UsersConsoleIT {

    private static final String PASSWORD = "correct horse battery staple";

    private OpsSightServer server;
    private Http http;
    private WebDriver browser;
    private WebDriverWait wait;

    @Test
    @DisplayName("#6 a viewer made in the console signs in with its password, sees deployments and is refused the admin pages")
    void aViewerMadeInTheConsoleSignsInAndIsRefusedTheAdminPages() {
        String username = Fixtures.unique("viewer");
        open("/admin/users.xhtml", OpsSightServer.ADMIN_TOKEN);
        assertFalse(browser.findElements(By.id("nav-users")).isEmpty(), "users:manage shows the Users link");
        assertFalse(browser.findElements(By.id("nav-roles")).isEmpty(), "and the Roles link");

        browser.findElement(By.id("create:username")).sendKeys(username);
        browser.findElement(By.id("create:displayName")).sendKeys("Viewer Person");
        browser.findElement(By.id("create:password")).sendKeys(PASSWORD);
        Browser.choose(browser, "create:role", "viewer");
        browser.findElement(By.id("create:submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "User " + username + " created."));
        WebElement row = userRow(username);
        assertTrue(row.getText().contains("Viewer Person"), row.getText());
        assertTrue(row.findElement(By.cssSelector(".ops-roles")).getText().equals("viewer"), row.getText());
        assertTrue(row.getText().contains("never"), "no sign-in yet: " + row.getText());
        Browser.screenshot(browser, "admin-users");

        WebDriver own = Browser.open();
        try {
            WebDriverWait ownWait = new WebDriverWait(own, Duration.ofSeconds(30));
            signIn(own, ownWait, "/deployments.xhtml", username, PASSWORD);
            ownWait.until(ExpectedConditions.presenceOfElementLocated(By.id("table:deployments")));
            assertTrue(own.findElement(By.cssSelector(".ops-user")).getText().contains("user:" + username));
            assertTrue(own.findElements(By.id("nav-users")).isEmpty(), "no Users link without users:manage");
            assertTrue(own.findElements(By.id("nav-roles")).isEmpty(), "no Roles link without users:manage");
            for (String page : new String[] {"/admin/users.xhtml", "/admin/roles.xhtml", "/admin/tokens.xhtml", "/admin/sources.xhtml"}) {
                own.get(server.baseUrl() + page);
                assertTrue(own.getPageSource().contains("403") || own.getTitle().contains("403"), page + ": " + own.getPageSource());
                assertTrue(own.findElements(By.id("list:users")).isEmpty() && own.findElements(By.id("edit:submit")).isEmpty(), page);
            }
        } finally {
            own.quit();
        }

        browser.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("list:users")));
        assertFalse(userRow(username).getText().contains("never"), "the sign-in is shown: " + userRow(username).getText());
    }

    @Test
    @DisplayName("#6 a custom role with two permissions is made, granted to a user, and cannot be deleted while held")
    void aCustomRoleIsCreatedAndAssigned() {
        String role = Fixtures.unique("release");
        String username = Fixtures.unique("holder");
        assertEquals(201, http.postJson("/api/v1/users", OpsSightServer.ADMIN_TOKEN, "{\"username\":\"" + username
                + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[]}").status());

        open("/admin/roles.xhtml", OpsSightServer.ADMIN_TOKEN);
        WebElement builtIn = browser.findElement(By.id("builtIn"));
        assertTrue(builtIn.getText().contains("viewer"), builtIn.getText());
        assertTrue(builtIn.getText().contains("DORA figures and their drill-downs"), "each permission says what it allows");
        assertTrue(builtIn.findElements(By.tagName("button")).isEmpty(), "built-in roles are read-only");

        browser.findElement(By.id("edit:name")).sendKeys(role);
        browser.findElement(By.id("edit:description")).sendKeys("Reads DORA figures");
        browser.findElement(By.xpath("//label[starts-with(text(),'console:use ')]")).click();
        browser.findElement(By.xpath("//label[starts-with(text(),'dora:read ')]")).click();
        browser.findElement(By.id("edit:submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Role " + role + " created."));
        WebElement custom = roleRow(role);
        assertTrue(custom.getText().contains("console:use") && custom.getText().contains("dora:read"), custom.getText());
        assertFalse(custom.getText().contains("deployments:read"), custom.getText());
        Browser.screenshot(browser, "admin-roles");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", custom);
        Browser.screenshot(browser, "admin-roles-custom");

        browser.get(server.baseUrl() + "/admin/users.xhtml");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("list:users")));
        userRow(username).findElement(By.xpath(".//button[contains(@id,'manage')]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("manage:grant")));
        Browser.choose(browser, "manage:grantRole", role);
        browser.findElement(By.id("manage:grant")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "granted " + role));
        assertEquals(role, userRow(username).findElement(By.cssSelector(".ops-roles")).getText());
        Browser.screenshot(browser, "admin-users-roles");
        assertTrue(http.get("/api/v1/users/" + username, OpsSightServer.ADMIN_TOKEN).body().contains(role), "stored");

        browser.get(server.baseUrl() + "/admin/roles.xhtml");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("custom:roles")));
        roleRow(role).findElement(By.xpath(".//button[contains(@id,'delete')]")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "is held by 1 assignment(s)"));
        assertFalse(roleRow(role).getText().isEmpty(), "the role stays");

        WebDriver own = Browser.open();
        try {
            WebDriverWait ownWait = new WebDriverWait(own, Duration.ofSeconds(30));
            signIn(own, ownWait, "/dora.xhtml", username, PASSWORD);
            ownWait.until(ExpectedConditions.presenceOfElementLocated(By.id("filters:team")));
            assertTrue(own.findElement(By.tagName("h1")).getText().contains("DORA"), "dora:read opens the DORA page");
            own.get(server.baseUrl() + "/deployments.xhtml");
            assertTrue(own.getPageSource().contains("403") || own.getTitle().contains("403"), "but not deployments");
        } finally {
            own.quit();
        }
    }

    @Test
    @DisplayName("#6 a weak password is refused with the boundary's reason next to the field")
    void aWeakPasswordIsRefusedNextToTheField() {
        String username = Fixtures.unique("weak");
        open("/admin/users.xhtml", OpsSightServer.ADMIN_TOKEN);
        browser.findElement(By.id("create:username")).sendKeys(username);
        browser.findElement(By.id("create:password")).sendKeys("short");
        browser.findElement(By.id("create:submit")).click();
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(fieldError("create:password")));
        assertTrue(message.getText().contains("at least 12 characters"), message.getText());
        assertTrue(browser.findElements(By.xpath("//span[contains(@class,'ops-username') and text()='" + username + "']")).isEmpty(),
                "no user was made");

        browser.findElement(By.id("create:password")).sendKeys(username + "-and-more");
        browser.findElement(By.id("create:submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(fieldError("create:password"), "must not contain the username"));
        Browser.screenshot(browser, "admin-users-weak-password");
        assertEquals(404, http.get("/api/v1/users/" + username, OpsSightServer.ADMIN_TOKEN).status());
    }

    private static By fieldError(String inputId) {
        return By.xpath("//div[contains(@class,'ops-field')][.//input[@id='" + inputId + "']]"
                + "//*[contains(@class,'ui-message-error')]");
    }

    private WebElement userRow(String username) {
        return wait.until(d -> d.findElement(By.xpath("//tr[.//span[contains(@class,'ops-username') and text()='" + username + "']]")));
    }

    private WebElement roleRow(String role) {
        return wait.until(d -> d.findElement(By.xpath("//tr[.//span[contains(@class,'ops-role-name') and text()='" + role + "']]")));
    }

    private void open(String page, String token) {
        Browser.signInWithToken(browser, wait, server.baseUrl(), page, token);
    }

    private void signIn(WebDriver own, WebDriverWait ownWait, String page, String username, String password) {
        own.get(server.baseUrl() + page);
        ownWait.until(ExpectedConditions.urlContains("/login.xhtml"));
        ownWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("local:username"))).sendKeys(username);
        own.findElement(By.id("local:password")).sendKeys(password);
        own.findElement(By.id("local:submit")).click();
        ownWait.until(ExpectedConditions.urlContains(page));
    }
}
