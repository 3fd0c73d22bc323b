package io.opssight.it.campaign;

import static org.junit.jupiter.api.Assertions.fail;

import io.opssight.it.campaign.Findings.Category;
import io.opssight.it.support.OpsSightServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import io.opssight.it.support.Rows;
import io.opssight.it.support.TestPostgres;
import java.net.URLEncoder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Our own campaign (issue 16): malformed and hostile requests, table-driven from a fixed seed,
 * against the one shared server on PostgreSQL. Every webhook kind × body, header and route
 * mutations ({@link WebhookCampaign}); every {@code /api/v1} operation of the live OpenAPI
 * document × parameter and body mutations with a token holding every permission
 * ({@link ApiCampaign}); the object-level matrix of a team-limited token ({@link TeamMatrix}).
 * Then the server is given a bounded time to settle and what the answers promised is checked in
 * the database, and the server log is read.
 *
 * <p>Each assertion is one dynamic test that fails with its violations grouped and reproduced
 * ({@link Findings}); all counts go to {@code target/campaign-report.txt}. The campaign runs once
 * per test JVM (a rerun of a failed assertion re-reports it). Settings (system properties):
 * {@code campaign.requests} (about how many requests in all, default 3000), {@code campaign.seed}
 * (16), {@code campaign.threads} (4), {@code campaign.settleSeconds} (60),
 * {@code campaign.logGrowthBytes} (2 MiB), {@code campaign.logLineBytes} (10240), {@code campaign.logStackLines} (2000),
 * {@code campaign.validPerKind} (12), {@code campaign.poisonPerKind} (4).
 */
@DisplayName("#16 our own campaign: malformed and hostile requests against one server")
class CampaignIT {

    static final int REQUESTS = Integer.getInteger("campaign.requests", 3_000);
    static final long SEED = Long.getLong("campaign.seed", 16L);
    static final int THREADS = Integer.getInteger("campaign.threads", 4);
    static final int SETTLE_SECONDS = Integer.getInteger("campaign.settleSeconds", 60);
    static final long LOG_GROWTH_BYTES = Long.getLong("campaign.logGrowthBytes", 2L * 1024 * 1024);
    static final int LOG_LINE_BYTES = Integer.getInteger("campaign.logLineBytes", 10_240);
    /** Stack-trace lines the whole campaign may cause (issue 16 found 130,000; the HTTP codec's own are left). */
    static final long LOG_STACK_LINES = Long.getLong("campaign.logStackLines", 2_000);
    static final int VALID_PER_KIND = Integer.getInteger("campaign.validPerKind", 12);
    static final int POISON_PER_KIND = Integer.getInteger("campaign.poisonPerKind", 4);

    /** Payara's log line: [time] [] [LEVEL] [] [logger] ... */
    private static long maxId(OpsSightServer server, String sql) {
        return Rows.only(server, sql).number("n");
    }

    /**
     * Deletes the users, then the custom roles, that the campaign's mutated requests created: through
     * the API where their names can be addressed, else (a name the API refuses in a path) in the database.
     */
    private static long tidy(OpsSightServer server, long usersBefore, long rolesBefore) {
        long deleted = 0;
        for (var user : Rows.query(server, "select id, username from users where id > ?", usersBefore)) {
            deleted += delete(server, "/api/v1/users/", user.string("username"), "delete from users where id = ?", user.number("id"));
        }
        for (var role : Rows.query(server,
                "select id, name from access_role where id > ? and not built_in", rolesBefore)) {
            deleted += delete(server, "/api/v1/roles/", role.string("name"),
                    "delete from access_role r where id = ? and not exists (select 1 from role_assignment a where a.role_id = r.id)",
                    role.number("id"));
        }
        return deleted;
    }

