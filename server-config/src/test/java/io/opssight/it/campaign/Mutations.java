package io.opssight.it.campaign;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.Collections;
import java.util.function.Predicate;

/**
 * The body mutations of the campaign. A {@link Mutator} changes a JSON body: at one field
 * (type swaps, nulls, huge numbers and strings, NUL, invalid UTF-8, deep nesting...) or as a whole
 * (truncation, BOM, duplicate keys, top-level arrays...). Field mutators name their field by path
 * and apply to any body of the same shape, so each one can be applied to a fresh realistic payload
 * (no two deliveries alike, so none is a duplicate). Values that JSON libraries will not write
 * (a 1,100-digit number, 1,100 nested arrays, invalid UTF-8) are spliced in as raw bytes.
 */
final class Mutations {

    /** A named change of a body; {@code essential} ones are always sent, the others fill the budget. */
    record Mutator(String label, boolean essential, UnaryOperator<byte[]> apply) {
    }

    static final String HUGE_DIGITS = "9".repeat(1_150);
    static final String NAME_650 = "n".repeat(650);
    static final String LONG_20K = "l".repeat(20_000);
    static final byte[] DEEP_ARRAYS = nested("[", "]", 1_100, "");
    static final byte[] DEEP_OBJECTS = nested("{\"a\":", "}", 1_100, "1");

    private static final String PLACEHOLDER = "campaign-raw-placeholder-7f3a";
    private static final Pattern NAME_LIKE = Pattern.compile(
            "(?i).*(name|title|login|repo|service|environment|job|pipeline|summary|branch|ref|workspace|receiver|alertname|username).*");

    private Mutations() {
    }

    /** A replacement value: a JSON value, or raw bytes spliced into the document where it stands. */
    private record Value(String describe, JsonValue json, byte[] raw) {
        static Value json(String describe, JsonValue v) {
            return new Value(describe, v, null);
        }

        static Value raw(String describe, String text) {
            return new Value(describe, null, text.getBytes(StandardCharsets.UTF_8));
        }

        static Value raw(String describe, byte[] bytes) {
            return new Value(describe, null, bytes);
        }
    }

    /** The value abuses, applied in rotation over the fields so that each is tried on many. */
    private static final List<String[]> ABUSES = List.of(
            new String[] {"null", "null"},
            new String[] {"huge number", "1,150-digit integer"},
            new String[] {"huge string", "650 characters"},
            new String[] {"NUL", "\\u0000 inside the string"},
            new String[] {"invalid UTF-8", "bytes C3 28 FF in a string"},
            new String[] {"deep nesting", "1,100 nested arrays"},
            new String[] {"unicode", "CJK, emoji, RTL override, combining mark"},
            new String[] {"number overflow", "1e999999"},
            new String[] {"lone surrogate", "\\uD800"},
            new String[] {"long string", "20,000 characters"});

