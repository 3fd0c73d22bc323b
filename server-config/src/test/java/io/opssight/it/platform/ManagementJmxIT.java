package io.opssight.it.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import io.opssight.it.support.Waits;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The operators' MBeans through a real remote JMX connection (RMI, password authentication) to a
 * running server: read the figures, make the few changes JMX allows, and find them in the audit trail.
 */
@DisplayName("#7 JMX management beans")
class ManagementJmxIT {

    private static final String OPERATOR_PASSWORD = "op-" + UUID.randomUUID();
    private static final String MONITOR_PASSWORD = "mon-" + UUID.randomUUID();

    private static OpsSightServer server;
    private static Http http;
    private static int jmxPort;

    @BeforeAll
    static void startWithRemoteJmx() throws IOException {
        Path dir = Files.createTempDirectory("opssight-jmx");
        Path passwords = dir.resolve("jmxremote.password");
        Path access = dir.resolve("jmxremote.access");
        Files.writeString(passwords, "operator " + OPERATOR_PASSWORD + "\nmonitor " + MONITOR_PASSWORD + "\n");
        Files.writeString(access, "operator readwrite\nmonitor readonly\n");
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(access, PosixFilePermissions.fromString("rw-------"));
        jmxPort = freePort();
        String database = TestPostgres.createDatabase("jmx");
        Map<String, String> env = OpsSightServer.postgresEnvironment(database);
        env.put("JDK_JAVA_OPTIONS", String.join(" ",
                "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.authenticate=true",
                "-Dcom.sun.management.jmxremote.ssl=false",
                "-Dcom.sun.management.jmxremote.password.file=" + passwords,
                "-Dcom.sun.management.jmxremote.access.file=" + access,
                "-Djava.rmi.server.hostname=127.0.0.1"));
        server = OpsSightServer.start("jmx", database, env).awaitReady(Duration.ofSeconds(240));
        http = server.http();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void operatorsReadBuildAndIngestionFigures() throws Exception {
        try (JMXConnector jmx = connect("monitor", MONITOR_PASSWORD)) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName build = new ObjectName("io.opssight:type=Build");
            assertTrue(((String) mbeans.getAttribute(build, "Version")).matches("\\d+\\.\\d+\\.\\d+.*"),
                    () -> "version: " + attribute(mbeans, build, "Version"));
            assertTrue((Long) mbeans.getAttribute(build, "UptimeSeconds") >= 0);
            assertFalse(((String) mbeans.getAttribute(build, "StartTime")).isBlank());
            List<String> types = mbeans.queryNames(new ObjectName("io.opssight:*"), null).stream()
                    .map(n -> n.getKeyProperty("type")).sorted().toList();
            assertEquals(List.of("Analytics", "Build", "Caches", "Ingestion", "Logging", "RateLimits"), types);

            ObjectName ingestion = new ObjectName("io.opssight:type=Ingestion");
            long processed = (Long) mbeans.getAttribute(ingestion, "Processed");
            long ignored = (Long) mbeans.getAttribute(ingestion, "Ignored");
            Fixtures.Source source = Fixtures.githubSource(http);
            byte[] ping = GitHubHooks.ping("acme", Fixtures.unique("pinged"));
            assertEquals(202, http.postRaw(source.ingestPath(),
                    GitHubHooks.headers("ping", UUID.randomUUID().toString(), source.secret(), ping), ping).status());
            assertEquals(ignored + 1, (Long) mbeans.getAttribute(ingestion, "Ignored"));
            assertEquals(processed, (Long) mbeans.getAttribute(ingestion, "Processed"));
            assertEquals(0L, (Long) mbeans.getAttribute(ingestion, "Backlog"));
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThrows(SecurityException.class, () -> connect("operator", "not-the-password").close());
        assertThrows(SecurityException.class, () -> connect("nobody", OPERATOR_PASSWORD).close());
    }

    @Test
    void aReadOnlyUserCannotChangeAnything() throws Exception {
        try (JMXConnector jmx = connect("monitor", MONITOR_PASSWORD)) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            assertThrows(SecurityException.class, () -> mbeans.invoke(new ObjectName("io.opssight:type=Caches"),
                    "flushSourceCache", new Object[0], new String[0]));
        }
    }

