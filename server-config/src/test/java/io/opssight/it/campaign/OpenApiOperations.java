package io.opssight.it.campaign;

import io.opssight.it.campaign.Mutations.Mutator;
import io.opssight.it.support.Http;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.net.URLDecoder;

/**
 * The {@code /api/v1} operations of the live {@code /openapi} document, and for each the requests
 * of the campaign: its parameters one at a time replaced by hostile values (path ids with
 * {@code ;}, {@code /}, encoded bytes and look-alike digits; huge and negative limits; bad cursors
 * and dates of ±999999999 years; injection strings; unicode and NUL), its request body mutated, and
 * content negotiation gone wrong. Values are written as they go on the wire (percent-encoded by
 * hand, some deliberately invalid; those go over a raw socket).
 */
final class OpenApiOperations {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    static final String INGEST = "/api/v1/ingest/{kind}/{name}";

    private OpenApiOperations() {
    }

    record Param(String name, String in, String type, String format) {
    }

    record Operation(String method, String template, List<Param> params, boolean hasBody, String permission) {
        String key() {
            return method + " " + template;
        }

        boolean has(String in, String name) {
            return params.stream().anyMatch(p -> p.in().equals(in) && p.name().equals(name));
        }
    }

    /** What a 2xx answer to a mutated path parameter means. */
    enum PathCheck {
        /** Nothing particular. */
        NONE,
        /** The id was not exactly an id: any 2xx read or changed an object. */
        NOT_AN_ID,
        /** The name was not exactly the base name: a 2xx about the base name acted on it. */
        NOT_THE_NAME
    }

    /**
     * One request. {@code target} is the path and query as sent; {@code raw}: it cannot go through
     * the JDK's client (invalid escapes, raw bytes, a body on GET...). {@code baseName}: the decoded
     * name a NOT_THE_NAME answer must not be about.
     */
    record ApiRequest(Operation op, String method, String target, Map<String, String> headers, Supplier<byte[]> body,
            String mutation, boolean essential, PathCheck check, String baseName, boolean raw) {
        boolean baseline() {
            return mutation.equals("baseline");
        }
    }

    /** Base values for an operation: valid path values, required query values, headers and body. */
    interface Bases {
        /** The wire form of a valid value of the path parameter. */
        String path(Operation op, Param p);

        /** Query parameters every request of the operation carries (e.g. a replay's source). */
        Map<String, String> query(Operation op);

        /** Headers every request of the operation carries (e.g. If-Match). */
        Map<String, String> headers(Operation op);

        /** A fresh valid body, or null when the operation takes none. */
        Supplier<byte[]> body(Operation op);

        /** A valid cursor of another list than {@code op}'s, and one of its own tampered with (null: none). */
        String[] cursors(Operation op);
    }

