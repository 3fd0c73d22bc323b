package io.opssight.it.campaign;

import io.opssight.it.campaign.Findings.Category;
import io.opssight.it.campaign.Mutations.Mutator;
import io.opssight.it.campaign.WebhookKinds.Kind;
import io.opssight.it.campaign.WebhookKinds.Payload;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.RawHttp;
import io.opssight.it.support.Rows;
import io.opssight.it.support.Waits;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import io.opssight.it.support.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Collections;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Every webhook kind × body mutations (field by field and whole-body, each correctly signed so it
 * passes authentication), header mutations (authentication formats, lying content types,
 * oversized headers, chunked and short bodies, methods) and route mutations, with valid
 * deliveries mixed in. What each answer promised is checked against the deliveries table once
 * the server has settled: a 2xx is a delivery stored once with the bytes sent, a 400 is a dead
 * letter, nothing accepted stays RECEIVED, the valid ones are mapped.
 */
final class WebhookCampaign {

    private static final Pattern DEAD_LETTER_ID = Pattern.compile("dead letter (\\d+)");

    private final OpsSightServer server;
    private final Http http;
    private final RawHttp raw;
    private final Findings findings;
    private final List<Kind> kinds;

    /** What an answer promised, checked against the table later. */
    private record Promise(Kind kind, String label, byte[] expected, Exchange exchange, long deliveryId, boolean valid) {
    }

    private final List<Promise> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final List<Promise> deadLettered = Collections.synchronizedList(new ArrayList<>());
    private final List<Promise> validOnes = Collections.synchronizedList(new ArrayList<>());
    private final Map<Long, String> labels = new ConcurrentHashMap<>();

    /** One request to make: how, and what its answer must be checked for. */
    record Probe(Kind kind, String label, Runnable send) {
    }

    WebhookCampaign(OpsSightServer server, Findings findings) {
        this.server = server;
        this.http = server.http();
        this.raw = new RawHttp("127.0.0.1", server.port());
        this.findings = findings;
        this.kinds = WebhookKinds.register(http);
    }

    List<Kind> kinds() {
        return kinds;
    }

    /** Every probe of every kind, the field mutations sampled down to {@code budget} in all. */
    List<Probe> probes(int budget, int validPerKind, Random random) {
        List<Probe> fixed = new ArrayList<>();
        Map<Kind, List<Mutator>> fields = new LinkedHashMap<>();
        for (Kind kind : kinds) {
            for (Mutator m : Mutations.wholeBodyMutators()) {
                fixed.add(new Probe(kind, m.label(), () -> sendMutated(kind, m)));
            }
            fixed.addAll(headerProbes(kind));
            fixed.addAll(routeProbes(kind));
            for (int i = 0; i < validPerKind; i++) {
                fixed.add(new Probe(kind, "valid", () -> sendValid(kind)));
            }
            fields.put(kind, Mutations.fieldMutators(kind.shaped().body(), random));
        }
        int perKind = Math.max(20, (budget - fixed.size()) / kinds.size());
        List<Probe> all = new ArrayList<>(fixed);
        fields.forEach((kind, mutators) -> {
            List<Mutator> chosen = Mutations.sample(mutators, Mutator::essential, perKind, random);
            findings.note("field mutations of " + kind.name + " (of " + mutators.size() + " possible)", chosen.size());
            chosen.forEach(m -> all.add(new Probe(kind, m.label(), () -> sendMutated(kind, m))));
        });
        return all;
    }

    // ---- bodies --------------------------------------------------------------------------------

    private void sendMutated(Kind kind, Mutator mutator) {
        Payload fresh = kind.shaped();
        byte[] body = mutator.apply().apply(fresh.body());
        Map<String, String> headers = kind.headers(fresh.event(), body);
        Exchange e = post(kind, mutator.label(), headers, body);
        judge(kind, mutator.label(), e, body, true, false, false);
    }

    private void sendValid(Kind kind) {
        Payload p = kind.valid();
        Exchange e = post(kind, "valid: a realistic " + (p.event() == null ? kind.name : p.event()) + " delivery", kind.headers(p.event(),
                p.body()),
                p.body());
        judge(kind, "valid", e, p.body(), true, false, true);
    }

