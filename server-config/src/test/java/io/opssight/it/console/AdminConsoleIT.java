package io.opssight.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.AwxNotifications;
import io.opssight.it.support.Browser;
import io.opssight.it.support.ConsoleBrowser;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** The operations/admin half of the console in real headless Chromium against the running server on PostgreSQL. */
@ConsoleBrowser
@DisplayName("#6 console: admin pages, audit, incidents, alerts, infrastructure")
class AdminConsoleIT {

    private OpsSightServer server;
    private Http http;
    private WebDriver browser;
    private WebDriverWait wait;

    @Test
    void aSourceMadeInTheConsoleShowsItsUrlAndSecretOnceAndARotationSwapsTheSecret() {
        String name = Fixtures.unique("console-src");
        open("/admin/sources.xhtml", OpsSightServer.ADMIN_TOKEN);
        Browser.screenshot(browser, "admin-sources");

        browser.findElement(By.id("create:name")).sendKeys(name);
        browser.findElement(By.id("create:submit")).click();
        String url = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("revealed-url"))).getText();
        String secret = browser.findElement(By.id("revealed-secret")).getText();
        assertEquals(server.baseUrl() + "/api/v1/ingest/github/" + name, url, "an absolute URL to paste into GitHub");
        assertTrue(secret.length() >= 32, secret);
        assertTrue(browser.findElement(By.id("how-to")).getText().contains("Webhooks"));
        Browser.screenshot(browser, "admin-sources-created");
        String path = url.substring(server.baseUrl().length());
        assertEquals(202, ping(path, secret).status(), "the shown secret is the one that signs deliveries");

        browser.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("list:sources")));
        assertFalse(browser.getPageSource().contains(secret), "the secret is shown only once");
        assertTrue(row(name).getText().contains("yes"), row(name).getText());

        row(name).findElement(By.xpath(".//button[contains(@id,'rotate')]")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();
        wait.until(d -> !d.findElements(By.id("revealed-secret")).isEmpty()
                && !d.findElement(By.id("revealed-secret")).getText().isBlank());
        String rotated = browser.findElement(By.id("revealed-secret")).getText();
        assertNotEquals(secret, rotated);
        Browser.screenshot(browser, "admin-sources-rotated");

        assertEquals(401, ping(path, secret).status(), "the old secret is refused after the rotation");
        assertEquals(202, ping(path, rotated).status(), "the new secret is accepted");

        long id = sourceId(name);
        browser.get(server.baseUrl() + "/audit.xhtml?action=Sources.rotateSecret&target=" + id);
        WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("table:audit")));
        List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
        assertEquals(1, rows.size(), table.getText());
        assertTrue(rows.get(0).getText().contains("Sources.rotateSecret"), rows.get(0).getText());
        assertTrue(rows.get(0).getText().contains("success"), rows.get(0).getText());

        browser.findElement(By.id("tools:verify")).click();
        WebElement verdict = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tools\\:verification .ops-ok")));
        assertTrue(verdict.getText().contains("intact"), verdict.getText());
        Browser.screenshot(browser, "audit");
    }

    @Test
    void theAuditTrailIsExportedFromTheConsoleSession() throws Exception {
        Path downloads = Files.createTempDirectory("opssight-downloads");
        browser.quit();
        browser = Browser.open(downloads);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        open("/audit.xhtml?action=console.sign-in", OpsSightServer.ADMIN_TOKEN);

        browser.findElement(By.id("export:csv")).click();

        Path csv = downloads.resolve("opssight-audit.csv");
        wait.until(d -> Files.exists(csv) && !Files.exists(downloads.resolve("opssight-audit.csv.crdownload")));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("seq,at,actor,action,target,outcome,client_address,request_id,details,hash", lines.get(0));
        assertTrue(lines.size() > 1 && lines.stream().skip(1).allMatch(l -> l.contains("\"console.sign-in\"")), lines.toString());
    }

    @Test
    void aDeadLetterIsReplayedFromThePage() throws SQLException {
        // A database fault while mapping (a trigger refusing one environment) makes a dead letter; dropping it is the fix.
        String environment = Fixtures.unique("console-dl");
        String trigger = environment.replace('-', '_');
        try (Connection c = TestPostgres.connect(server.database()); Statement s = c.createStatement()) {
            s.execute("create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                    + "if new.name = '" + environment + "' then raise exception 'simulated fault'; end if; return new; end $$");
            s.execute("create trigger " + trigger + " before insert on environment for each row execute function " + trigger + "()");
        }
        Fixtures.Source source = Fixtures.githubSource(http);
        String first = Fixtures.unique("dead-a");
        String second = Fixtures.unique("dead-b");
        for (String repo : List.of(first, second)) {
            GitHubHooks.Deployment d = GitHubHooks.deployment("acme", repo, environment, "2026-11-24T10:00:00Z");
            byte[] body = GitHubHooks.deploymentStatus(d, "success", "2026-11-24T10:02:00Z", GitHubHooks.nextId());
            assertEquals(202, http.postRaw(source.ingestPath(),
                    GitHubHooks.headers("deployment_status", UUID.randomUUID().toString(), source.secret(), body), body).status());
        }

        open("/admin/dead-letters.xhtml?source=" + sourceId(source.name()), OpsSightServer.ADMIN_TOKEN);
        List<WebElement> rows = deadLetterRows();
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.get(0).getText().contains("simulated fault"), rows.get(0).getText());
        assertTrue(rows.get(0).getText().contains("github/" + source.name()), rows.get(0).getText());
        Browser.screenshot(browser, "admin-dead-letters");

        try (Connection c = TestPostgres.connect(server.database()); Statement s = c.createStatement()) {
            s.execute("drop trigger " + trigger + " on environment");
        }
        rows.get(0).findElement(By.xpath(".//button[contains(@id,'replay')]")).click();

        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#messages .ui-messages-info")));
        assertTrue(message.getText().contains("1 processed"), message.getText());
        wait.until(d -> deadLetterRows().size() == 1);

        deadLetterRows().get(0).findElement(By.cssSelector(".ui-chkbox-box")).click();
        browser.findElement(By.id("table:replaySelected")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "The selected dead letters"));
        assertTrue(browser.findElement(By.id("messages")).getText().contains("1 processed"),
                browser.findElement(By.id("messages")).getText());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("table:deadLetters"), "No dead letters"));
        Browser.screenshot(browser, "admin-dead-letters-replayed");
        for (String repo : List.of(first, second)) {
            List<JsonObject> deployments = http.get("/api/v1/deployments?service=" + repo, OpsSightServer.ADMIN_TOKEN).json()
                    .getJsonArray("items").getValuesAs(JsonObject.class);
            assertEquals(1, deployments.size(), "the replayed delivery became a deployment");
        }
    }

    private List<WebElement> deadLetterRows() {
        WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("table:deadLetters")));
        return table.findElements(By.cssSelector("tbody tr[data-rk]"));
    }

    @Test
    void aTokenMadeInTheConsoleCarriesItsPermissionsAndTeamsAndIsRefusedOnceRevoked() {
        String name = Fixtures.unique("console-tok");
        String team = Fixtures.unique("tok-team");
        assertEquals(201, http.postJson("/api/v1/teams", OpsSightServer.ADMIN_TOKEN, "{\"name\":\"" + team + "\"}").status());
        open("/admin/tokens.xhtml", OpsSightServer.ADMIN_TOKEN);
        browser.findElement(By.id("create:name")).sendKeys(name);
        // console:use is ticked by default; add deployments:read, and limit the token to one team.
        browser.findElement(By.xpath("//label[text()='deployments:read']")).click();
        browser.findElement(By.xpath("//label[text()='" + team + "']")).click();
        browser.findElement(By.id("create:submit")).click();
        String token;
        try {
            token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-secret"))).getText();
        } catch (RuntimeException e) {
            Browser.screenshot(browser, "admin-tokens-failed");
            throw new AssertionError("no token issued; the page says: " + browser.findElement(By.id("create")).getText(), e);
        }
        Browser.screenshot(browser, "admin-tokens");

        assertEquals(200, http.get("/api/v1/deployments", token).status(), "the token has deployments:read");
        assertEquals(403, http.get("/api/v1/audit", token).status(), "and nothing it was not given");
        assertEquals(List.of(team), http.get("/api/v1/tokens", OpsSightServer.ADMIN_TOKEN).jsonArray().stream()
                .map(JsonValue::asJsonObject).filter(t -> t.getString("name").equals(name))
                .flatMap(t -> t.getJsonArray("teams").getValuesAs(JsonString.class).stream())
                .map(JsonString::getString).toList(), "the token is limited to the team ticked");

        WebElement row = browser.findElement(By.xpath("//tr[.//span[contains(@class,'ops-token-name') and text()='" + name + "']]"));
        assertTrue(row.getText().contains("deployments:read"), row.getText());
        assertEquals(team, row.findElement(By.className("ops-token-teams")).getText(), "the teams column shows it");
        row.findElement(By.xpath(".//button[contains(@id,'revoke')]")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "revoked"));

        assertEquals(401, http.get("/api/v1/deployments", token).status(), "a revoked token is refused");
    }

    @Test
    void aTeamIsCreatedAndGivenAService() {
        Fixtures.Source source = Fixtures.githubSource(http);
        String repo = Fixtures.unique("owned");
        GitHubHooks.Deployment d = GitHubHooks.deployment("acme", repo, "staging", "2026-11-24T09:00:00Z");
        byte[] body = GitHubHooks.deploymentStatus(d, "success", "2026-11-24T09:01:00Z", GitHubHooks.nextId());
        assertEquals(202, http.postRaw(source.ingestPath(),
                GitHubHooks.headers("deployment_status", UUID.randomUUID().toString(), source.secret(), body), body).status());
        String team = Fixtures.unique("team");

        open("/admin/teams.xhtml", OpsSightServer.ADMIN_TOKEN);
        browser.findElement(By.id("create:name")).sendKeys(team);
        browser.findElement(By.id("create:submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list:teams"), team));

        // The create above re-renders the assign form by ajax: find its fields again if they were replaced.
        FluentWait<WebDriver> retrying = wait.ignoring(StaleElementReferenceException.class);
        retrying.until(d2 -> {
            d2.findElement(By.id("assign:service_input")).sendKeys(repo);
            return true;
        });
        Browser.choose(browser, "assign:team", team);
        retrying.until(d2 -> {
            d2.findElement(By.id("assign:submit")).click();
            return true;
        });

        retrying.until(d2 -> teamRow(team).getText().contains(repo));
        Browser.screenshot(browser, "admin-teams");
    }

    @Test
    void withoutAuditReadTheAuditPageIsRefusedAndTheAdminLinksAreHidden() {
        String operator = Fixtures.token(http, "console:use", "deployments:read");
        open("/index.xhtml", operator);

        assertTrue(browser.findElements(By.id("nav-admin")).isEmpty(), "no Admin group");
        assertTrue(browser.findElements(By.linkText("Sources")).isEmpty());
        assertTrue(browser.findElements(By.linkText("Audit")).isEmpty());
        assertFalse(browser.findElements(By.linkText("Infrastructure")).isEmpty(), "deployments:read shows Infrastructure");

        browser.get(server.baseUrl() + "/audit.xhtml");
        assertTrue(browser.getPageSource().contains("403") || browser.getTitle().contains("403"), browser.getPageSource());
        assertTrue(browser.findElements(By.id("table:audit")).isEmpty());
        browser.get(server.baseUrl() + "/admin/sources.xhtml");
        assertTrue(browser.getPageSource().contains("403") || browser.getTitle().contains("403"), browser.getPageSource());
    }

    @Test
    void theOperationsPagesRenderTheirTablesAtDesktopAndPhoneWidth() {
        Fixtures.Source awx = Fixtures.source(http, "awx");
        String job = Fixtures.unique("Deploy shop");
        byte[] run = AwxNotifications.playbookJob(GitHubHooks.nextId(), job, "alice", "2030-01-01T00:00:00.000000+00:00",
                "2030-01-01T00:02:00.000000+00:00", "successful", Map.of());
        assertEquals(202, http.postRaw(awx.ingestPath(), AwxNotifications.bearerHeaders(awx.secret()), run).status());
        open("/index.xhtml", OpsSightServer.ADMIN_TOKEN);
        assertFalse(browser.findElements(By.id("nav-admin")).isEmpty(), "an admin sees the Admin group");
        browser.findElement(By.linkText("Infrastructure")).click();
        WebElement runs = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("runs:table")));
        assertTrue(runs.getText().contains(job), runs.getText());
        assertTrue(runs.getText().contains("successful"), runs.getText());
        for (String[] page : new String[][] {{"/incidents.xhtml", "table:incidents"}, {"/alerts.xhtml", "table:alerts"},
                {"/infrastructure.xhtml", "workloads:table"}, {"/audit.xhtml", "table:audit"},
                {"/admin/sources.xhtml", "list:sources"}}) {
            browser.get(server.baseUrl() + page[0]);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id(page[1])));
            String shot = page[0].substring(1).replace(".xhtml", "").replace('/', '-');
            Browser.screenshot(browser, shot);
            browser.manage().window().setSize(new Dimension(390, 844));
            browser.navigate().refresh();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id(page[1])));
            Browser.screenshot(browser, shot + "-phone");
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
        browser.get(server.baseUrl() + "/incidents.xhtml?status=resolved&service=" + Fixtures.unique("nothing"));
        WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("table:incidents")));
        assertTrue(table.getText().contains("No incidents match"), table.getText());
        assertEquals("resolved", browser.findElement(By.id("filters:status_label")).getText(), "the filter comes from the URL");
    }

    private void open(String page, String token) {
        Browser.signInWithToken(browser, wait, server.baseUrl(), page, token);
    }

    private Http.Answer ping(String path, String secret) {
        byte[] body = GitHubHooks.ping("acme", "console");
        return http.postRaw(path, GitHubHooks.headers("ping", UUID.randomUUID().toString(), secret, body), body);
    }

    private long sourceId(String name) {
        return http.get("/api/v1/sources", OpsSightServer.ADMIN_TOKEN).jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("name").equals(name)).findFirst().orElseThrow().getJsonNumber("id").longValue();
    }

    private WebElement row(String sourceName) {
        return browser.findElement(By.xpath("//tr[.//span[contains(@class,'ops-source-name') and text()='" + sourceName + "']]"));
    }

    private WebElement teamRow(String team) {
        return browser.findElement(By.xpath("//tr[.//span[contains(@class,'ops-team-name') and text()='" + team + "']]"));
    }
}
