package io.opssight.it.campaign;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.Locale;

/**
 * What the campaign saw: counts (requests, per status class, per area and webhook kind) and the
 * violations of each assertion, grouped by what they have in common (area, mutation family,
 * status) so that a thousand failures of one kind read as one line with a reproduction. Every
 * answer goes through {@link #observe}, which applies the checks every answer must pass.
 * Thread-safe: the campaign sends from several threads.
 */
final class Findings {

    /** The assertions, in the order the report lists them. */
    enum Category {
        SERVER_ERROR("no answer is a 5xx"),
        NOT_PROBLEM("every error is application/problem+json with a problem body"),
        NO_ANSWER("every request is answered (not dropped or left hanging)"),
        UNSIGNED_ACCEPTED("a delivery without a valid signature or token is refused"),
        WEBHOOK_NOT_STORED("every 2xx webhook answer names a delivery stored exactly once with the bytes sent"),
        DEAD_LETTER_MISSING("every 400 answer to an authenticated webhook body is kept as a dead letter"),
        STUCK("every accepted delivery is mapped or dead-lettered, none left RECEIVED"),
        VALID_NOT_MAPPED("a valid delivery sent among the mutations is mapped, not dead-lettered or stuck"),
        INTERNALS("answers, webhook notes and dead-letter reasons carry no Java class names or database errors"),
        PATH_ID("a path parameter that is not exactly an id or name reads or changes no object"),
        CROSS_TEAM("a team-limited token reads and changes nothing of another team"),
        PAGING("a list at its maximum limit loses no rows (nextCursor when more exist)"),
        LOG("the server log stays small: bounded growth, no line over the limit");

        final String assertion;

        Category(String assertion) {
            this.assertion = assertion;
        }
    }

    /** Java exception class names, PostgreSQL errors and stack frames: internals, not something a user can act on. */
    static final Pattern INTERNALS = Pattern.compile(
            "[a-z]+\\.[a-z]+\\.[A-Z]\\w+(Exception|Error)\\b|PSQLException|ERROR: |\\bat [a-z]+\\.[a-z]+\\.[\\w.$]+\\(\\w+\\.java:\\d+\\)");

    private static final int GROUPS_SHOWN = 30;
    private static final int EXAMPLES_PER_GROUP = 2;

    private long requests;
    private final Map<String, Long> byStatusClass = new TreeMap<>();
    private final Map<String, Map<String, Long>> byArea = new TreeMap<>();
    private final Map<String, Long> notes = new LinkedHashMap<>();
    private final Map<Category, Map<String, Group>> violations = new EnumMap<>(Category.class);
    private final Map<Category, Long> violationCounts = new EnumMap<>(Category.class);

    /**
     * Counts an answer and applies the checks every answer must pass: no 5xx, every error a
     * problem document, no internals in the body. Returns the exchange for chaining.
     */
    synchronized Exchange observe(Exchange e) {
        return observe(e, false);
    }

    /**
     * As {@link #observe(Exchange)}; {@code mayGoUnanswered}: the request was cut short by the
     * client (a body shorter than announced, then end of stream), which RFC 9112 §6.3 lets the
     * server answer by closing the connection.
     */
    synchronized Exchange observe(Exchange e, boolean mayGoUnanswered) {
        requests++;
        byStatusClass.merge(e.statusClass(), 1L, Long::sum);
        byArea.computeIfAbsent(e.area(), a -> new TreeMap<>()).merge(e.statusClass(), 1L, Long::sum);
        if (!e.answered()) {
            if (mayGoUnanswered) {
                note("requests cut short by the client that the server closed without an answer (allowed)", 1);
            } else {
                violation(Category.NO_ANSWER, e, e.area() + " " + family(e.mutation()));
            }
            return e;
        }
        if (e.status() >= 500) {
            violation(Category.SERVER_ERROR, e);
        }
        if (e.error() && codecResidual(e)) {
            note("malformed HTTP framing refused by the HTTP layer itself (documented residual, SECURITY.md)", 1);
        } else if (e.error()) {
            String why = notAProblem(e);
            if (why != null) {
                violation(Category.NOT_PROBLEM, e, e.area() + " " + family(e.mutation()) + " -> " + e.status() + " " + why);
            }
        }
        if (INTERNALS.matcher(e.body()).find()) {
            // An API answer that shows stored internals shows them whatever the parameters: one group per operation.
            String where = e.mutation().startsWith("/") ? e.mutation().split(" ")[0] : family(e.mutation());
            violation(Category.INTERNALS, e, e.area() + " " + where + " -> " + e.status() + " " + internalsIn(e.body()));
        }
        return e;
    }

    /**
     * The mutations only the HTTP codec sees (framing it cannot parse: Content-Length, chunking,
     * bytes a header value may not hold, more header fields than it reads), answered with the bytes
     * docs/SECURITY.md "Residual answers of the HTTP layer" pins (MalformedHttpIT): an empty 400.
     * Any other answer to them, and that answer to anything else, is still checked.
     */
    private static final Pattern CODEC_MUTATIONS = Pattern.compile(
            "\\[(Content-Length|chunked|header bytes|oversized header: \\d+ headers|Content-Length and Transfer-Encoding)"
                    + "|non-ASCII bytes\\]");

    static boolean codecResidual(Exchange e) {
        return e.status() == 400 && e.body().isEmpty() && e.contentType().isEmpty()
                && CODEC_MUTATIONS.matcher(e.reproduction()).find();
    }