    private Exchange post(Kind kind, String label, Map<String, String> headers, byte[] body) {
        Exchange e;
        try {
            e = Exchange.of(area(kind), "POST", kind.path(), label, http.postRaw(kind.path(), headers, body));
        } catch (RuntimeException failure) {
            e = Exchange.noAnswer(area(kind), "POST", kind.path(), label, String.valueOf(failure.getMessage()));
        }
        return findings.observe(e);
    }

    private static String area(Kind kind) {
        return "webhook:" + kind.name;
    }

    /**
     * Records what the answer promised. {@code expected}: the bytes the server received as the body
     * (null when it cannot have received a whole one); {@code bodyComplete}: the application got the
     * whole body, so a 400 must be a dead letter; {@code refuse}: the sender did not hold the secret.
     */
    private void judge(Kind kind, String label, Exchange e, byte[] expected, boolean bodyComplete, boolean refuse, boolean valid) {
        if (refuse && e.success()) {
            findings.violation(Category.UNSIGNED_ACCEPTED, e, area(kind) + " " + Findings.family(label) + " -> " + e.status());
        }
        if (valid && e.status() != 202) {
            findings.violation(Category.VALID_NOT_MAPPED, e, area(kind) + " valid delivery answered " + e.status());
        }
        if (e.success()) {
            JsonObject receipt = Findings.jsonObject(e.body());
            if (receipt == null || !(receipt.get("delivery") instanceof JsonNumber id)) {
                findings.violation(Category.WEBHOOK_NOT_STORED, e, area(kind) + " " + Findings.family(label) + " -> " + e.status()
                        + " without a delivery in the answer");
                return;
            }
            Promise promise = new Promise(kind, label, expected, e, id.longValue(), valid);
            acknowledged.add(promise);
            labels.put(id.longValue(), label);
            if (valid) {
                validOnes.add(promise);
            }
            String note = receipt.containsKey("note") ? receipt.get("note").toString() : "";
            if (Findings.INTERNALS.matcher(note).find()) {
                // observe() already counted the answer; this names the note as such.
                findings.note("webhook notes with internals", 1);
            }
        } else if (e.status() == 400 && bodyComplete && expected != null) {
            Matcher m = DEAD_LETTER_ID.matcher(e.body());
            long id = m.find() ? Long.parseLong(m.group(1)) : -1;
            deadLettered.add(new Promise(kind, label, expected, e, id, false));
            if (id > 0) {
                labels.put(id, label);
            }
        }
    }

    // ---- headers -------------------------------------------------------------------------------

