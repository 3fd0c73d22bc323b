package io.opssight.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The set-up the console ITs share: before each test the shared server, its {@link Http}, a fresh
 * headless Chromium ({@link Browser#open()}) and a {@link WebDriverWait} of {@link #waitSeconds()}
 * on it go into the test's instance fields of those types; after each test the browser in the
 * field is quit (the one the test put there instead, if it replaced it).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ConsoleBrowser.Extension.class)
public @interface ConsoleBrowser {

    /** How long the test's WebDriverWait waits. */
    int waitSeconds() default 20;

    final class Extension implements BeforeEachCallback, AfterEachCallback {

        @Override
        public void beforeEach(ExtensionContext context) throws IllegalAccessException {
            Object test = context.getRequiredTestInstance();
            int seconds = context.getRequiredTestClass().getAnnotation(ConsoleBrowser.class).waitSeconds();
            OpsSightServer server = OpsSightServer.shared();
            set(test, OpsSightServer.class, server);
            set(test, Http.class, server.http());
            WebDriver browser = Browser.open();
            set(test, WebDriver.class, browser);
            set(test, WebDriverWait.class, new WebDriverWait(browser, Duration.ofSeconds(seconds)));
        }

        @Override
        public void afterEach(ExtensionContext context) throws IllegalAccessException {
            Object test = context.getRequiredTestInstance();
            for (Field field : fields(test, WebDriver.class)) {
                WebDriver browser = (WebDriver) field.get(test);
                if (browser != null) {
                    browser.quit();
                }
            }
        }

        private static void set(Object test, Class<?> type, Object value) throws IllegalAccessException {
            for (Field field : fields(test, type)) {
                field.set(test, value);
            }
        }

        private static List<Field> fields(Object test, Class<?> type) {
            List<Field> found = new ArrayList<>();
            for (Field field : test.getClass().getDeclaredFields()) {
                if (field.getType() == type && !Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    found.add(field);
                }
            }
            return found;
        }
    }
}
