package io.opssight.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The EAR is a real deployable: it is deployed on a fresh domain of the full Payara Server against a
 * fresh PostgreSQL database, and the application's readiness check ("database") must report UP with
 * the schema migrated by Flyway, while the REST API of the web module answers.
 *
 * <p>Nothing is shared with earlier runs: a new database {@code opssight_ear_<random>}, a new domain
 * {@code opssight-it-<random>} in {@code target/payara-it/domains} on a free port base. Both are
 * removed afterwards, also when the test fails (then {@code target/payara-it/server-<domain>.log}
 * keeps the server log) or when the test JVM is stopped.
 */
@DisplayName("The EAR deploys on Payara Server and is ready against PostgreSQL")
class EarOnPayaraServerIT {

    /** Offsets of the ports a domain created with {@code --portbase} listens on. */
    private static final int[] PORT_OFFSETS = {37, 38, 39, 48, 66, 76, 80, 81, 86};
    private static final int ADMIN_OFFSET = 48;
    private static final int HTTP_OFFSET = 80;
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration ASADMIN_TIMEOUT = Duration.ofMinutes(3);

    private static final String PG_HOST = property("opssight.it.pg.host", "127.0.0.1");
    private static final String PG_PORT = property("opssight.it.pg.port", "5432");
    private static final String PG_USER = property("opssight.it.pg.user", "postgres");
    private static final String PG_PASSWORD = property("opssight.it.pg.password", "");

    private static final AtomicBoolean CLEANED = new AtomicBoolean();
    private static final List<String> LOG = new ArrayList<>();

    private static volatile boolean failed;
    private static Path payaraHome;
    private static Path work;
    private static Path domainDir;
    private static Path dataDir;
    private static String domainName;
    private static String database;
    private static boolean databaseCreated;
    private static boolean domainCreated;
    private static int adminPort;
    private static int httpPort;
    private static Thread shutdownHook;
    private static int commandCount;
    private static HttpClient http;
    private static JsonObject readiness;
    private static Duration deployedAfter;

