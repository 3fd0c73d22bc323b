package io.opssight.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real OpsSight: {@code java -jar target/opssight.jar} in its own process, as a user starts it.
 * {@link #shared()} is the one server most end-to-end tests share, started once for the whole test
 * phase on a fresh PostgreSQL database; tests that need their own (restarts, the embedded
 * default) make more with {@link #start}. All are stopped when the test run ends.
 */
public final class OpsSightServer implements AutoCloseable {

    public static final String ADMIN_TOKEN = "it-admin-token-0123456789abcdef";
    /** The shared server's body limit is lowered so the 413 test need not send 25 MB. */
    public static final int SHARED_MAX_BODY = 1_048_576;
    /** The key test servers encrypt stored secrets with (so none writes a key file into the user's home). */
    public static final String SECRET_KEY = "b3BzaWdodC1pbnRlZ3JhdGlvbi10ZXN0LWtleS0zMmI=";

    private static final List<OpsSightServer> RUNNING = new ArrayList<>();
    private static OpsSightServer shared;

    private final String name;
    private final Map<String, String> environment;
    private int port;
    private final Path log;
    private Process process;
    private final String database;

    private OpsSightServer(String name, String database, Map<String, String> environment) {
        this.name = name;
        this.database = database;
        this.port = freePort();
        this.environment = new HashMap<>(environment);
        this.environment.put("OPSSIGHT_HTTP_PORT", String.valueOf(port));
        this.environment.putIfAbsent("OPSSIGHT_MICRO_ARGS", "--nocluster");
        this.log = Path.of(System.getProperty("opssight.it.home", "target"), "it-logs", name + "-" + port + ".log");
    }

    /** The shared server on its own fresh PostgreSQL database, with the bootstrap admin token. */
    public static synchronized OpsSightServer shared() {
        if (shared == null) {
            String db = TestPostgres.createDatabase("e2e");
            Map<String, String> env = postgresEnvironment(db);
            env.put("OPSSIGHT_INGESTION_MAX_BODY_BYTES", String.valueOf(SHARED_MAX_BODY));
            shared = start("shared", db, env);
            shared.awaitReady(Duration.ofSeconds(240));
        }
        return shared;
    }

    public static Map<String, String> postgresEnvironment(String database) {
        Map<String, String> env = new HashMap<>();
        env.put("OPSSIGHT_DB_URL", TestPostgres.url(database));
        env.put("OPSSIGHT_DB_USER", TestPostgres.user());
        env.put("OPSSIGHT_DB_PASSWORD", TestPostgres.password());
        env.put("OPSSIGHT_BOOTSTRAP_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("OPSSIGHT_SECRET_KEY", SECRET_KEY);
        return env;
    }

    /** Starts a server process (not waiting for it); {@code database} is informational, may be null. */
    public static synchronized OpsSightServer start(String name, String database, Map<String, String> environment) {
        OpsSightServer server = new OpsSightServer(name, database, environment);
        server.launch();
        RUNNING.add(server);
        return server;
    }

    private void launch() {
        Path home = Path.of(System.getProperty("opssight.it.home", "target"));
        Path jar = home.resolve("opssight.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No runnable jar at " + jar + "; the tests run after 'package'");
        }
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx768m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
            builder.environment().remove("OPSSIGHT_DB_URL");
            builder.environment().remove("OPSSIGHT_DB_USER");
            builder.environment().remove("OPSSIGHT_DB_PASSWORD");
            builder.environment().remove("OPSSIGHT_BOOTSTRAP_ADMIN_TOKEN");
            builder.environment().remove("OPSSIGHT_SECRET_KEY");
            builder.environment().putAll(environment);
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start OpsSight: " + e.getMessage(), e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Waits until /health/ready answers 200. A start that misses the deadline is diagnosed (a thread
     * dump and the last readiness answer go into the server's log and the failure message) and, once,
     * relaunched: on the shared 2-core CI machine a Payara Micro start has occasionally hung. A start
     * whose port was taken meanwhile (the port is picked before the process binds it) is relaunched
     * on a fresh port.
     */
    public OpsSightServer awaitReady(Duration timeout) {
        String why = waitReady(timeout);
        if (why == null) {
            return this;
        }
        diagnose(why);
        boolean portTaken = logContains("Address already in use") || logContains("BindException");
        System.err.println(name + " server not ready within " + timeout + " (" + why + "); relaunching"
                + (portTaken ? " on a fresh port" : "") + "; see " + log);
        kill();
        if (portTaken) {
            port = freePort();
            environment.put("OPSSIGHT_HTTP_PORT", String.valueOf(port));
        }
        launch();
        why = waitReady(timeout);
        if (why == null) {
            return this;
        }
        String lastLines = tail(40);
        diagnose(why);
        throw new IllegalStateException(name + " server not ready within " + timeout + " twice (" + why + "); see " + log
                + " (a thread dump is at its end)\n--- last lines of the log ---\n" + lastLines);
    }

    /** Null once ready; otherwise what the last readiness probe saw. */
    private String waitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        AtomicReference<String> last = new AtomicReference<>("never answered");
        try {
            Waits.await(name + " server ready", timeout, Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " server exited with " + process.exitValue() + "; see " + log
                            + "\n--- last lines of the log ---\n" + tail(40));
                }
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    last.set("readiness " + response.statusCode() + ": " + response.body());
                    return response.statusCode() == 200;
                } catch (IOException e) {
                    last.set("readiness probe: " + e);
                    return false;
                }
            });
            return null;
        } catch (ConditionTimeoutException e) {
            return last.get();
        }
    }

    /** Appends the reason and a thread dump of the server (jcmd from the same JDK) to its log. */
    private void diagnose(String why) {
        try {
            Files.writeString(log, System.lineSeparator() + "=== not ready: " + why + "; thread dump follows ==="
                    + System.lineSeparator(), StandardOpenOption.APPEND);
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            if (Files.isExecutable(jcmd) && process.isAlive()) {
                Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                dump.waitFor(60, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            System.err.println("Cannot diagnose " + name + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean logContains(String text) {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(line -> line.contains(text));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private String tail(int count) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Ends the process the hard way (SIGKILL), as a crash would. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** Ends the process politely (SIGTERM), as Kubernetes would. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    /** Starts the same server again (same port, environment and database) after a stop or kill. */
    public OpsSightServer restart() {
        stop();
        launch();
        return this;
    }

    /** Starts the same server again with some environment variables changed (null removes one). */
    public OpsSightServer restart(Map<String, String> changes) {
        stop();
        changes.forEach((key, value) -> {
            if (value == null) {
                environment.remove(key);
            } else {
                environment.put(key, value);
            }
        });
        launch();
        return this;
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The servers of this test run whose process is alive (the shared one among them once started). */
    public static synchronized List<OpsSightServer> running() {
        return RUNNING.stream().filter(s -> s.process != null && s.process.isAlive()).toList();
    }

    public static synchronized void stopAll() {
        RUNNING.forEach(OpsSightServer::stop);
        RUNNING.clear();
        shared = null;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public Path log() {
        return log;
    }

    public Http http() {
        return new Http(baseUrl());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
