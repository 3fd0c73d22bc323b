package io.opssight.it.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops every OpsSight the tests started and drops every database they created, once, at the end. */
public class TestRunLifecycle implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        OpsSightServer.stopAll();
        TestPostgres.dropAll();
    }
}