    @Test
    void deadLettersAreReplayedThroughJmxAndAudited() throws Exception {
        Fixtures.Source source = Fixtures.githubSource(http);
        String environment = Fixtures.unique("jmx-env");
        String trigger = environment.replace('-', '_');
        try (Connection c = TestPostgres.connect(server.database()); Statement s = c.createStatement()) {
            s.execute("create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                    + "if new.name = '" + environment + "' then raise exception 'simulated fault'; end if; return new; end $$");
            s.execute("create trigger " + trigger + " before insert on environment for each row execute function " + trigger + "()");
        }
        String repo = Fixtures.unique("jmx-replayed");
        GitHubHooks.Deployment d = GitHubHooks.deployment("acme", repo, environment, "2026-11-24T10:00:00Z");
        byte[] body = GitHubHooks.deploymentStatus(d, "success", "2026-11-24T10:02:00Z", GitHubHooks.nextId());
        assertEquals(202, http.postRaw(source.ingestPath(),
                GitHubHooks.headers("deployment_status", UUID.randomUUID().toString(), source.secret(), body), body).status());

        try (JMXConnector jmx = connect("operator", OPERATOR_PASSWORD)) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName ingestion = new ObjectName("io.opssight:type=Ingestion");
            assertTrue((Long) mbeans.getAttribute(ingestion, "DeadLetters") >= 1);
            try (Connection c = TestPostgres.connect(server.database()); Statement s = c.createStatement()) {
                s.execute("drop trigger " + trigger + " on environment");
            }

            String result = (String) mbeans.invoke(ingestion, "replayDeadLetters", new Object[] {100}, new String[] {"int"});

            assertTrue(result.contains("processed=1"), result);
            assertEquals(0L, (Long) mbeans.getAttribute(ingestion, "DeadLetters"));
            Exception refused = assertThrows(Exception.class,
                    () -> mbeans.invoke(ingestion, "replayDeadLetters", new Object[] {0}, new String[] {"int"}));
            assertTrue(messages(refused).contains("max must be between 1 and"), messages(refused));
        }
        List<JsonObject> deployments = http.get("/api/v1/deployments?service=" + repo, OpsSightServer.ADMIN_TOKEN).json()
                .getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(1, deployments.size());
        List<JsonObject> audited = audit("Management.replayDeadLetters");
        assertTrue(audited.stream().anyMatch(e -> "success".equals(e.getString("outcome"))
                && e.getString("details").contains("jmxUser=operator") && e.getString("details").contains("processed=1")),
                audited::toString);
        assertTrue(audited.stream().anyMatch(e -> "failure".equals(e.getString("outcome"))), audited::toString);
    }

