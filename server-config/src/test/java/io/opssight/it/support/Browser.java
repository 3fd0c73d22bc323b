package io.opssight.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import java.util.Map;

/**
 * Real headless Chromium driven by Debian's chromedriver (never a downloaded browser). .ci/run
 * installs both; elsewhere set -Dopssight.it.chromium / -Dopssight.it.chromedriver.
 */
public final class Browser {

    private Browser() {
    }

    /**
     * Opens {@code page} (a path with an optional query), is sent to the sign-in form, signs in with
     * an API token and waits until it is back on the page.
     */
    public static void signInWithToken(WebDriver browser, WebDriverWait wait, String baseUrl, String page, String token) {
        browser.get(baseUrl + page);
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:token"))).sendKeys(token);
        browser.findElement(By.id("login:submit")).click();
        wait.until(ExpectedConditions.urlContains(page.contains("?") ? page.substring(0, page.indexOf('?')) : page));
    }

    /**
     * Waits until {@code element} has left the page (a form post replaced it). Like
     * {@code ExpectedConditions.stalenessOf}, but Chromium 156 sometimes answers the check of an
     * element being replaced with "Node with given id does not belong to the document" instead of a
     * stale-element error: that is the same answer, and is taken as one.
     */
    public static ExpectedCondition<Boolean> replaced(WebElement element) {
        return driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        };
    }

    /**
     * Chooses {@code label} in the PrimeFaces select menu {@code menuId} until the menu shows the
     * choice and its panel is closed. A single click on the item is not enough in headless
     * Chromium 156: in full runs the click sometimes did not take (the form was submitted with the
     * previous choice) or the panel stayed open over the submit button. Waits up to 30 s with a wait
     * of its own (the caller's keeps the exceptions it ignores).
     */
    public static void choose(WebDriver browser, String menuId, String label) {
        By item = By.cssSelector("#" + menuId.replace(":", "\\:") + "_items li[data-label='" + label + "']");
        By shown = By.id(menuId + "_label");
        By panel = By.id(menuId + "_panel");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class).ignoring(ElementClickInterceptedException.class);
        wait.until(d -> {
            if (!d.findElement(shown).getText().equals(label)) {
                if (!d.findElement(panel).isDisplayed()) {
                    d.findElement(By.id(menuId)).click();
                }
                new WebDriverWait(d, Duration.ofSeconds(5)).until(ExpectedConditions.elementToBeClickable(item)).click();
            } else if (d.findElement(panel).isDisplayed()) {
                d.findElement(By.id(menuId)).click();
            }
            return d.findElement(shown).getText().equals(label) && !d.findElement(panel).isDisplayed();
        });
    }

    public static WebDriver open() {
        return open(null);
    }

    /** A browser that saves downloads into {@code downloads} without asking (null: the default). */
    public static WebDriver open(Path downloads) {
        String chromium = System.getProperty("opssight.it.chromium", "/usr/bin/chromium");
        String driver = System.getProperty("opssight.it.chromedriver", "/usr/bin/chromedriver");
        if (!new File(chromium).canExecute() || !new File(driver).canExecute()) {
            throw new IllegalStateException("Browser tests need Chromium and chromedriver at " + chromium + " and " + driver
                    + " (apt-get install -y chromium chromium-driver; .ci/run does this)");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("opssight-chromium");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        if (downloads != null) {
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return browser;
    }

    /** Saves a screenshot under target/screenshots for a reviewer to look at. */
    public static void screenshot(WebDriver browser, String name) {
        Path dir = Path.of(System.getProperty("opssight.it.home", "target"), "screenshots");
        try {
            Files.createDirectories(dir);
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