    private static Value abuse(int index) {
        return switch (index) {
            case 0 -> Value.json("null", JsonValue.NULL);
            case 1 -> Value.raw("1,150-digit integer", HUGE_DIGITS);
            case 2 -> Value.json("650 characters", Json.createValue(NAME_650));
            case 3 -> Value.json("\\u0000 inside", Json.createValue("before\u0000after"));
            case 4 -> Value.raw("bytes C3 28 FF", concat("\"ab".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28,
                    (byte) 0xFF},
                    "cd\"".getBytes(StandardCharsets.UTF_8)));
            case 5 -> Value.raw("1,100 nested arrays", DEEP_ARRAYS);
            case 6 -> Value.json("unicode", Json.createValue("服务 🚀 \u202Eevil\u202C e\u0301 ﷽"));
            case 7 -> Value.raw("1e999999", "1e999999");
            case 8 -> Value.raw("\\uD800", "\"\\uD800x\"");
            case 9 -> Value.json("20,000 characters", Json.createValue(LONG_20K));
            default -> throw new IllegalArgumentException("abuse " + index);
        };
    }

    /** Values of another type than {@code original}, one picked by the seeded random. */
    private static Value swap(JsonValue original, Random random) {
        List<Value> others = new ArrayList<>();
        JsonValue.ValueType type = original.getValueType();
        if (type != JsonValue.ValueType.STRING) {
            others.add(Value.json("string", Json.createValue("campaign")));
        }
        if (type != JsonValue.ValueType.NUMBER) {
            others.add(Value.json("number", Json.createValue(42)));
            others.add(Value.json("negative fraction", Json.createValue(-4.25)));
        }
        if (type != JsonValue.ValueType.TRUE && type != JsonValue.ValueType.FALSE) {
            others.add(Value.json("boolean", JsonValue.TRUE));
        }
        if (type != JsonValue.ValueType.OBJECT) {
            others.add(Value.json("object", Json.createObjectBuilder().add("campaign", 1).build()));
        }
        if (type != JsonValue.ValueType.ARRAY) {
            others.add(Value.json("array", Json.createArrayBuilder().add(1).add("two").build()));
        }
        if (type == JsonValue.ValueType.STRING) {
            others.add(Value.json("empty string", Json.createValue("")));
        }
        return others.get(random.nextInt(others.size()));
    }

    /**
     * The field mutators of a body: for every field and array element, a type swap and a value
     * abuse (in rotation), and a 650-character string in every name-like field.
     */
    static List<Mutator> fieldMutators(byte[] base, Random random) {
        JsonValue root = parse(base);
        List<List<Object>> paths = new ArrayList<>();
        walk(root, new ArrayList<>(), paths);
        List<Mutator> mutators = new ArrayList<>();
        int rotation = random.nextInt(ABUSES.size());
        for (List<Object> path : paths) {
            JsonValue original = at(root, path);
            Value swapped = swap(original, random);
            String where = pathText(path);
            mutators.add(field("type swap", where, original.getValueType().name().toLowerCase() + " -> " + swapped.describe(), path,
                    swapped));
            int abuse = rotation++ % ABUSES.size();
            mutators.add(field(ABUSES.get(abuse)[0], where, ABUSES.get(abuse)[1], path, abuse(abuse)));
            Object last = path.get(path.size() - 1);
            if (last instanceof String key && NAME_LIKE.matcher(key).matches() && original.getValueType() == JsonValue.ValueType.STRING) {
                mutators.add(field("huge string", where, "650 characters in a name field", path, abuse(2)));
            }
        }
        return mutators;
    }

    /**
     * NUL, unicode and 650 characters in every string field of a body (a request body of the API,
     * where these are the inputs that reach text columns): essential.
     */
    static List<Mutator> stringAbuses(byte[] base) {
        JsonValue root = parse(base);
        List<List<Object>> paths = new ArrayList<>();
        walk(root, new ArrayList<>(), paths);
        List<Mutator> mutators = new ArrayList<>();
        for (List<Object> path : paths) {
            if (at(root, path).getValueType() == JsonValue.ValueType.STRING) {
                String where = pathText(path);
                mutators.add(essential(field("NUL", where, "\\u0000 inside the string", path, abuse(3))));
                mutators.add(essential(field("unicode", where, "CJK, emoji, RTL override, combining mark", path, abuse(6))));
                mutators.add(essential(field("huge string", where, "650 characters", path, abuse(2))));
            }
        }
        return mutators;
    }

    private static Mutator essential(Mutator m) {
        return new Mutator(m.label(), true, m.apply());
    }

    private static Mutator field(String family, String where, String what, List<Object> path, Value value) {
        return new Mutator(family + ": " + where + " (" + what + ")", false, body -> replace(body, path, value));
    }

    /** Whole-body mutators: truncations, encodings, duplicate keys, top-level values, nesting, NUL... */
    static List<Mutator> wholeBodyMutators() {
        List<Mutator> m = new ArrayList<>();
        m.add(whole("truncated: first byte only", b -> Arrays.copyOf(b, Math.min(1, b.length))));
        m.add(whole("truncated: a quarter", b -> Arrays.copyOf(b, b.length / 4)));
        m.add(whole("truncated: half", b -> Arrays.copyOf(b, b.length / 2)));
        m.add(whole("truncated: last byte missing", b -> Arrays.copyOf(b, Math.max(0, b.length - 1))));
        m.add(whole("truncated: empty body", b -> new byte[0]));
        m.add(whole("BOM: UTF-8 byte order mark before the body", b -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, b)));
        m.add(whole("encoding: UTF-16 with BOM", b -> new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16)));
        m.add(whole("duplicate keys: first member repeated first with a number", b -> duplicateFirstKey(b, "12345", true)));
        m.add(whole("duplicate keys: first member repeated last with null", b -> duplicateFirstKey(b, "null", false)));
        m.add(whole("top-level array: the body inside []", b -> concat(bytes("["), b, bytes("]"))));
        m.add(whole("top-level array: empty []", b -> bytes("[]")));
        m.add(whole("top-level scalar: 42", b -> bytes("42")));
        m.add(whole("top-level scalar: a string", b -> bytes("\"campaign\"")));
        m.add(whole("top-level scalar: null", b -> bytes("null")));
        m.add(whole("deep nesting: 1,100 arrays in a new member", b -> withMember(b, DEEP_ARRAYS)));
        m.add(whole("deep nesting: 1,100 objects in a new member", b -> withMember(b, DEEP_OBJECTS)));
        m.add(whole("deep nesting: 5,000 arrays at the top", b -> nested("[", "]", 5_000, "")));
        m.add(whole("huge number: 1,150 digits in a new member", b -> withMember(b, bytes(HUGE_DIGITS))));
        m.add(whole("huge number: 1,150-digit negative fraction in a new member", b -> withMember(b, bytes("-" + HUGE_DIGITS + "."
                + HUGE_DIGITS))));
        m.add(whole("huge number: 1e999999 in a new member", b -> withMember(b, bytes("1e999999"))));
        m.add(whole("NUL: escaped \\u0000 in a new member", b -> withMember(b, bytes("\"a\\u0000b\""))));
        m.add(whole("NUL: raw NUL byte inside a new string", b -> withMember(b, concat(bytes("\"a"), new byte[] {0}, bytes("b\"")))));
        m.add(whole("NUL: raw NUL byte between tokens", b -> concat(bytes("{"), new byte[] {0}, Arrays.copyOfRange(b, 1, b.length))));
        m.add(whole("invalid UTF-8: 0xFF in a new string", b -> withMember(b, concat(bytes("\"a"), new byte[] {(byte) 0xFF},
                bytes("b\"")))));
        m.add(whole("invalid UTF-8: overlong C0 AF in a new string", b -> withMember(b, concat(bytes("\"a"),
                new byte[] {(byte) 0xC0, (byte) 0xAF}, bytes("b\"")))));
        m.add(whole("invalid UTF-8: body ends inside a multibyte character", b -> concat(b, new byte[] {(byte) 0xE2, (byte) 0x82})));
        m.add(whole("lone surrogate: \\uD800 in a new member", b -> withMember(b, bytes("\"\\uD800\""))));
        m.add(whole("syntax: trailing garbage after the document", b -> concat(b, bytes("xyz"))));
        m.add(whole("syntax: two documents", b -> concat(b, b)));
        m.add(whole("syntax: a comment before the document", b -> concat(bytes("/* campaign */"), b)));
        m.add(whole("syntax: NaN literal in a new member", b -> withMember(b, bytes("NaN"))));
        m.add(whole("syntax: trailing comma", b -> trailingComma(b)));
        m.add(whole("syntax: whitespace only", b -> bytes(" \r\n\t ")));
        m.add(whole("NUL: \\u0000 in every string field", everyString("NUL", "", "before\u0000after").apply()));
        m.add(whole("huge string: 650 characters in every string field", everyString("huge string", "", NAME_650).apply()));
        m.add(whole("many members: 5,000 extra members", b -> withMember(b, bytes(manyMembers(5_000)))));
        m.add(whole("huge string: 100,000 characters in a new member", b -> withMember(b, bytes("\"" + "h".repeat(100_000) + "\""))));
        return m;
    }

    /** Every string value of the body replaced by {@code value}. */
    static Mutator everyString(String family, String what, String value) {
        return new Mutator(family + ": " + what, true, body -> {
            try {
                return write(strings(parse(body), Json.createValue(value)));
            } catch (RuntimeException e) {
                return body;
            }
        });
    }

    private static JsonValue strings(JsonValue node, JsonValue replacement) {
        if (node instanceof JsonObject o) {
            JsonObjectBuilder b = Json.createObjectBuilder();
            o.forEach((k, v) -> b.add(k, strings(v, replacement)));
            return b.build();
        }
        if (node instanceof JsonArray a) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            a.forEach(v -> b.add(strings(v, replacement)));
            return b.build();
        }
        return node.getValueType() == JsonValue.ValueType.STRING ? replacement : node;
    }

    private static Mutator whole(String label, UnaryOperator<byte[]> apply) {
        return new Mutator(label, true, apply);
    }

    // ---- JSON plumbing -------------------------------------------------------------------------

    static JsonValue parse(byte[] body) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            return reader.readValue();
        }
    }

    private static void walk(JsonValue value, List<Object> path, List<List<Object>> out) {
        if (value instanceof JsonObject o) {
            for (String key : o.keySet()) {
                List<Object> child = new ArrayList<>(path);
                child.add(key);
                out.add(child);
                walk(o.get(key), child, out);
            }
        } else if (value instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                List<Object> child = new ArrayList<>(path);
                child.add(i);
                out.add(child);
                walk(a.get(i), child, out);
            }
        }
    }

    private static JsonValue at(JsonValue root, List<Object> path) {
        JsonValue v = root;
        for (Object step : path) {
            if (step instanceof String key && v instanceof JsonObject o && o.containsKey(key)) {
                v = o.get(key);
            } else if (step instanceof Integer i && v instanceof JsonArray a && i < a.size()) {
                v = a.get(i);
            } else {
                return null;
            }
        }
        return v;
    }

    static String pathText(List<Object> path) {
        StringBuilder out = new StringBuilder("$");
        for (Object step : path) {
            out.append(step instanceof Integer i ? "[" + i + "]" : "." + step);
        }
        return out.toString();
    }

    /** The body with the value at {@code path} replaced (unchanged if the body has no such field). */
    private static byte[] replace(byte[] body, List<Object> path, Value value) {
        JsonValue root;
        try {
            root = parse(body);
        } catch (RuntimeException e) {
            return body;
        }
        if (at(root, path) == null) {
            return body;
        }
        JsonValue replacement = value.json() != null ? value.json() : Json.createValue(PLACEHOLDER);
        byte[] written = write(replaced(root, path, 0, replacement));
        return value.raw() == null ? written : splice(written, bytes("\"" + PLACEHOLDER + "\""), value.raw());
    }

    private static JsonValue replaced(JsonValue node, List<Object> path, int depth, JsonValue replacement) {
        if (depth == path.size()) {
            return replacement;
        }
        Object step = path.get(depth);
        if (node instanceof JsonObject o) {
            JsonObjectBuilder b = Json.createObjectBuilder();
            for (Map.Entry<String, JsonValue> e : o.entrySet()) {
                b.add(e.getKey(), e.getKey().equals(step) ? replaced(e.getValue(), path, depth + 1, replacement) : e.getValue());
            }
            return b.build();
        }
        JsonArray a = (JsonArray) node;
        JsonArrayBuilder b = Json.createArrayBuilder();
        for (int i = 0; i < a.size(); i++) {
            b.add(step.equals(i) ? replaced(a.get(i), path, depth + 1, replacement) : a.get(i));
        }
        return b.build();
    }

    private static byte[] write(JsonValue value) {
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code "zz_campaign": <raw>} as the first member of the top-level object. */
    static byte[] withMember(byte[] body, byte[] raw) {
        int brace = indexOf(body, (byte) '{');
        if (brace < 0) {
            return concat(bytes("{\"zz_campaign\":"), raw, bytes("}"));
        }
        boolean empty = body.length > brace + 1 && nextNonBlank(body, brace + 1) == '}';
        return concat(Arrays.copyOf(body, brace + 1), bytes("\"zz_campaign\":"), raw, bytes(empty ? "" : ","),
                Arrays.copyOfRange(body, brace + 1, body.length));
    }

    private static byte[] duplicateFirstKey(byte[] body, String value, boolean first) {
        JsonValue root = parse(body);
        if (!(root instanceof JsonObject o) || o.isEmpty()) {
            return body;
        }
        String key = o.keySet().iterator().next();
        if (first) {
            return withMemberNamed(body, key, value);
        }
        int close = lastIndexOf(body, (byte) '}');
        return concat(Arrays.copyOf(body, close), bytes("," + Json.createValue(key) + ":" + value), Arrays.copyOfRange(body, close,
                body.length));
    }

    private static byte[] withMemberNamed(byte[] body, String key, String value) {
        int brace = indexOf(body, (byte) '{');
        return concat(Arrays.copyOf(body, brace + 1), bytes(Json.createValue(key) + ":" + value + ","),
                Arrays.copyOfRange(body, brace + 1, body.length));
    }

    private static byte[] trailingComma(byte[] body) {
        int close = lastIndexOf(body, (byte) '}');
        return close < 0 ? body : concat(Arrays.copyOf(body, close), bytes(","), Arrays.copyOfRange(body, close, body.length));
    }

    private static String manyMembers(int n) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
        }
        return out.append('}').toString();
    }

    static byte[] nested(String open, String close, int depth, String inner) {
        return (open.repeat(depth) + inner + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] splice(byte[] data, byte[] pattern, byte[] with) {
        int at = indexOf(data, pattern);
        return at < 0 ? data : concat(Arrays.copyOf(data, at), with, Arrays.copyOfRange(data, at + pattern.length, data.length));
    }

    private static int indexOf(byte[] data, byte b) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] data, byte b) {
        for (int i = data.length - 1; i >= 0; i--) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int nextNonBlank(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] != ' ' && data[i] != '\n' && data[i] != '\r' && data[i] != '\t') {
                return data[i];
            }
        }
        return -1;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Keeps all essential mutators and a seeded sample of the others, at most {@code budget} in all. */
    static <T> List<T> sample(List<T> all, Predicate<T> essential, int budget, Random random) {
        List<T> keep = new ArrayList<>();
        List<Integer> optional = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (essential.test(all.get(i))) {
                keep.add(all.get(i));
            } else {
                optional.add(i);
            }
        }
        Collections.shuffle(optional, random);
        int room = Math.max(0, budget - keep.size());
        List<Integer> chosen = new ArrayList<>(optional.subList(0, Math.min(room, optional.size())));
        Collections.sort(chosen);
        chosen.forEach(i -> keep.add(all.get(i)));
        return keep;
    }
}