    @RegisterExtension
    static final TestWatcher WATCHER = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
        }

        @Override
        public void testAborted(ExtensionContext context, Throwable cause) {
            failed = true;
        }
    };

    @BeforeAll
    static void deployOnAFreshDomain() throws Exception {
        Instant start = Instant.now();
        shutdownHook = new Thread(EarOnPayaraServerIT::cleanUp, "opssight-ear-it-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            Path ear = Path.of(required("opssight.it.ear"));
            payaraHome = Path.of(required("opssight.it.payara.home"));
            work = Path.of(required("opssight.it.work"));
            assertTrue(Files.isRegularFile(ear), "the EAR is missing: " + ear);
            assertTrue(Files.isRegularFile(payaraHome.resolve("glassfish/lib/client/appserver-cli.jar")),
                    "Payara Server is not unpacked at " + payaraHome);
            String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            database = "opssight_ear_" + suffix;
            domainName = "opssight-it-" + suffix;
            domainDir = work.resolve("domains");
            Files.createDirectories(domainDir);
            removeLeftoversOfKilledRuns();

            createDatabase();

            int portBase = freePortBase(Integer.parseInt(property("opssight.it.payara.portbase", "30000")));
            adminPort = portBase + ADMIN_OFFSET;
            httpPort = portBase + HTTP_OFFSET;
            log("domain " + domainName + " on port base " + portBase + " (admin " + adminPort + ", http " + httpPort
                    + "), database " + database);

            asadmin("create-domain", "--nopassword=true", "--portbase", String.valueOf(portBase),
                    "--checkports=true", "--domaindir", domainDir.toString(), domainName);
            domainCreated = true;
            asadmin("start-domain", "--domaindir", domainDir.toString(), domainName);

            // Configure the domain as an operator would; JVM options take effect at the restart below.
            remote("create-jvm-options", jvmOption("OPSSIGHT_DB_URL",
                    "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + database));
            remote("create-jvm-options", jvmOption("OPSSIGHT_DB_USER", PG_USER));
            if (!PG_PASSWORD.isEmpty()) {
                remote("create-jvm-options", jvmOption("OPSSIGHT_DB_PASSWORD", PG_PASSWORD));
            }
            // Should the URL ever not arrive, the embedded H2 lands here, not in the user's home.
            dataDir = work.resolve("data-" + suffix);
            remote("create-jvm-options", jvmOption("OPSSIGHT_DATA_DIR", dataDir.toString()));
            // The application maps groups to roles of the same name (web.xml's security roles).
            remote("set", "configs.config.server-config.security-service.activate-default-principal-to-role-mapping=true");
            // Keep this domain's data grid to itself: other domains on this machine also start at 4900.
            remote("set-hazelcast-configuration", "--clustername", domainName,
                    "--dasport", String.valueOf(portBase + 90), "--startport", String.valueOf(portBase + 90));

            asadmin("stop-domain", "--domaindir", domainDir.toString(), domainName);
            asadmin("start-domain", "--domaindir", domainDir.toString(), domainName);

            Instant deploy = Instant.now();
            remote("deploy", "--name", "opssight", ear.toString());
            readiness = awaitReady(Duration.ofSeconds(Long.parseLong(property("opssight.it.deploy.timeout.seconds", "180"))));
            deployedAfter = Duration.between(deploy, Instant.now());
            log("ready " + deployedAfter.toMillis() + " ms after the deploy command started; "
                    + Duration.between(start, Instant.now()).toMillis() + " ms in total");
        } catch (Throwable e) {
            failed = true;
            throw e;
        }
    }

    @AfterAll
    static void stopDomainAndDropDatabase() {
        cleanUp();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // The JVM is already shutting down, or the hook was never registered.
        }
    }

    @Test
    @DisplayName("/health/ready is UP and its database check says PostgreSQL, reachable, migrated")
    void readinessIsUpAgainstPostgresql() throws SQLException {
        assertNotNull(readiness, "no readiness answer");
        assertEquals("UP", readiness.getString("status"), readiness::toString);
        JsonObject check = databaseCheck(readiness).orElseThrow(() -> new AssertionError("no 'database' check: " + readiness));
        assertEquals("UP", check.getString("status"), check::toString);
        JsonObject data = check.getJsonObject("data");
        assertNotNull(data, check::toString);
        assertTrue(isTrue(data.get("migrated")), () -> "not migrated: " + check);
        assertTrue(isTrue(data.get("reachable")), () -> "not reachable: " + check);
        assertEquals("PostgreSQL", data.getString("database"), "the domain's JVM options did not reach the data source: " + check);

        // And it really was this run's database that Flyway migrated.
        try (Connection c = connect(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*), bool_and(success) from flyway_schema_history where version is not null")) {
            assertTrue(rs.next());
            assertTrue(rs.getInt(1) > 0, "no migration recorded in " + database);
            assertTrue(rs.getBoolean(2), "a failed migration is recorded in " + database);
        }
    }

    @Test
    @DisplayName("the web module answers: GET /api/v1/deployments without a token is 401 problem+json")
    void apiWithoutTokenIsUnauthorizedProblem() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/api/v1/deployments"))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode(), response::body);
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith("application/problem+json"), "Content-Type was '" + contentType + "'");
        JsonObject problem = json(response.body());
        assertEquals(401, problem.getInt("status"), response::body);
    }

    @Test
    @DisplayName("SOAP runs on the server's own JAX-WS (the EAR carries no jaxws-rt): the WSDL is published")
    void soapWsdlIsPublished() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/soap/v1/DeliveryService?wsdl"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        assertTrue(response.body().contains("targetNamespace=\"urn:opssight:soap:v1\""), response::body);
    }

    // ---------------------------------------------------------------------------------------------

    private static JsonObject awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/health/ready"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 || response.statusCode() == 503) {
                    JsonObject body = json(response.body());
                    Optional<JsonObject> check = databaseCheck(body);
                    if (check.isPresent() && "UP".equals(check.get().getString("status", ""))) {
                        return body;
                    }
                }
            } catch (IOException | RuntimeException e) {
                last = e.toString();
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        throw new AssertionError("the 'database' readiness check was not UP within " + timeout.toSeconds()
                + " s; last answer of " + url("/health/ready") + ": " + last);
    }

    /** Payara Server 6 renders {@code withData(name, boolean)} as the string "true", not a JSON boolean. */
    private static boolean isTrue(JsonValue value) {
        return JsonValue.TRUE.equals(value) || value instanceof JsonString s && "true".equals(s.getString());
    }

    private static Optional<JsonObject> databaseCheck(JsonObject health) {
        return health.getJsonArray("checks") == null ? Optional.empty()
                : health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                        .filter(c -> "database".equals(c.getString("name", null))).findFirst();
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    // --- PostgreSQL --------------------------------------------------------------------------------

    private static Connection connect(String db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", PG_USER);
        if (!PG_PASSWORD.isEmpty()) {
            props.setProperty("password", PG_PASSWORD);
        }
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + db, props);
    }

    private static void createDatabase() {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("create database " + database);
            databaseCreated = true;
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not usable at " + PG_HOST + ":" + PG_PORT + " as user '" + PG_USER
                    + "' (" + e.getMessage() + "). This test needs a PostgreSQL that lets that user create databases; "
                    + "point it elsewhere with -Dopssight.it.pg.host/-Dopssight.it.pg.port/-Dopssight.it.pg.user/"
                    + "-Dopssight.it.pg.password.", e);
        }
    }

    private static void dropDatabase() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        }
    }

    // --- Payara Server -----------------------------------------------------------------------------

    /** A port base all of whose ports are free, from {@code first} upwards in steps of 100. */
    private static int freePortBase(int first) {
        for (int base = first; base + 100 < 65535; base += 100) {
            boolean free = true;
            for (int offset : PORT_OFFSETS) {
                free &= isFree(base + offset);
            }
            free &= isFree(base + 90); // the data grid (set below)
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base at or above " + first);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A -D JVM option for create-jvm-options, whose separator is ':' (so colons are escaped). */
    private static String jvmOption(String name, String value) {
        return "-D" + name + "=" + value.replace(":", "\\:");
    }

    private static String remote(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(adminPort), "--user", "admin"));
        args.addAll(List.of(command));
        return asadmin(args.toArray(String[]::new));
    }

    private static String asadmin(String... command) throws IOException, InterruptedException {
        Result result = run(ASADMIN_TIMEOUT, command);
        if (result.exitCode != 0) {
            throw new IllegalStateException("asadmin " + String.join(" ", command) + " failed with exit code "
                    + result.exitCode + ":\n" + result.output);
        }
        return result.output;
    }

    private record Result(int exitCode, String output) {
    }

    /**
     * Runs asadmin with its output in a file, not a pipe: start-domain leaves a server process
     * behind that must not keep our end of a pipe open.
     */
    private static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        // What glassfish/bin/asadmin does, minus the shell: the JDK running this test runs asadmin,
        // and asadmin keeps its client state (~/.gfclient) in target/, not in the user's home.
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+IgnoreUnrecognizedVMOptions", "-Duser.home=" + work.resolve("asadmin-home"),
                "-jar", payaraHome.resolve("glassfish/lib/client/appserver-cli.jar").toString(), "--interactive=false"));
        cmd.addAll(List.of(command));
        String verb = Stream.of(command).filter(a -> a.matches("[a-z][a-z-]*") && !"admin".equals(a)).findFirst().orElse("asadmin");
        Path out = work.resolve(String.format("asadmin-%02d-%s.log", ++commandCount, verb));
        ProcessBuilder builder = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        // ... and the domain it starts.
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        Instant start = Instant.now();
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("asadmin " + String.join(" ", command) + " did not finish within " + timeout
                    + "; output:\n" + Files.readString(out));
        }
        String output = Files.readString(out);
        log("asadmin " + String.join(" ", command) + " -> " + process.exitValue() + " in "
                + Duration.between(start, Instant.now()).toMillis() + " ms");
        return new Result(process.exitValue(), output);
    }

    private static Optional<Long> serverPid() {
        if (domainDir == null) {
            return Optional.empty();
        }
        Path pidFile = domainDir.resolve(domainName).resolve("config/pid");
        try {
            return Files.isRegularFile(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    // --- clean-up ------------------------------------------------------------------------------------

    /** Idempotent; runs from @AfterAll or, if the JVM is stopped first, from the shutdown hook. */
    private static void cleanUp() {
        if (!CLEANED.compareAndSet(false, true)) {
            return;
        }
        List<Throwable> problems = new ArrayList<>();
        if (domainCreated) {
            Path serverLog = domainDir.resolve(domainName).resolve("logs/server.log");
            if (failed && Files.isRegularFile(serverLog)) {
                try {
                    Path copy = work.resolve("server-" + domainName + ".log");
                    Files.copy(serverLog, copy, StandardCopyOption.REPLACE_EXISTING);
                    log("the test failed; the server log is in " + copy);
                } catch (IOException e) {
                    problems.add(e);
                }
            }
            Optional<Long> pid = serverPid();
            try {
                Result stop = run(Duration.ofSeconds(60), "stop-domain", "--domaindir", domainDir.toString(), domainName);
                if (stop.exitCode != 0) {
                    run(Duration.ofSeconds(30), "stop-domain", "--kill=true", "--domaindir", domainDir.toString(), domainName);
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                problems.add(e);
            }
            // Whatever asadmin managed: the server process of this domain must be gone.
            pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(p -> {
                log("killing the server process " + p.pid());
                p.destroyForcibly();
                p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
            try {
                deleteRecursively(domainDir.resolve(domainName));
                if (dataDir != null) {
                    deleteRecursively(dataDir);
                }
            } catch (IOException | UncheckedIOException e) {
                problems.add(e);
            }
        }
        if (databaseCreated) {
            try {
                dropDatabase();
            } catch (SQLException e) {
                problems.add(e);
            }
        }
        if (work != null) {
            try {
                Files.write(work.resolve("it.log"), LOG, StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(e);
            }
        }
        if (!problems.isEmpty()) {
            IllegalStateException e = new IllegalStateException("clean-up after the EAR test was incomplete");
            problems.forEach(e::addSuppressed);
            throw e;
        }
    }

    /**
     * A run whose JVM was killed outright (no @AfterAll, no shutdown hook) leaves its domain behind,
     * perhaps still running, and its database. Only what this test made, in this build directory,
     * is touched: the server process recorded in the domain's pid file, the domain directory, and the
     * database with the domain's suffix.
     */
    private static void removeLeftoversOfKilledRuns() throws IOException {
        try (Stream<Path> old = Files.list(work)) {
            for (Path file : old.filter(p -> p.getFileName().toString().matches("asadmin-.*\\.log|it\\.log")).toList()) {
                Files.delete(file);
            }
        }
        List<Path> leftovers;
        try (Stream<Path> dirs = Files.list(domainDir)) {
            leftovers = dirs.filter(d -> d.getFileName().toString().startsWith("opssight-it-")).toList();
        }
        for (Path leftover : leftovers) {
            String suffix = leftover.getFileName().toString().substring("opssight-it-".length());
            Path pidFile = leftover.resolve("config/pid");
            if (Files.isRegularFile(pidFile)) {
                try {
                    ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                            .filter(p -> p.info().commandLine().map(c -> c.contains(leftover.toString())).orElse(false))
                            .ifPresent(p -> {
                                log("killing the server of a leftover domain " + leftover + ": " + p.pid());
                                p.destroyForcibly();
                                p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                            });
                } catch (NumberFormatException e) {
                    // no usable pid: nothing of ours to stop
                }
            }
            deleteRecursively(leftover);
            deleteRecursively(work.resolve("data-" + suffix));
            if (suffix.matches("[0-9a-f]{8}")) {
                try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
                    st.execute("drop database if exists opssight_ear_" + suffix + " with (force)");
                } catch (SQLException e) {
                    log("could not drop the leftover database opssight_ear_" + suffix + ": " + e.getMessage());
                }
            }
            log("removed the leftover domain " + leftover);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    // --- small things --------------------------------------------------------------------------------

    private static synchronized void log(String line) {
        String stamped = Instant.now() + " " + line;
        LOG.add(stamped);
        System.out.println("[EarOnPayaraServerIT] " + stamped);
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (run this test through Maven failsafe)");
        }
        return value;
    }
}
