package io.opssight.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Browser;
import io.opssight.it.support.ConsoleBrowser;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console in real headless Chromium against the running server on PostgreSQL. */
@ConsoleBrowser
@DisplayName("#2 console: sign-in and the deployments page")
class DeploymentsPageIT {

    private OpsSightServer server;
    private Http http;
    private WebDriver browser;
    private WebDriverWait wait;

    @Test
    void aSignedDeliveryShowsUpOnTheDeploymentsPage() {
        Fixtures.Source source = Fixtures.githubSource(http);
        String repo = Fixtures.unique("console");
        GitHubHooks.Deployment d = GitHubHooks.deployment("acme", repo, "production", "2026-11-23T12:00:00Z");
        byte[] body = GitHubHooks.deploymentStatus(d, "success", "2026-11-23T12:03:20Z", GitHubHooks.nextId());
        assertEquals(202, http.postRaw(source.ingestPath(),
                GitHubHooks.headers("deployment_status", UUID.randomUUID().toString(), source.secret(), body), body).status());

        browser.get(server.baseUrl() + "/deployments.xhtml?service=" + repo);
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        signIn(OpsSightServer.ADMIN_TOKEN);

        wait.until(ExpectedConditions.urlContains("/deployments.xhtml"));
        WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("table:deployments")));
        List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
        assertEquals(1, rows.size(), table.getText());
        String row = rows.get(0).getText();
        assertTrue(row.contains(repo), row);
        assertTrue(row.contains("production"), row);
        assertTrue(row.contains("success"), row);
        assertTrue(row.contains(d.sha().substring(0, 7)), row);
        assertTrue(row.contains("3m 20s"), row);
        Browser.screenshot(browser, "deployments-filtered");
    }

    @Test
    void theTableSortsAndPagesInTheDatabase() {
        Fixtures.Source source = Fixtures.githubSource(http);
        String prefix = Fixtures.unique("sorted");
        for (int i = 0; i < 3; i++) {
            GitHubHooks.Deployment d = GitHubHooks.deployment("acme", prefix + "-" + (char) ('a' + i), prefix,
                    "2026-11-2" + i + "T08:00:00Z");
            byte[] body = GitHubHooks.deploymentStatus(d, "success", "2026-11-2" + i + "T08:01:00Z", GitHubHooks.nextId());
            assertEquals(202, http.postRaw(source.ingestPath(),
                    GitHubHooks.headers("deployment_status", UUID.randomUUID().toString(), source.secret(), body), body).status());
        }
        browser.get(server.baseUrl() + "/login.xhtml?next=/deployments.xhtml%3Fenvironment%3D" + prefix);
        signIn(OpsSightServer.ADMIN_TOKEN);
        WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("table:deployments")));
        assertTrue(table.findElement(By.cssSelector(".ui-paginator-current")).getText().matches(".*\\d+–\\d+ of \\d+.*"));
        Browser.screenshot(browser, "deployments");

        assertEquals(List.of(prefix + "-c", prefix + "-b", prefix + "-a"), services(browser), "newest first by default");
        assertTrue(table.findElement(By.cssSelector(".ui-paginator-current")).getText().contains("1–3 of 3"));

        browser.findElement(By.xpath("//th[.//span[text()='Service']]")).click();

        wait.until(d -> services(d).equals(List.of(prefix + "-a", prefix + "-b", prefix + "-c")));
    }

    @Test
    void pagesAreDeniedWithoutThePermission() {
        String noDeployments = Fixtures.token(http, "console:use", "sources:read");
        browser.get(server.baseUrl() + "/login.xhtml");
        signIn(noDeployments);
        wait.until(ExpectedConditions.urlContains("/index.xhtml"));

        browser.get(server.baseUrl() + "/deployments.xhtml");

        assertTrue(browser.getPageSource().contains("403") || browser.getTitle().contains("403"), browser.getPageSource());
        assertTrue(browser.findElements(By.id("table:deployments")).isEmpty());
    }

    @Test
    void aWrongTokenIsNotLetIn() {
        browser.get(server.baseUrl() + "/login.xhtml");
        signIn("ops_definitely-not-a-token");
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-message-error")));
        assertTrue(message.getText().contains("not accepted"), message.getText());
        browser.get(server.baseUrl() + "/deployments.xhtml");
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        Browser.screenshot(browser, "login");
    }

    private void signIn(String token) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:token")));
        field.sendKeys(token);
        browser.findElement(By.id("login:submit")).click();
    }

    private static List<String> services(WebDriver d) {
        return d.findElements(By.cssSelector("#table\\:deployments tbody tr .ops-service")).stream()
                .map(WebElement::getText).toList();
    }
}