    private List<Probe> headerProbes(Kind kind) {
        List<Probe> probes = new ArrayList<>();
        Payload sample = kind.shaped();
        for (WebhookKinds.AuthVariant variant : kind.authVariants(sample.event(), sample.body())) {
            String label = "auth header: " + kind.authHeader + " " + variant.label();
            probes.add(new Probe(kind, label, () -> {
                Payload p = kind.shaped();
                Map<String, String> headers = new LinkedHashMap<>(kind.headers(p.event(), p.body()));
                String value = variant.value() == null ? null
                        : kind.authVariants(p.event(), p.body()).stream().filter(v -> v.label().equals(variant.label())).findFirst()
                                .orElseThrow().value();
                headers.remove(kind.authHeader);
                RawHttp.Request request = new RawHttp.Request("POST", kind.path()).headers(headers).body(p.body());
                if (value != null) {
                    request.header(kind.authHeader, value);
                }
                // A header over the container's limit never reaches the application: nothing to keep.
                boolean reachesTheApplication = value == null || value.length() < 8_000;
                judge(kind, label, sendRaw(kind, label, request), p.body(), reachesTheApplication, variant.refuse(), false);
            }));
        }
        for (String type : List.of("text/plain", "application/xml", "%%%", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=campaign", "application/json; charset=UTF-16", "application/json; charset=\"",
                "*/*", "application/json;x=" + "a".repeat(3_000), "")) {
            String label = "content type: " + (type.isEmpty() ? "none" : Exchange.clip(type, 40));
            probes.add(rawProbe(kind, label, true, (p, r) -> {
                r.without("Content-Type");
                if (!type.isEmpty()) {
                    r.header("Content-Type", type);
                }
            }));
        }
        probes.add(rawProbe(kind, "oversized header: one of 9,000 bytes", false, (p, r) -> r.header("X-Campaign-Filler",
                "f".repeat(9_000))));
        probes.add(rawProbe(kind, "oversized header: one of 20,000 bytes", false, (p, r) -> r.header("X-Campaign-Filler",
                "f".repeat(20_000))));
        probes.add(rawProbe(kind, "oversized header: 150 headers of 100 bytes", false, (p, r) -> {
            for (int i = 0; i < 150; i++) {
                r.header("X-Campaign-" + i, "v".repeat(100));
            }
        }));
        probes.add(rawProbe(kind, "header bytes: non-ASCII UTF-8 in a header value", false,
                (p, r) -> r.header("X-Campaign-Note", new String("größe-服务".getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.ISO_8859_1))));
        probes.add(rawProbe(kind, "header bytes: a NUL in a header value", false, (p, r) -> r.header("X-Campaign-Note", "a\u0000b")));
        probes.add(rawProbe(kind, "chunked: the body in 1 KB chunks", true, (p, r) -> {
            r.header("Transfer-Encoding", "chunked").noContentLength();
            r.framedBody = RawHttp.chunked(r.body, 1_024, "");
        }));
        probes.add(rawProbe(kind, "chunked: chunk extensions", false, (p, r) -> {
            r.header("Transfer-Encoding", "chunked").noContentLength();
            r.framedBody = RawHttp.chunked(r.body, 1_024, ";campaign=1");
        }));
        probes.add(rawProbe(kind, "chunked: a chunk size that is not hex", false, (p, r) -> {
            r.header("Transfer-Encoding", "chunked").noContentLength();
            r.framedBody = Mutations.concat("zz\r\n".getBytes(StandardCharsets.ISO_8859_1), r.body,
                    "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }));
        probes.add(rawProbe(kind, "chunked: stops before the last chunk", false, (p, r) -> {
            r.header("Transfer-Encoding", "chunked").noContentLength();
            byte[] framed = RawHttp.chunked(r.body, 1_024, "");
            r.framedBody = Arrays.copyOf(framed, framed.length - 5);
            r.sendOnly = r.framedBody.length;
            r.mayGoUnanswered = true;
        }));
        probes.add(rawProbe(kind, "short body: half of the announced Content-Length, then end of stream", false, (p, r) -> {
            r.header("Content-Length", String.valueOf(r.body.length));
            r.sendOnly = r.body.length / 2;
            r.mayGoUnanswered = true;
        }));
        probes.add(rawProbe(kind, "Content-Length: not a number", false, (p, r) -> r.header("Content-Length", "abc")));
        probes.add(rawProbe(kind, "Content-Length: negative", false, (p, r) -> r.header("Content-Length", "-1")));
        probes.add(rawProbe(kind, "Content-Length: two different values", false, (p, r) -> {
            r.header("Content-Length", String.valueOf(r.body.length));
            r.header("Content-Length", String.valueOf(r.body.length + 7));
        }));
        probes.add(rawProbe(kind, "Content-Length and Transfer-Encoding both", false, (p, r) -> {
            r.header("Content-Length", String.valueOf(r.body.length));
            r.header("Transfer-Encoding", "chunked");
        }));
        probes.add(rawProbe(kind, "Expect: 100-continue", true, (p, r) -> r.header("Expect", "100-continue")));
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            String label = "method: " + method + " with the signed body";
            probes.add(new Probe(kind, label, () -> {
                Payload p = kind.shaped();
                RawHttp.Request r = new RawHttp.Request(method, kind.path()).headers(kind.headers(p.event(), p.body())).body(p.body());
                judge(kind, label, sendRaw(kind, label, r), null, false, false, false);
            }));
        }
        return probes;
    }

    /**
     * A probe of the signed fresh body sent raw, after {@code change} to the request;
     * {@code keptOn400}: the application receives the whole body, so a 400 must be a dead letter.
     */
    private Probe rawProbe(Kind kind, String label, boolean keptOn400, BiConsumer<Payload, RawHttp.Request> change) {
        return new Probe(kind, label, () -> {
            Payload p = kind.shaped();
            RawHttp.Request r = new RawHttp.Request("POST", kind.path()).headers(kind.headers(p.event(), p.body())).body(p.body());
            change.accept(p, r);
            judge(kind, label, sendRaw(kind, label, r), p.body(), keptOn400, false, false);
        });
    }

    // ---- the route -----------------------------------------------------------------------------

    private List<Probe> routeProbes(Kind kind) {
        String base = "/api/v1/ingest/" + kind.name + "/" + kind.source.name();
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("name with an invalid escape %zz", "/api/v1/ingest/" + kind.name + "/x%zz");
        targets.put("name followed by an invalid escape %zz", base + "%zz");
        targets.put("name followed by %00", base + "%00");
        targets.put("name followed by %ff", base + "%ff");
        targets.put("name followed by %5C", base + "%5C");
        targets.put("name followed by ;x=1", base + ";x=1");
        targets.put("name followed by %2F..%2F", base + "%2F..%2F" + kind.source.name());
        targets.put("..%2F out of the route", "/api/v1/ingest/" + kind.name + "/..%2F..%2Ftokens");
        targets.put("an extra segment", base + "/extra");
        targets.put("a trailing slash", base + "/");
        targets.put("kind in upper case", "/api/v1/ingest/" + kind.name.toUpperCase(Locale.ROOT) + "/" + kind.source.name());
        targets.put("an unknown kind", "/api/v1/ingest/campaign/" + kind.source.name());
        targets.put("a 9,000-character name", "/api/v1/ingest/" + kind.name + "/" + "n".repeat(9_000));
        targets.put("a query of 9,000 characters", base + "?q=" + "q".repeat(9_000));
        targets.put("raw UTF-8 bytes in the name", "/api/v1/ingest/" + kind.name + "/"
                + new String("größe".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        List<Probe> probes = new ArrayList<>();
        targets.forEach((what, target) -> {
            String label = "route: " + what;
            probes.add(new Probe(kind, label, () -> {
                Payload p = kind.shaped();
                RawHttp.Request r = new RawHttp.Request("POST", target).headers(kind.headers(p.event(), p.body())).body(p.body());
                judge(kind, label, sendRaw(kind, label, r), p.body(), false, false, false);
            }));
        });
        return probes;
    }

    private Exchange sendRaw(Kind kind, String label, RawHttp.Request request) {
        String[] why = new String[1];
        Http.Answer answer = Exchange.answer(raw.send(request, why), why);
        String target = new String(request.target, StandardCharsets.ISO_8859_1);
        Exchange e = answer == null ? Exchange.noAnswer(area(kind), request.method, target, label, why[0])
                : Exchange.of(area(kind), request.method, target, label, answer);
        return findings.observe(e, request.mayGoUnanswered);
    }

    // ---- bursts --------------------------------------------------------------------------------

    /**
     * Poison among valid deliveries, all at once: for every kind {@code perKind} deliveries with a
     * NUL in every string and {@code perKind} valid ones, released together on {@code threads}
     * threads so that they are stored and mapped in the same batches. One bad delivery must never
     * hold back another: the valid ones must be mapped, none may stay RECEIVED.
     */
    void poisonBurst(int perKind, int threads, Random random) throws InterruptedException {
        Mutator poison = Mutations.everyString("NUL", "\\u0000 in every string field", "before\u0000after");
        List<Runnable> tasks = new ArrayList<>();
        for (Kind kind : kinds) {
            for (int i = 0; i < perKind; i++) {
                tasks.add(() -> sendMutated(kind, new Mutator("poison burst: " + poison.label(), true, poison.apply())));
                tasks.add(() -> sendValid(kind));
            }
        }
        Collections.shuffle(tasks, random);
        runTogether(tasks, threads);
    }

    /**
     * Enough small dead letters (bodies that are not JSON) that the dead-letter list holds more
     * than its maximum page, so that paging at the maximum limit can be checked. Each is an
     * authenticated 400 that must be kept as a dead letter like any other.
     */
    void fillDeadLetters(int atLeast, int threads) throws InterruptedException {
        long have = Rows.only(server, "select count(*) as n from delivery where status = 'DEAD_LETTER'").number("n");
        findings.note("dead letters before the filler", have);
        Kind kind = kinds.stream().filter(k -> k.name.equals("alertmanager")).findFirst().orElseThrow();
        List<Runnable> tasks = new ArrayList<>();
        for (long i = have; i < atLeast; i++) {
            long n = i;
            tasks.add(() -> {
                byte[] body = ("campaign filler " + n + " " + UUID.randomUUID() + ": not JSON").getBytes(StandardCharsets.UTF_8);
                String label = "filler: a body that is not JSON (for paging at the maximum limit)";
                judge(kind, label, post(kind, label, kind.headers(null, body), body), body, true, false, false);
            });
        }
        findings.note("dead-letter filler requests", tasks.size());
        runTogether(tasks, threads);
    }

    private static void runTogether(List<Runnable> tasks, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (Runnable task : tasks) {
                pool.submit(() -> {
                    start.await();
                    task.run();
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- after the campaign --------------------------------------------------------------------

    /** Waits (bounded) until no delivery received since {@code since} is RECEIVED; the number left. */
    long settle(Instant since, int seconds) {
        AtomicLong left = new AtomicLong();
        try {
            Waits.await("settled deliveries", Duration.ofSeconds(seconds), Duration.ofSeconds(2)).until(() -> {
                left.set(Rows.only(server, "select count(*) as n from delivery where received_at >= ? and status = 'RECEIVED'",
                        Timestamp.from(since)).number("n"));
                return left.get() == 0;
            });
            return 0;
        } catch (ConditionTimeoutException e) {
            return left.get();
        }
    }

    /** Checks every promise against the deliveries table. */
    void verify(Instant since) {
        Map<Long, Rows.Row> rows = new HashMap<>();
        Map<String, Long> sourceIds = new HashMap<>();
        for (Kind kind : kinds) {
            sourceIds.put(kind.name, Rows.only(server, "select id from source where name = ?", kind.source.name()).number("id"));
        }
        Map<Long, String> kindOfSource = new HashMap<>();
        sourceIds.forEach((k, id) -> kindOfSource.put(id, k));
        for (Rows.Row row : Rows.query(server, "select d.id, d.source_id, d.status, d.attempts, d.event_type, d.error, "
                + "encode(sha256(d.body), 'hex') as hash, encode(substring(d.body from 1 for 120), 'escape') as head "
                + "from delivery d where d.received_at >= ?", Timestamp.from(since))) {
            rows.put(row.number("id"), row);
        }
        Map<String, Long> statuses = new TreeMap<>();
        rows.values().forEach(r -> statuses.merge((kindOfSource.getOrDefault(r.number("source_id"), "push API")) + " "
                + r.string("status"), 1L, Long::sum));
        statuses.forEach((what, n) -> findings.note("deliveries stored: " + what, n));

        Set<Long> acceptedIds = new HashSet<>();
        Map<Long, Set<Long>> namedBySource = new HashMap<>();
        for (Promise p : acknowledged) {
            Rows.Row row = rows.get(p.deliveryId());
            String group = area(p.kind()) + " " + Findings.family(p.label()) + " -> " + p.exchange().status();
            if (row == null) {
                findings.violation(Category.WEBHOOK_NOT_STORED, p.exchange(), group + ", delivery " + p.deliveryId() + " not in the table");
                continue;
            }
            if (!row.number("source_id").equals(sourceIds.get(p.kind().name))) {
                findings.violation(Category.WEBHOOK_NOT_STORED, p.exchange(), group + ", stored under another source");
            }
            namedBySource.computeIfAbsent(row.number("source_id"), s -> new HashSet<>()).add(p.deliveryId());
            if (p.exchange().status() == 202) {
                if (!acceptedIds.add(p.deliveryId())) {
                    findings.violation(Category.WEBHOOK_NOT_STORED, p.exchange(), group + ", one delivery acknowledged as new twice");
                }
                if (p.expected() != null && !WebhookKinds.sha256(p.expected()).equals(row.string("hash"))) {
                    findings.violation(Category.WEBHOOK_NOT_STORED, p.exchange(), group + ", stored bytes differ from the bytes sent");
                }
            }
        }
        for (Promise p : deadLettered) {
            String group = area(p.kind()) + " " + Findings.family(p.label()) + " -> 400";
            Rows.Row row = p.deliveryId() > 0 ? rows.get(p.deliveryId()) : null;
            if (row == null) {
                String hash = WebhookKinds.sha256(p.expected());
                row = rows.values().stream().filter(r -> r.number("source_id").equals(sourceIds.get(p.kind().name))
                        && hash.equals(r.string("hash"))).findFirst().orElse(null);
            }
            if (row == null || !"DEAD_LETTER".equals(row.string("status"))) {
                findings.violation(Category.DEAD_LETTER_MISSING, p.exchange(), group + (row == null ? ", nothing stored"
                        : ", stored as " + row.string("status")));
            } else {
                namedBySource.computeIfAbsent(row.number("source_id"), s -> new HashSet<>()).add(row.number("id"));
            }
        }
        for (Rows.Row row : rows.values()) {
            String kind = kindOfSource.getOrDefault(row.number("source_id"), "push API");
            String label = labels.getOrDefault(row.number("id"), "unacknowledged or other");
            String repro = "delivery " + row.number("id") + " (" + kind + ", event " + row.string("event_type") + ", attempts "
                    + row.number("attempts") + ", mutation [" + label + "]) body starts "
                    + Exchange.snippet(String.valueOf(row.string("head")), 100);
            if ("RECEIVED".equals(row.string("status"))) {
                findings.violation(Category.STUCK, "webhook:" + kind + " " + Findings.family(label) + " left RECEIVED", repro);
            }
            String error = row.string("error");
            if (error != null && Findings.INTERNALS.matcher(error).find()) {
                findings.violation(Category.INTERNALS, "dead-letter reason of webhook:" + kind + " " + Findings.family(label) + ": "
                        + Findings.internalsIn(error), repro + " reason: " + Exchange.snippet(error, 200));
            }
        }
        for (Promise p : validOnes) {
            Rows.Row row = rows.get(p.deliveryId());
            if (row != null && !Set.of("PROCESSED", "IGNORED").contains(row.string("status"))) {
                findings.violation(Category.VALID_NOT_MAPPED, area(p.kind()) + " valid delivery left " + row.string("status"),
                        p.exchange().reproduction() + " | delivery " + p.deliveryId() + " " + row.string("status") + ": "
                                + Exchange.snippet(String.valueOf(row.string("error")), 200));
            }
        }
        long unacknowledged = 0;
        for (Rows.Row row : rows.values()) {
            Long source = row.number("source_id");
            if (kindOfSource.containsKey(source) && !namedBySource.getOrDefault(source, Set.of()).contains(row.number("id"))) {
                unacknowledged++;
            }
        }
        findings.note("deliveries stored that no 2xx/400 answer named (the sender got another answer)", unacknowledged);
    }

    /**
     * Takes what the campaign left RECEIVED (already reported) out of the way of the tests that
     * share the server after it: a poison delivery that blocks a mapping batch would otherwise
     * hold back their deliveries too. Returns how many.
     */
    int quarantine(Instant since) {
        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement("update delivery set status = 'DEAD_LETTER', processed_at = now(), "
                        + "error = 'quarantined by CampaignIT: it was left RECEIVED' where received_at >= ? and status = 'RECEIVED'")) {
            s.setTimestamp(1, Timestamp.from(since));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("quarantine of stuck deliveries: " + e.getMessage(), e);
        }
    }
}