    /** The operations of the live document, except the webhook route (the webhook campaign's). */
    static List<Operation> read(Http http) {
        Http.Answer answer = http.get("/openapi?format=JSON");
        if (answer.status() != 200) {
            throw new IllegalStateException("GET /openapi: " + answer);
        }
        JsonObject document = answer.json();
        List<Operation> operations = new ArrayList<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, value) -> {
            if (!METHODS.contains(method) || path.equals(INGEST) || !path.startsWith("/api/v1")) {
                return;
            }
            JsonObject op = value.asJsonObject();
            List<Param> params = new ArrayList<>();
            if (op.containsKey("parameters")) {
                for (JsonValue p : op.getJsonArray("parameters")) {
                    JsonObject param = p.asJsonObject();
                    JsonObject schema = param.containsKey("schema") ? param.getJsonObject("schema") : JsonValue.EMPTY_JSON_OBJECT;
                    params.add(new Param(param.getString("name"), param.getString("in"), schema.getString("type", "string"),
                            schema.getString("format", "")));
                }
            }
            operations.add(new Operation(method.toUpperCase(Locale.ROOT), path, params, op.containsKey("requestBody"),
                    op.getString("x-opssight-permission", "")));
        }));
        return operations;
    }

    /** A value as it goes on the wire; {@code raw} when the JDK's client would refuse it. */
    private record V(String label, String wire, boolean essential, boolean raw) {
        static V of(String label, String wire, boolean essential) {
            return new V(label, wire, essential, false);
        }

        static V raw(String label, String wire, boolean essential) {
            return new V(label, wire, essential, true);
        }
    }

    /** Every request of the campaign for one operation (the baseline first). */
    static List<ApiRequest> requests(Operation op, Bases bases, Random random) {
        List<ApiRequest> out = new ArrayList<>();
        Map<String, String> path = new LinkedHashMap<>();
        for (Param p : op.params()) {
            if (p.in().equals("path")) {
                path.put(p.name(), bases.path(op, p));
            }
        }
        Map<String, String> query = bases.query(op);
        Map<String, String> headers = new LinkedHashMap<>(bases.headers(op));
        Supplier<byte[]> body = bases.body(op);
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        out.add(request(op, op.method(), path, query, headers, body, "baseline", true, PathCheck.NONE, null, false));

        for (Param p : op.params()) {
            switch (p.in()) {
                case "path" -> {
                    boolean id = p.type().equals("integer");
                    String base = path.get(p.name());
                    for (V v : id ? idValues(base) : nameValues(base)) {
                        Map<String, String> changed = new LinkedHashMap<>(path);
                        changed.put(p.name(), v.wire());
                        out.add(request(op, op.method(), changed, query, headers, body, "path " + p.name() + ": " + v.label(),
                                v.essential(),
                                id ? PathCheck.NOT_AN_ID : PathCheck.NOT_THE_NAME, decode(base), v.raw()));
                    }
                }
                case "query" -> {
                    for (V v : queryValues(op, p, bases)) {
                        Map<String, String> changed = new LinkedHashMap<>(query);
                        changed.put(p.name(), v.wire());
                        out.add(request(op, op.method(), path, changed, headers, body, "query " + p.name() + ": " + v.label(),
                                v.essential(),
                                PathCheck.NONE, null, v.raw()));
                    }
                }
                case "header" -> {
                    for (V v : headerValues(p)) {
                        Map<String, String> changed = new LinkedHashMap<>(headers);
                        changed.put(p.name(), v.wire());
                        out.add(request(op, op.method(), path, query, changed, body, "header " + p.name() + ": " + v.label(), v.essential(),
                                PathCheck.NONE, null, v.raw()));
                    }
                }
                default -> {
                }
            }
        }
        if (op.has("query", "from") && op.has("query", "to")) {
            Map<String, String> inverted = new LinkedHashMap<>(query);
            inverted.put("from", "2030-01-01T00:00:00Z");
            inverted.put("to", "2020-01-01T00:00:00Z");
            out.add(request(op, op.method(), path, inverted, headers, body, "dates: from after to", true, PathCheck.NONE, null, false));
            Map<String, String> widest = new LinkedHashMap<>(query);
            widest.put("from", "-999999999-01-01T00:00:00Z");
            widest.put("to", "%2B999999999-12-31T23:59:59Z");
            out.add(request(op, op.method(), path, widest, headers, body, "dates: from -999999999 to +999999999 years", true,
                    PathCheck.NONE,
                    null, false));
        }
        if (body != null) {
            byte[] sample = body.get();
            List<Mutator> mutators = new ArrayList<>(Mutations.stringAbuses(sample));
            mutators.addAll(Mutations.fieldMutators(sample, random));
            for (Mutator m : Mutations.wholeBodyMutators()) {
                mutators.add(new Mutator(m.label(), ESSENTIAL_WHOLE_BODY.contains(m.label()), m.apply()));
            }
            for (Mutator m : mutators) {
                Supplier<byte[]> mutated = () -> m.apply().apply(body.get());
                out.add(request(op, op.method(), path, query, headers, mutated, "body " + m.label(), m.essential(), PathCheck.NONE, null,
                        false));
            }
            Map<String, String> plain = new LinkedHashMap<>(headers);
            plain.put("Content-Type", "text/plain");
            out.add(request(op, op.method(), path, query, plain, body, "content type: text/plain for a JSON body", true, PathCheck.NONE,
                    null, false));
            Map<String, String> garbage = new LinkedHashMap<>(headers);
            garbage.put("Content-Type", "%%%");
            out.add(request(op, op.method(), path, query, garbage, body, "content type: %%%", true, PathCheck.NONE, null, false));
            Map<String, String> none = new LinkedHashMap<>(headers);
            none.remove("Content-Type");
            out.add(request(op, op.method(), path, query, none, body, "content type: none", false, PathCheck.NONE, null, true));
        }
        for (String accept : List.of("text/html", "application/xml")) {
            Map<String, String> changed = new LinkedHashMap<>(headers);
            changed.put("Accept", accept);
            out.add(request(op, op.method(), path, query, changed, body, "accept: " + accept, true, PathCheck.NONE, null, false));
        }
        Map<String, String> filler = new LinkedHashMap<>(headers);
        filler.put("X-Campaign-Filler", "f".repeat(9_000));
        out.add(request(op, op.method(), path, query, filler, body, "oversized header: 9,000 bytes", false, PathCheck.NONE, null, true));
        Map<String, String> longQuery = new LinkedHashMap<>(query);
        longQuery.put("campaign", "q".repeat(9_000));
        out.add(request(op, op.method(), path, longQuery, headers, body, "oversized URL: a 9,000-character query", false, PathCheck.NONE,
                null, true));
        if (body == null && (op.method().equals("GET") || op.method().equals("DELETE"))) {
            Supplier<byte[]> stray = () -> "{\"campaign\":true}".getBytes(StandardCharsets.UTF_8);
            Map<String, String> json = new LinkedHashMap<>(headers);
            json.put("Content-Type", "application/json");
            out.add(request(op, op.method(), path, query, json, stray, "a body on " + op.method(), false, PathCheck.NONE, null, true));
        }
        out.add(request(op, "PATCH", path, query, headers, body, "method: PATCH", false, PathCheck.NONE, null, false));
        return out;
    }

    private static final Set<String> ESSENTIAL_WHOLE_BODY = Set.of("truncated: half", "truncated: empty body",
            "top-level array: the body inside []", "top-level scalar: null", "deep nesting: 1,100 arrays in a new member",
            "huge number: 1,150 digits in a new member", "NUL: escaped \\u0000 in a new member", "invalid UTF-8: 0xFF in a new string",
            "duplicate keys: first member repeated first with a number", "BOM: UTF-8 byte order mark before the body");

    private static ApiRequest request(Operation op, String method, Map<String, String> path, Map<String, String> query,
            Map<String, String> headers, Supplier<byte[]> body, String mutation, boolean essential, PathCheck check, String baseName,
            boolean raw) {
        String target = op.template();
        for (Map.Entry<String, String> e : path.entrySet()) {
            target = target.replace("{" + e.getKey() + "}", e.getValue());
        }
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(k).append('=').append(v));
        return new ApiRequest(op, method, target + q, headers, body, mutation, essential, check, baseName, raw);
    }

    // ---- values --------------------------------------------------------------------------------

    private static List<V> idValues(String base) {
        long id = Long.parseLong(base);
        return List.of(
                V.of("';DROP TABLE users' after the id", base + ";DROP%20TABLE%20users", true),
                V.of("a matrix parameter after the id", base + ";x=1", true),
                V.of("an encoded ; after the id", base + "%3B1", true),
                V.of("an encoded / after the id", base + "%2F1", true),
                V.of("..%2F before the id", "..%2F" + base, true),
                V.of("the id in Arabic-Indic digits", encode(digits(base, '\u0660')), true),
                V.of("the id in full-width digits", encode(digits(base, '\uFF10')), true),
                V.of("%00 after the id", base + "%00", true),
                V.of("a space before the id", "%20" + base, false),
                V.of("a zero-width space after the id", base + "%E2%80%8B", false),
                V.of("%5C after the id", base + "%5C", false),
                V.of("%FF after the id", base + "%FF", false),
                V.raw("an invalid escape %zz after the id", base + "%zz", false),
                V.of("the id as a decimal", base + ".0", false),
                V.of("the id with an exponent", base + "e0", false),
                V.of("the id in hex", "0x" + Long.toHexString(id), false),
                V.of("SQL after the id", base + "'%20OR%20'1'%3D'1", false),
                V.of("CRLF and a header after the id", base + "%0D%0AX-Campaign:%201", false),
                V.of("-1", "-1", false),
                V.of("0", "0", false),
                V.of("Long.MAX_VALUE + 1", "9223372036854775808", false),
                V.of("23 digits", "99999999999999999999999", false),
                V.of("9,000 digits (URL over 8 KB)", "1".repeat(9_000), false));
    }

    private static List<V> nameValues(String base) {
        return List.of(
                V.of("a matrix parameter after the name", base + ";x=1", true),
                V.of("';DROP TABLE users' after the name", base + ";DROP%20TABLE%20users", true),
                V.of("an encoded / after the name", base + "%2Fx", true),
                V.of("%00 after the name", base + "%00", true),
                V.of("an RTL override before the name", "%E2%80%AE" + base, true),
                V.of("an emoji after the name", base + "%F0%9F%92%A5", true),
                V.of("an encoded ; after the name", base + "%3Bx", false),
                V.of("%5C after the name", base + "%5C", false),
                V.of("%FF after the name", base + "%FF", false),
                V.raw("an invalid escape %zz after the name", base + "%zz", false),
                V.of("..%2F before the name", "..%2F" + base, false),
                V.of("700 characters", "n".repeat(700), false),
                V.of("SQL after the name", base + "'%20OR%20'1'%3D'1", false),
                V.of("CRLF after the name", base + "%0D%0A", false),
                V.of("%2E%2E", "%2E%2E", false),
                V.of("a wildcard after the name", base + "*", false),
                V.of("an encoded % after the name", base + "%25", false));
    }

    private static List<V> queryValues(Operation op, Param p, Bases bases) {
        String name = p.name();
        if (name.equals("from") || name.equals("to") || p.format().equals("date-time")) {
            boolean from = !name.equals("to");
            List<V> v = new ArrayList<>(List.of(
                    V.of("+999999999 years", "%2B999999999-12-31T23:59:59Z", true),
                    V.of("-999999999 years", "-999999999-01-01T00:00:00Z", true),
                    V.of("+999999999 years as a date", "%2B999999999-12-31", true),
                    V.of("-999999999 years as a date", "-999999999-01-01", true)));
            if (from) {
                v.addAll(List.of(
                        V.of("year 9999 with nanoseconds", "9999-12-31T23:59:59.999999999Z", false),
                        V.of("year 0", "0000-01-01T00:00:00Z", false),
                        V.of("February 30", "2026-02-30", false),
                        V.of("month 13", "2026-13-01T00:00:00Z", false),
                        V.of("a word", "yesterday", false),
                        V.of("%00", "%00", false),
                        V.of("offset +25:00", "2026-01-01T00:00:00%2B25:00", false),
                        V.of("1,150 digits", Mutations.HUGE_DIGITS, false)));
            }
            return v;
        }
        if (name.equals("cursor")) {
            String[] cursors = bases.cursors(op);
            List<V> v = new ArrayList<>(List.of(
                    V.of("!!!", "!!!", true),
                    V.of("%00", "%00", true),
                    V.of("AAAA", "AAAA", false),
                    V.of("base64 of JSON", "eyJpZCI6LTF9", false),
                    V.of("-1", "-1", false),
                    V.of("600 characters", "A".repeat(600), false),
                    V.of("base64 of a 22-digit id",
                            Base64.getUrlEncoder().encodeToString("9999999999999999999999|x".getBytes(StandardCharsets.UTF_8)),
                            false),
                    V.of("%FF", "%FF", false)));
            if (cursors[0] != null) {
                v.add(V.of("another list's cursor", encode(cursors[0]), true));
            }
            if (cursors[1] != null) {
                v.add(V.of("its own cursor tampered with", encode(cursors[1]), true));
            }
            return v;
        }
        if (p.type().equals("integer")) {
            return List.of(
                    V.of("-1", "-1", true),
                    V.of("0", "0", true),
                    V.of("20 digits", "99999999999999999999", true),
                    V.of("1,150 digits", Mutations.HUGE_DIGITS, true),
                    V.of("2^31", "2147483648", false),
                    V.of("-2^31 - 1", "-2147483649", false),
                    V.of("1e3", "1e3", false),
                    V.of("a word", "abc", false),
                    V.of("1.5", "1.5", false),
                    V.of("%00", "%00", false),
                    V.of("1;2", "1%3B2", false),
                    V.of("a leading space", "%205", false));
        }
        if (p.type().equals("number")) {
            return List.of(
                    V.of("a word", "abc", true),
                    V.of("-1", "-1", true),
                    V.of("1,150 digits", Mutations.HUGE_DIGITS, true),
                    V.of("1.5", "1.5", false),
                    V.of("NaN", "NaN", false),
                    V.of("1e400", "1e400", false),
                    V.of("%00", "%00", false));
        }
        return List.of(
                V.of("NUL inside", "a%00b", true),
                V.of("unicode", "%E6%9C%8D%E5%8A%A1-%F0%9F%9A%80", true),
                V.of("SQL injection", "'%20OR%20'1'%3D'1", true),
                V.of("SQL statement", "1%3B%20DROP%20TABLE%20users%3B--", false),
                V.of("JNDI lookup", "%24%7Bjndi%3Aldap%3A%2F%2F127.0.0.1%2Fa%7D", false),
                V.of("script", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", false),
                V.of("invalid UTF-8 %FF%FE", "%FF%FE", false),
                V.of("600 characters", "s".repeat(600), false),
                V.of("LIKE wildcard %", "%25", false),
                V.of("LIKE wildcard _", "_", false),
                V.raw("an invalid escape %zz", "%zz", false));
    }

    private static List<V> headerValues(Param p) {
        if (p.name().equalsIgnoreCase("If-Match")) {
            return List.of(
                    V.of("a version that never was", "\"v999999\"", true),
                    V.of("a weak tag", "W/\"v1\"", true),
                    V.of("not a tag", "garbage", true),
                    V.of("300 characters", "\"" + "e".repeat(300) + "\"", false),
                    V.of("a list", "*, \"v1\"", false));
        }
        return List.of(
                V.of("300 characters", "k".repeat(300), true),
                V.of("empty", "", false),
                V.of("a path", "..%2F..%2Fetc", false),
                V.raw("non-ASCII bytes", new String("schlüssel-服务".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1), false));
    }

    /** Percent-encodes every byte that is not unreserved (RFC 3986). */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    static String decode(String wire) {
        try {
            return URLDecoder.decode(wire.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return wire;
        }
    }

    private static String digits(String ascii, char zero) {
        StringBuilder out = new StringBuilder();
        for (char c : ascii.toCharArray()) {
            out.append((char) (zero + (c - '0')));
        }
        return out.toString();
    }
}