    /** Why an error answer is not a problem document, or null when it is one. */
    static String notAProblem(Exchange e) {
        if (!e.contentType().toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            return e.contentType().isEmpty() ? "(no content type" + (e.body().isEmpty() ? ", empty body)" : ")")
                    : "(" + Exchange.clip(e.contentType(), 40) + ")";
        }
        JsonObject problem = jsonObject(e.body());
        if (problem == null) {
            return "(body is not a JSON object)";
        }
        JsonValue status = problem.get("status");
        if (!(status instanceof JsonNumber n) || n.intValue() != e.status()) {
            return "(problem status " + status + ")";
        }
        if (!(problem.get("title") instanceof JsonString t) || t.getString().isBlank()) {
            return "(problem without title)";
        }
        return null;
    }

    /** The first internal name in a text, for grouping ("PSQLException", "jakarta.json.JsonException"). */
    static String internalsIn(String text) {
        var m = INTERNALS.matcher(text);
        if (!m.find()) {
            return "";
        }
        String found = m.group();
        return found.startsWith("at ") ? "stack frame" : found.replaceAll("^.*\\.", "").trim();
    }

    synchronized void violation(Category category, Exchange e) {
        violation(category, e, e.area() + " " + family(e.mutation()) + " -> " + e.statusClass());
    }

    synchronized void violation(Category category, Exchange e, String group) {
        violation(category, group, e.reproduction());
    }

    /** A violation found otherwise than in one answer (database state, the log). */
    synchronized void violation(Category category, String group, String reproduction) {
        violationCounts.merge(category, 1L, Long::sum);
        Group g = violations.computeIfAbsent(category, c -> new LinkedHashMap<>()).computeIfAbsent(group, k -> new Group());
        g.count++;
        if (g.examples.size() < EXAMPLES_PER_GROUP) {
            g.examples.add(reproduction);
        }
    }

    /** Violations that have the same group: how many, and the first reproductions. */
    private static final class Group {
        long count;
        final List<String> examples = new ArrayList<>();
    }

    /** A count for the report that is not an answer (e.g. "deliveries stored", "dead letters"). */
    synchronized void note(String what, long count) {
        notes.merge(what, count, Long::sum);
    }

    synchronized long violations(Category category) {
        return violationCounts.getOrDefault(category, 0L);
    }

    synchronized long requests() {
        return requests;
    }

    /** The failure message of one assertion: its violations by group, capped, with reproductions. */
    synchronized String failureMessage(Category category) {
        Map<String, Group> groups = violations.getOrDefault(category, Map.of());
        StringBuilder out = new StringBuilder();
        out.append(violations(category)).append(" violation(s) of \"").append(category.assertion).append("\" in ")
                .append(groups.size()).append(" group(s):\n");
        int shown = 0;
        for (Map.Entry<String, Group> group : sortedBySize(groups)) {
            if (shown++ == GROUPS_SHOWN) {
                out.append("  … ").append(groups.size() - GROUPS_SHOWN).append(" more group(s) in target/campaign-report.txt\n");
                break;
            }
            out.append("  * ").append(group.getValue().count).append(" × ").append(group.getKey()).append('\n');
            for (String example : group.getValue().examples) {
                out.append("      e.g. ").append(example).append('\n');
            }
        }
        return out.toString();
    }

    private static List<Map.Entry<String, Group>> sortedBySize(Map<String, Group> groups) {
        return groups.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().count, a.getValue().count)).toList();
    }

    /** The whole report: counts, then every assertion with its violations (uncapped groups). */
    synchronized String report(String header) {
        StringBuilder out = new StringBuilder(header).append('\n');
        out.append("requests sent: ").append(requests).append('\n');
        out.append("by status class: ").append(byStatusClass).append('\n');
        out.append("by area (webhook kind, api, matrix):\n");
        byArea.forEach((area, counts) -> out.append("  ").append(String.format("%-22s", area)).append(' ')
                .append(counts.values().stream().mapToLong(Long::longValue).sum()).append(' ').append(counts).append('\n'));
        if (!notes.isEmpty()) {
            out.append("other counts:\n");
            notes.forEach((what, count) -> out.append("  ").append(what).append(": ").append(count).append('\n'));
        }
        out.append("assertions:\n");
        for (Category category : Category.values()) {
            long n = violations(category);
            out.append(n == 0 ? "  PASS " : "  FAIL ").append(category.name()).append(" (").append(category.assertion).append("): ")
                    .append(n).append(" violation(s)").append('\n');
        }
        for (Category category : Category.values()) {
            Map<String, Group> groups = violations.getOrDefault(category, Map.of());
            if (groups.isEmpty()) {
                continue;
            }
            out.append("\n== ").append(category.name()).append(": ").append(violations(category)).append(" violation(s)\n");
            for (Map.Entry<String, Group> group : sortedBySize(groups)) {
                out.append("  * ").append(group.getValue().count).append(" × ").append(group.getKey()).append('\n');
                group.getValue().examples.forEach(x -> out.append("      e.g. ").append(x).append('\n'));
            }
        }
        return out.toString();
    }

    /** "type swap" of "type swap: $.a.b -> string": what groups mutations. */
    static String family(String mutation) {
        int colon = mutation.indexOf(':');
        return colon < 0 ? mutation : mutation.substring(0, colon);
    }

    static JsonObject jsonObject(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject o ? o : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
