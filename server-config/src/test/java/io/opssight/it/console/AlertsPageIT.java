package io.opssight.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.AlertmanagerHooks;
import io.opssight.it.support.Browser;
import io.opssight.it.support.ConsoleBrowser;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Acknowledging an alert in the console, in headless Chromium against the running server. */
@ConsoleBrowser
@DisplayName("#6 console: acknowledging an alert")
class AlertsPageIT {

    private OpsSightServer server;
    private Http http;
    private WebDriver browser;
    private WebDriverWait wait;

    @Test
    @DisplayName("#6 an operator acknowledges a firing alert with a note and sees it acknowledged")
    void acknowledgeFromTheAlertsPage() {
        String service = ingestFiringAlert();
        signIn(Fixtures.token(http, "console:use", "alerts:read", "alerts:acknowledge"), service);

        browser.findElement(By.id("table:alerts:0:note")).sendKeys("looking at the checkout pods");
        browser.findElement(By.id("table:alerts:0:ack")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("table:alerts"), "looking at the checkout pods"));
        String row = rows().get(0).getText();
        assertTrue(row.contains("by token:"), row);
        assertTrue(row.contains("firing"), "the state stays Alertmanager's: " + row);
        assertTrue(browser.findElements(By.id("table:alerts:0:ack")).isEmpty(), "no second Acknowledge button");
        assertTrue(browser.findElement(By.id("messages")).getText().contains("acknowledged"),
                browser.findElement(By.id("messages")).getText());
        Browser.screenshot(browser, "alerts-acknowledged");
    }

    @Test
    @DisplayName("#6 without alerts:acknowledge there is no Acknowledge button")
    void viewerSeesNoButton() {
        String service = ingestFiringAlert();
        signIn(Fixtures.token(http, "console:use", "alerts:read"), service);

        assertEquals(1, rows().size());
        assertTrue(browser.findElements(By.id("table:alerts:0:ack")).isEmpty(), rows().get(0).getText());
    }

    private String ingestFiringAlert() {
        Fixtures.Source source = Fixtures.source(http, "alertmanager");
        String service = Fixtures.unique("checkout");
        AlertmanagerHooks.Alert alert = AlertmanagerHooks.firing("HighErrorRate", service, "critical", "checkout-7d9f8b6c5-x2kqp",
                "2026-11-22T10:00:00Z");
        Http.Answer answer = http.postRaw(source.ingestPath(), AlertmanagerHooks.headers(source.secret()),
                AlertmanagerHooks.notification("opssight", "firing", Map.of("alertname", "HighErrorRate"), alert));
        assertEquals(202, answer.status(), answer::toString);
        return service;
    }

    private void signIn(String token, String service) {
        Browser.signInWithToken(browser, wait, server.baseUrl(), "/alerts.xhtml?service=" + service, token);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("table:alerts")));
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#table\\:alerts tbody tr"));
    }
}