    @Test
    void aFeaturesLogLevelIsSetThroughJmxAndAudited() throws Exception {
        try (JMXConnector jmx = connect("operator", OPERATOR_PASSWORD)) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName logging = new ObjectName("io.opssight:type=Logging");
            String[] sig = {"java.lang.String"};
            assertTrue(List.of((String[]) mbeans.getAttribute(logging, "Features")).contains("ingestion"));

            mbeans.invoke(logging, "setLogLevel", new Object[] {"alerting", "fine"}, new String[] {"java.lang.String", "java.lang.String"});

            assertEquals("FINE", mbeans.invoke(logging, "getLogLevel", new Object[] {"alerting"}, sig));
            Exception badLevel = assertThrows(Exception.class, () -> mbeans.invoke(logging, "setLogLevel",
                    new Object[] {"alerting", "LOUD"}, new String[] {"java.lang.String", "java.lang.String"}));
            assertTrue(messages(badLevel).contains("unknown level LOUD"), messages(badLevel));
            Exception badFeature = assertThrows(Exception.class, () -> mbeans.invoke(logging, "setLogLevel",
                    new Object[] {"javax.net", "FINE"}, new String[] {"java.lang.String", "java.lang.String"}));
            assertTrue(messages(badFeature).contains("unknown feature"), messages(badFeature));
            assertEquals("FINE", mbeans.invoke(logging, "getLogLevel", new Object[] {"alerting"}, sig));
        }
        List<JsonObject> audited = audit("Management.setLogLevel");
        assertTrue(audited.stream().anyMatch(e -> "success".equals(e.getString("outcome"))
                && e.getString("target").equals("logger io.opssight.alerting") && e.getString("details").endsWith("-> FINE")),
                audited::toString);
        assertEquals(2, audited.stream().filter(e -> "failure".equals(e.getString("outcome"))).count(), audited::toString);
    }

    @Test
    void theSourceCacheIsFlushedThroughJmxAndAudited() throws Exception {
        Fixtures.Source source = Fixtures.githubSource(http);
        byte[] ping = GitHubHooks.ping("acme", Fixtures.unique("cached"));
        assertEquals(202, http.postRaw(source.ingestPath(),
                GitHubHooks.headers("ping", UUID.randomUUID().toString(), source.secret(), ping), ping).status());
        try (JMXConnector jmx = connect("operator", OPERATOR_PASSWORD)) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName caches = new ObjectName("io.opssight:type=Caches");
            assertNotEquals(0, (Integer) mbeans.getAttribute(caches, "SourceCacheSize"));

            mbeans.invoke(caches, "flushSourceCache", new Object[0], new String[0]);

            assertEquals(0, (Integer) mbeans.getAttribute(caches, "SourceCacheSize"));
        }
        List<JsonObject> audited = audit("Management.flushSourceCache");
        assertTrue(audited.stream().anyMatch(e -> e.getString("details").startsWith("jmxUser=operator dropped=")
                && !e.getString("details").endsWith("dropped=0")), audited::toString);
    }

    @Test
    void aRateLimitIsChangedThroughJmxTakesEffectAtOnceAndIsAudited() throws Exception {
        String token = Fixtures.token(http, "deployments:read");
        try (JMXConnector jmx = connect("operator", OPERATOR_PASSWORD)) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName limits = new ObjectName("io.opssight:type=RateLimits");
            assertEquals(3000L, mbeans.getAttribute(limits, "PerTokenPerMinute"));
            assertEquals(6000L, mbeans.getAttribute(limits, "PerAddressPerMinute"));
            assertEquals(0L, mbeans.getAttribute(limits, "PerSourcePerMinute"),
                    "off by default: signed deliveries are not refused for their number");
            long refusedBefore = (Long) mbeans.getAttribute(limits, "RefusedByToken");
            awaitRoomInWindow();
            try {
                mbeans.setAttribute(limits, new Attribute("PerTokenPerMinute", 3L));
                assertEquals(3L, mbeans.getAttribute(limits, "PerTokenPerMinute"));

                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    statuses.add(http.get("/api/v1/deployments", token).status());
                }
                assertEquals(List.of(200, 200, 200, 429), statuses, "the new limit applies to the next requests");
                assertEquals(refusedBefore + 1, (Long) mbeans.getAttribute(limits, "RefusedByToken"));

                mbeans.setAttribute(limits, new Attribute("PerTokenPerMinute", 0L));
                assertEquals(200, http.get("/api/v1/deployments", token).status(), "0 turns the limit off");

                Exception negative = assertThrows(Exception.class,
                        () -> mbeans.setAttribute(limits, new Attribute("PerTokenPerMinute", -5L)));
                assertTrue(messages(negative).contains("per-token-per-minute must be 0 (off) or more, not -5"), messages(negative));
                assertEquals(0L, mbeans.getAttribute(limits, "PerTokenPerMinute"));
            } finally {
                mbeans.setAttribute(limits, new Attribute("PerTokenPerMinute", 3000L));
            }
            assertEquals(3000L, mbeans.getAttribute(limits, "PerTokenPerMinute"));
        }
        List<JsonObject> audited = audit("ratelimit.changed");
        List<String> changes = audited.stream()
                .filter(e -> "opssight.ratelimit.per-token-per-minute".equals(e.getString("target")))
                .map(e -> e.getString("outcome") + " " + e.getString("details")).toList();
        assertTrue(changes.contains("success jmxUser=operator 3000 -> 3 per minute on this replica"), changes::toString);
        assertTrue(changes.contains("success jmxUser=operator 3 -> 0 per minute on this replica"), changes::toString);
        assertTrue(changes.contains("success jmxUser=operator 0 -> 3000 per minute on this replica"), changes::toString);
        assertTrue(changes.stream().anyMatch(c -> c.startsWith("failure jmxUser=operator") && c.contains("not -5")), changes::toString);
    }

    @Test
    void theDoraRollupLagIsReadThroughJmx() throws Exception {
        try (JMXConnector jmx = connect("monitor", MONITOR_PASSWORD)) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName analytics = new ObjectName("io.opssight:type=Analytics");
            assertEquals(Boolean.TRUE, mbeans.getAttribute(analytics, "RollupEnabled"));
            long recomputes = (Long) mbeans.getAttribute(analytics, "Recomputes");

            Fixtures.Source source = Fixtures.githubSource(http);
            GitHubHooks.Deployment d = GitHubHooks.deployment("acme", Fixtures.unique("jmx-dora"), "production", "2026-11-20T10:00:00Z");
            byte[] body = GitHubHooks.deploymentStatus(d, "success", "2026-11-20T10:05:00Z", GitHubHooks.nextId());
            assertEquals(202, http.postRaw(source.ingestPath(),
                    GitHubHooks.headers("deployment_status", UUID.randomUUID().toString(), source.secret(), body), body).status());

            Waits.await("a recompute", Duration.ofSeconds(60), Duration.ofMillis(250)).untilAsserted(() -> assertTrue(
                    (Long) mbeans.getAttribute(analytics, "Recomputes") > recomputes, "the deployment's day was recomputed"));
            assertTrue((Long) mbeans.getAttribute(analytics, "Recomputes") > recomputes, "the deployment's day was recomputed");
            assertTrue((Long) mbeans.getAttribute(analytics, "RollupLagSeconds") >= 0);
            assertTrue((Long) mbeans.getAttribute(analytics, "DirtyDays") >= 0);
            Exception readOnly = assertThrows(Exception.class,
                    () -> mbeans.setAttribute(analytics, new Attribute("RollupLagSeconds", 0L)));
            assertFalse(messages(readOnly).isEmpty());
        }
    }

    /** Rate limits count in fixed one-minute windows: a burst must not straddle two of them. */
    private static void awaitRoomInWindow() throws InterruptedException {
        long second = Instant.now().getEpochSecond() % 60;
        if (second >= 40) {
            Thread.sleep((61 - second) * 1000L);
        }
    }

    private static List<JsonObject> audit(String action) {
        Http.Answer answer = http.get("/api/v1/audit?actor=jmx&action=" + action, OpsSightServer.ADMIN_TOKEN);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private static JMXConnector connect(String user, String password) throws IOException {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    private static Object attribute(MBeanServerConnection mbeans, ObjectName name, String attribute) {
        try {
            return mbeans.getAttribute(name, attribute);
        } catch (Exception e) {
            return e;
        }
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append(" | ");
        }
        return all.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