    private static int delete(OpsSightServer server, String collection, String name, String sql, long id) {
        String path = collection + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        int status = server.http().delete(path, OpsSightServer.ADMIN_TOKEN).status();
        if (status / 100 == 2) {
            return 1;
        }
        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            return s.executeUpdate();
        } catch (SQLException e) {
            return 0;
        }
    }

    private static final Pattern LOG_LINE = Pattern.compile("^\\[[^\\]]*\\] \\[[^\\]]*\\] \\[[^\\]]*\\] \\[[^\\]]*\\] \\[([^\\]]*)\\]");

    private static Findings findings;
    private static final List<String> harnessErrors = Collections.synchronizedList(new ArrayList<>());

    @TestFactory
    Stream<DynamicTest> campaign() throws Exception {
        if (findings == null) {
            run();
        }
        Stream<DynamicTest> harness = Stream.of(DynamicTest.dynamicTest("the campaign itself ran without errors", () -> {
            if (!harnessErrors.isEmpty()) {
                fail(harnessErrors.size() + " probe(s) of the campaign failed in the test code:\n  "
                        + String.join("\n  ", harnessErrors.subList(0, Math.min(20, harnessErrors.size()))));
            }
        }));
        return Stream.concat(harness, Stream.of(Category.values()).map(c -> DynamicTest.dynamicTest(c.name() + ": " + c.assertion, () -> {
            if (findings.violations(c) > 0) {
                fail(findings.failureMessage(c));
            }
        })));
    }

    private static void run() throws Exception {
        OpsSightServer server = OpsSightServer.shared();
        Findings found = new Findings();
        Path log = server.log();
        long logStart = Files.size(log);
        Instant since = Instant.now().minusSeconds(1);
        long started = System.nanoTime();
        Random random = new Random(SEED);
        Map<String, Long> phases = new LinkedHashMap<>();

        long usersBefore = maxId(server, "select coalesce(max(id), 0) as n from users");
        long rolesBefore = maxId(server, "select coalesce(max(id), 0) as n from access_role");
        WebhookCampaign webhooks = new WebhookCampaign(server, found);
        ApiCampaign api = new ApiCampaign(server, found);
        TeamMatrix matrix = new TeamMatrix(server, found);
        matrix.prepare();
        phases.put("set-up", elapsed(started));

        int apiBudget = REQUESTS * 2 / 5;
        // What is not in the budget: the matrix, the baselines, paging, the poison burst (about 150 in all) and the dead-letter filler.
        int webhookBudget = Math.max(0, REQUESTS - apiBudget - 150);
        List<Runnable> tasks = new ArrayList<>();
        for (WebhookCampaign.Probe probe : webhooks.probes(webhookBudget, VALID_PER_KIND, random)) {
            tasks.add(guarded("webhook:" + probe.kind().name + " " + probe.label(), probe.send()));
        }
        for (OpenApiOperations.ApiRequest request : api.mutations(apiBudget, random)) {
            tasks.add(guarded(request.op().key() + " " + request.mutation(), () -> api.send(request)));
        }
        Collections.shuffle(tasks, random);
        long phase = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            tasks.forEach(pool::submit);
            pool.shutdown();
            if (!pool.awaitTermination(15, TimeUnit.MINUTES)) {
                harnessErrors.add("the campaign's requests did not finish within 15 minutes");
            }
        } finally {
            pool.shutdownNow();
        }
        phases.put("mutations (" + tasks.size() + " probes, " + THREADS + " threads)", elapsed(phase));

        phase = System.nanoTime();
        guarded("poison burst", () -> interruptible(() -> webhooks.poisonBurst(POISON_PER_KIND, 16, random))).run();
        guarded("dead-letter filler", () -> interruptible(() -> webhooks.fillDeadLetters(520, THREADS))).run();
        phases.put("poison burst and dead-letter filler", elapsed(phase));

        phase = System.nanoTime();
        for (OpenApiOperations.ApiRequest baseline : api.baselines(random)) {
            guarded(baseline.op().key() + " baseline", () -> api.send(baseline)).run();
        }
        guarded("team matrix", matrix::run).run();
        guarded("paging", api::checkPaging).run();
        phases.put("baselines, team matrix, paging", elapsed(phase));

        phase = System.nanoTime();
        long left = webhooks.settle(since, SETTLE_SECONDS);
        phases.put("settling (bounded by " + SETTLE_SECONDS + " s, " + left + " still RECEIVED)", elapsed(phase));
        phase = System.nanoTime();
        guarded("verifying deliveries", () -> webhooks.verify(since)).run();
        guarded("quarantine",
                () -> found.note("deliveries left RECEIVED, marked dead letters after the checks so they hold back no later test",
                webhooks.quarantine(since))).run();
        guarded("tidy", () -> found.note("users and roles the campaign's mutations created, deleted so that later tests "
                + "on the shared server see their own (the console lists 25 a page)", tidy(server, usersBefore, rolesBefore))).run();
        List<String> secrets = new ArrayList<>(api.secrets);
        secrets.addAll(matrix.secrets);
        webhooks.kinds().forEach(k -> secrets.add(k.source.secret()));
        readLog(found, log, logStart, secrets);
        phases.put("verification and log", elapsed(phase));
        phases.put("total", elapsed(started));
        phases.forEach((what, seconds) -> found.note("seconds: " + what, seconds));
        if (!harnessErrors.isEmpty()) {
            found.note("campaign probes that failed in the test code", harnessErrors.size());
        }

        String report = found.report("OpsSight campaign (issue 16), " + Instant.now() + "\nseed " + SEED + ", campaign.requests " + REQUESTS
                + ", threads " + THREADS + ", server log " + log + "\n");
        Path file = Path.of(System.getProperty("opssight.it.home", "target"), "campaign-report.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report, StandardCharsets.UTF_8);
        System.out.println(report);
        findings = found;
    }

    private static Runnable guarded(String what, Runnable probe) {
        return () -> {
            try {
                probe.run();
            } catch (RuntimeException | AssertionError e) {
                harnessErrors.add(what + ": " + e);
                e.printStackTrace();
            }
        };
    }

    private interface Interruptible {
        void run() throws InterruptedException;
    }

    private static void interruptible(Interruptible task) {
        try {
            task.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long elapsed(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toSeconds();
    }

    /**
     * What the campaign added to the server log: its size, lines over the limit, the loggers that
     * wrote the most, and any secret of the campaign (or its SHA-256) written there.
     */
    static void readLog(Findings found, Path log, long from, List<String> secrets) throws IOException {
        long growth = Files.size(log) - from;
        Map<String, Long> bytesByLogger = new TreeMap<>();
        Map<String, String> secretHashes = new LinkedHashMap<>();
        for (String secret : secrets) {
            secretHashes.put(secret, "a secret");
            secretHashes.put(WebhookKinds.sha256(secret.getBytes(StandardCharsets.UTF_8)), "a secret's SHA-256");
        }
        long lines = 0;
        long stackFrames = 0;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(from);
            BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(file.getChannel()),
                    StandardCharsets.ISO_8859_1), 1 << 16);
            String logger = "(start)";
            String line;
            while ((line = reader.readLine()) != null) {
                lines++;
                Matcher m = LOG_LINE.matcher(line);
                if (m.find()) {
                    logger = m.group(1).replaceAll("\u001B\\[[0-9;]*m", "");
                }
                if (line.startsWith("\tat ")) {
                    stackFrames++;
                }
                bytesByLogger.merge(logger, (long) line.length() + 1, Long::sum);
                if (line.length() > LOG_LINE_BYTES) {
                    found.violation(Category.LOG, "a log line over " + LOG_LINE_BYTES + " bytes from " + logger,
                            line.length() + " bytes: " + Exchange.snippet(line, 200));
                }
                for (Map.Entry<String, String> s : secretHashes.entrySet()) {
                    if (line.contains(s.getKey())) {
                        found.violation(Category.LOG, s.getValue() + " in the log, from " + logger, Exchange.snippet(line, 200));
                    }
                }
            }
        }
        found.note("server log growth over the campaign (bytes)", growth);
        found.note("server log lines written", lines);
        found.note("server log stack-trace lines", stackFrames);
        if (stackFrames > LOG_STACK_LINES) {
            found.violation(Category.LOG, "more than " + LOG_STACK_LINES + " stack-trace lines",
                    stackFrames + " stack-trace lines in " + lines + " lines: a failure is logged once per cause, not per request");
        }
        if (growth > LOG_GROWTH_BYTES) {
            StringBuilder top = new StringBuilder();
            bytesByLogger.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(4)
                    .forEach(e -> top.append(top.length() == 0 ? ""
                            : ", ").append(e.getKey()).append(' ').append(e.getValue()).append(" B"));
            found.violation(Category.LOG, "the log grew by more than " + LOG_GROWTH_BYTES + " bytes",
                    "grew by " + growth + " bytes in " + lines + " lines (" + stackFrames + " stack-trace lines); most from: " + top);
        }
    }
}
