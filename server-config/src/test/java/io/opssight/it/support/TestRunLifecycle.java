package io.opssight.it.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Once per test run: before it, a fresh database for the Arquillian container (whose command line
 * arquillian.xml builds from the system property set here); after it, every OpsSight the tests
 * started is stopped and every database they created is dropped.
 */
public class TestRunLifecycle implements LauncherSessionListener {

    static final String ARQUILLIAN_DB_URL = "opssight.it.arquillian.db.url";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty(ARQUILLIAN_DB_URL) == null) {
            System.setProperty(ARQUILLIAN_DB_URL, TestPostgres.url(TestPostgres.createDatabase("arquillian")));
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        OpsSightServer.stopAll();
        TestPostgres.dropAll();
    }
}
