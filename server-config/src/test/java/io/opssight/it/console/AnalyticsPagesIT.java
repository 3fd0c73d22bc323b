package io.opssight.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Browser;
import io.opssight.it.support.ConsoleBrowser;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubEventHooks;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.PagerDutyHooks;
import io.opssight.it.support.WorkflowRuns;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The analytics half of the console (overview, service, pipelines, DORA) in real headless Chromium
 * against the shared server on PostgreSQL, fed by signed webhooks the way the tools send them.
 */
@ConsoleBrowser(waitSeconds = 30)
@DisplayName("#6 console: overview, service, pipelines and DORA pages")
class AnalyticsPagesIT {

    private OpsSightServer server;
    private Http http;
    private WebDriver browser;
    private WebDriverWait wait;

    @Test
    @DisplayName("#6 a deployment ingested while the overview is open appears without a reload")
    void overviewShowsNewDeploymentsLive() {
        Fixtures.Source source = Fixtures.githubSource(http);
        // Something to show, so the services table is there before the new deployment arrives.
        String earlier = Fixtures.unique("earlier");
        deploy(source, earlier, "staging", Instant.now().minus(10, ChronoUnit.MINUTES));
        signIn(OpsSightServer.ADMIN_TOKEN, "/index.xhtml");
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("overview:latest")).getText().contains(earlier));
        ((JavascriptExecutor) browser).executeScript("window.opsSightNoReload = true;");

        String repo = Fixtures.unique("live");
        deploy(source, repo, "production", Instant.now().minusSeconds(30));

        // The poll re-renders the table every few seconds: read it again when it was replaced under us.
        String row = wait.ignoring(StaleElementReferenceException.class).until(d -> d.findElements(
                By.cssSelector("#overview\\:latest tbody tr")).stream().map(WebElement::getText)
                .filter(t -> t.contains(repo)).findFirst().orElse(null));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.opsSightNoReload === true;"),
                "the page was not reloaded");
        assertTrue(row.contains("production") && row.contains("success"), row);
        Browser.screenshot(browser, "overview");
        browser.manage().window().setSize(new Dimension(390, 844));
        Browser.screenshot(browser, "overview-phone");
    }

    @Test
    @DisplayName("#6 the DORA dashboard, filtered, shows the figures and drill-down rows the fixture implies")
    void doraDashboardFiguresAndDrillDowns() {
        Fixtures.Source github = Fixtures.githubSource(http);
        Fixtures.Source pagerduty = Fixtures.source(http, "pagerduty");
        String service = Fixtures.unique("billing");
        // Two successful production deployments in ISO week 2025-W10; an incident an hour and a half
        // after the first (so linked to it) resolved an hour later.
        deploy(github, service, "production", Instant.parse("2025-03-04T09:50:00Z"), "2025-03-04T10:00:00Z");
        deploy(github, service, "production", Instant.parse("2025-03-06T09:50:00Z"), "2025-03-06T10:00:00Z");
        deploy(github, service, "staging", Instant.parse("2025-03-05T09:50:00Z"), "2025-03-05T10:00:00Z");
        PagerDutyHooks.Incident incident = PagerDutyHooks.incident(service, "Invoices not sent", "2025-03-04T11:30:00Z");
        pagerDuty(pagerduty, PagerDutyHooks.incidentEvent(PagerDutyHooks.eventId(), "incident.triggered",
                "2025-03-04T11:30:00Z", incident, "triggered"));
        pagerDuty(pagerduty, PagerDutyHooks.incidentEvent(PagerDutyHooks.eventId(), "incident.resolved",
                "2025-03-04T13:00:00Z", incident, "resolved"));

        signIn(OpsSightServer.ADMIN_TOKEN, "/dora.xhtml");
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("filters:service")));
        field.sendKeys(service);
        browser.findElement(By.id("filters:from")).sendKeys("2025-03-03");
        browser.findElement(By.id("filters:to")).sendKeys("2025-03-09");
        browser.findElement(By.id("filters:apply")).click();
        wait.until(ExpectedConditions.urlContains("service=" + service));
        assertTrue(browser.getCurrentUrl().contains("from=2025-03-03") && browser.getCurrentUrl().contains("to=2025-03-09"),
                "the filters are in the URL: " + browser.getCurrentUrl());

        // 2 deployments on 2 days of one complete week: median 2 days a week, high; 2 / 7 a day.
        String frequency = text("card-frequency");
        assertTrue(frequency.contains("0.29 / day") && frequency.contains("2 deployments on 2 days") && frequency.contains("high"),
                frequency);
        // The incident is linked to the first deployment: 1 of 2 failed, 50 %, low.
        String failure = text("card-failure");
        assertTrue(failure.contains("50.0 %") && failure.contains("1 of 2 deployments") && failure.contains("low"), failure);
        // Recovery: resolved 13:00 − the failed deployment's finish 10:00 = 3 h, high (< 1 day).
        String recovery = text("card-recovery");
        assertTrue(recovery.contains("Failed deployment recovery time") && recovery.contains("3h 0m")
                && recovery.contains("high"), recovery);
        // No push events: no known changes, no lead time, no tier.
        assertTrue(text("card-lead").contains("no data"), text("card-lead"));
        assertFalse(browser.findElements(By.cssSelector("#deploymentsChart canvas")).isEmpty(), "a trend chart is drawn");

        List<WebElement> deployments = rows("drill:tabs:deployments");
        assertEquals(2, deployments.size(), () -> browser.findElement(By.id("drill:tabs:deployments")).getText());
        assertTrue(deployments.get(0).getText().contains("2025-03-06 10:00:00 UTC"), deployments.get(0).getText());
        assertTrue(deployments.get(0).getText().endsWith("none"), deployments.get(0).getText());
        assertFalse(deployments.get(1).getText().endsWith("none"), "the first deployment caused the incident: "
                + deployments.get(1).getText());
        Browser.screenshot(browser, "dora");

        browser.findElements(By.cssSelector("#drill\\:tabs ul a")).stream().filter(a -> a.getText().equals("Incidents"))
                .findFirst().orElseThrow().click();
        // The tab is read when opened (dynamic tab): wait for its rows, finding them again if the ajax update replaced them.
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> !rows("drill:tabs:incidents").isEmpty() && rows("drill:tabs:incidents").get(0).isDisplayed());
        List<WebElement> incidents = rows("drill:tabs:incidents");
        assertEquals(1, incidents.size());
        String linked = incidents.get(0).getText();
        assertTrue(linked.contains("Invoices not sent") && linked.contains("Latest successful production deployment")
                && linked.contains("change failure rate") && linked.contains("recovery"), linked);
        Browser.screenshot(browser, "dora-incidents");
        browser.manage().window().setSize(new Dimension(390, 844));
        Browser.screenshot(browser, "dora-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // 2021 rates three deployment days a week as elite; two stay high. Bookmarkable: straight from a URL.
        browser.get(server.baseUrl() + "/dora.xhtml?service=" + service + "&from=2025-03-03&to=2025-03-09&benchmark=2021");
        String restore = text("card-recovery");
        assertTrue(restore.contains("Time to restore service") && restore.contains("1h 30m"), restore);

        // Bad questions are answered next to the field concerned.
        browser.get(server.baseUrl() + "/dora.xhtml?team=" + service + "-no-such-team");
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ops-field .ui-message-error")));
        assertTrue(message.getText().contains("Unknown team"), message.getText());
        assertTrue(browser.findElements(By.id("card-frequency")).isEmpty());
        browser.get(server.baseUrl() + "/dora.xhtml?from=last-week");
        WebElement malformed = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#messages .ui-messages-error")));
        assertTrue(malformed.getText().contains("use a date like"), malformed.getText());

        // The service's own page: timeline per environment and the incident with why it is linked.
        browser.get(server.baseUrl() + "/service.xhtml?name=" + service);
        WebElement page = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("incidents")));
        String incidentsText = page.getText();
        assertTrue(incidentsText.contains("Invoices not sent") && incidentsText.contains("Latest successful production deployment"),
                incidentsText);
        String body = browser.findElement(By.tagName("main")).getText();
        assertTrue(body.contains("production") && body.contains("staging"), body);
        Browser.screenshot(browser, "service");
    }

    @Test
    @DisplayName("#6 the pipelines page lists runs from workflow_run webhooks, filters them and drills into a run's jobs")
    void pipelinesPage() {
        Fixtures.Source github = Fixtures.githubSource(http);
        GitHubEventHooks.Repo repo = new GitHubEventHooks.Repo("acme", Fixtures.unique("storefront"));
        Instant t = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        long green = GitHubHooks.nextId();
        workflowRun(github, repo, green, "success", t, t.plusSeconds(20), t.plusSeconds(320));
        long red = GitHubHooks.nextId();
        String redSha = GitHubEventHooks.sha();
        GitHubEventHooks.Job job = new GitHubEventHooks.Job(GitHubHooks.nextId(), red, 1, "CI", "integration-tests", "main", redSha);
        send(github, "workflow_job", GitHubEventHooks.workflowJob(repo, job, "completed", "failure",
                t.plusSeconds(3600).toString(), t.plusSeconds(3630).toString(), t.plusSeconds(3900).toString(), "GitHub Actions 3"));
        send(github, "workflow_run", WorkflowRuns.workflowRun(repo.owner(), repo.name(), red, 1, "completed", "completed", "failure",
                t.plusSeconds(3600).toString(), t.plusSeconds(3630).toString(), t.plusSeconds(3960).toString(), redSha));

        signIn(OpsSightServer.ADMIN_TOKEN, "/pipelines.xhtml?repository=" + enc(repo.fullName()));
        WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("table:runs")));
        List<WebElement> runs = rows("table:runs");
        assertEquals(2, runs.size(), table.getText());
        assertTrue(runs.get(0).getText().contains("failure") && runs.get(0).getText().contains("5m 30s"), runs.get(0).getText());
        assertTrue(runs.get(1).getText().contains("success") && runs.get(1).getText().contains("5m 0s")
                && runs.get(1).getText().contains("20s"), runs.get(1).getText());
        assertTrue(text("success-rate").contains("50.0 %"), text("success-rate"));
        assertTrue(browser.findElement(By.id("failing")).getText().contains("integration-tests"));
        Browser.screenshot(browser, "pipelines");

        runs.get(0).findElement(By.cssSelector("a.ops-run")).click();
        WebElement jobs = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("jobs")));
        assertTrue(jobs.getText().contains("integration-tests") && jobs.getText().contains("failure"), jobs.getText());
        assertTrue(browser.getCurrentUrl().contains("run="), browser.getCurrentUrl());
        Browser.screenshot(browser, "pipelines-run");

        // Filtering by result narrows the table in the database.
        browser.get(server.baseUrl() + "/pipelines.xhtml?repository=" + enc(repo.fullName()) + "&conclusion=success");
        wait.until(d -> rows("table:runs").size() == 1);
        assertTrue(rows("table:runs").get(0).getText().contains("success"));
        // A backwards window is refused next to the field.
        browser.get(server.baseUrl() + "/pipelines.xhtml?repository=" + enc(repo.fullName()) + "&from=2025-03-10&to=2025-03-01");
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ops-field .ui-message-error")));
        assertTrue(message.getText().contains("'from' must be before 'to'"), message.getText());

        // The failed run is the latest on main: the overview lists the branch as red.
        browser.get(server.baseUrl() + "/index.xhtml");
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("overview:redRuns")).getText().contains(repo.fullName()));
    }

    @Test
    @DisplayName("#6 pages are refused without their permission; panels follow the user's permissions")
    void permissions() {
        String noDora = Fixtures.token(http, "console:use", "deployments:read");
        signIn(noDora, "/index.xhtml");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("overview:services")));
        assertTrue(browser.findElements(By.id("overview:tiers")).isEmpty(), "no DORA tiers without dora:read");
        assertTrue(browser.findElements(By.id("overview:open")).isEmpty(), "no incidents without incidents:read");

        browser.get(server.baseUrl() + "/dora.xhtml");
        assertTrue(browser.getPageSource().contains("403") || browser.getTitle().contains("403"), browser.getPageSource());
        assertTrue(browser.findElements(By.id("filters:service")).isEmpty());
        Browser.screenshot(browser, "dora-refused");
        browser.get(server.baseUrl() + "/pipelines.xhtml");
        assertTrue(browser.getPageSource().contains("403") || browser.getTitle().contains("403"), browser.getPageSource());
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void signIn(String token, String next) {
        browser.get(server.baseUrl() + "/login.xhtml?next=" + enc(next));
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:token")));
        field.sendKeys(token);
        browser.findElement(By.id("login:submit")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login.xhtml")));
    }

    private String text(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id))).getText();
    }

    private List<WebElement> rows(String tableId) {
        return browser.findElements(By.cssSelector("#" + tableId.replace(":", "\\:") + " tbody tr:not(.ui-datatable-empty-message)"));
    }

    /** A GitHub deployment of acme/{repo} created at {@code createdAt}, succeeded 3 minutes 20 seconds later. */
    private void deploy(Fixtures.Source source, String repo, String environment, Instant createdAt) {
        deploy(source, repo, environment, createdAt, createdAt.plusSeconds(200).toString());
    }

    private void deploy(Fixtures.Source source, String repo, String environment, Instant createdAt, String finishedAt) {
        GitHubHooks.Deployment d = GitHubHooks.deployment("acme", repo, environment, createdAt.toString());
        send(source, "deployment_status", GitHubHooks.deploymentStatus(d, "success", finishedAt, GitHubHooks.nextId()));
    }

    private void workflowRun(Fixtures.Source source, GitHubEventHooks.Repo repo, long id, String conclusion, Instant created,
            Instant started, Instant finished) {
        String sha = GitHubEventHooks.sha();
        send(source, "workflow_run", WorkflowRuns.workflowRun(repo.owner(), repo.name(), id, 1, "requested", "queued", null,
                created.toString(), started.toString(), created.toString(), sha));
        send(source, "workflow_run", WorkflowRuns.workflowRun(repo.owner(), repo.name(), id, 1, "completed", "completed",
                conclusion, created.toString(), started.toString(), finished.toString(), sha));
    }

    private void send(Fixtures.Source source, String event, byte[] body) {
        Map<String, String> headers = GitHubHooks.headers(event, UUID.randomUUID().toString(), source.secret(), body);
        Http.Answer answer = http.postRaw(source.ingestPath(), headers, body);
        assertEquals(202, answer.status(), answer::toString);
    }

    private void pagerDuty(Fixtures.Source source, byte[] body) {
        Http.Answer answer = http.postRaw(source.ingestPath(), PagerDutyHooks.headers(body, source.secret()), body);
        assertEquals(202, answer.status(), answer::toString);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
