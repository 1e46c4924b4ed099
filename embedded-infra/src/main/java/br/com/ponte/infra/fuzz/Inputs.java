package br.com.ponte.infra.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The hostile requests made for one operation: a valid body from its schema, then that body broken
 * field by field (wrong types, nulls, missing and extra fields, huge and odd strings), broken as a
 * whole (truncated, not JSON, deeply nested, the wrong top-level type, the wrong content type, too
 * large), and bad path ids, query parameters and headers.
 */
final class Inputs {

    /** One request, with the statuses it must get when only some are right (empty: any 2xx-4xx). */
    record Input(Operation operation, String kind, String method, String target, Map<String, String> headers,
                 byte[] body, Set<Integer> expected) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static final List<String> ODD_STRINGS = List.of("", " ", "null", "0", "-1", "1e309", "NaN", "true", "\u0000",
            "\u202e\u200b", "💥🔥", "ação çñ 中文", "../../etc/passwd", "' OR '1'='1", "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}", "%s%n%x", "\r\nX-Injected: 1", "9999999999999999999999999",
            "2021-13-45T25:61:61Z", "00000000-0000-0000-0000-000000000000", "a".repeat(10_000));

    static final List<String> BAD_SEGMENTS = List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000", "0", "-1",
            "99999999999999999999999", "a".repeat(3_000), "%00", "' OR 1=1--", "💥", "urn:bank:consent:1", " ",
            "null", "{id}", "..;", "\\x");

    static final List<String> BAD_QUERY_VALUES = List.of("", "-1", "0", "abc", "99999999999999999999", "1.5", "true",
            "null", "2021-13-45", "💥", "a".repeat(3_000), "' OR 1=1--", "[]", "{}", "%00");

    private static final List<JsonNode> OTHER_TYPES = List.of(JSON.numberNode(12345), JSON.numberNode(-1.5e300),
            JSON.booleanNode(true), JSON.arrayNode(), JSON.objectNode(), JSON.textNode("text"),
            JSON.arrayNode().add(1).add("two"), JSON.objectNode().set("nested", JSON.objectNode()),
            JSON.numberNode(new java.math.BigInteger("99999999999999999999999999999")));

    private final JsonNode openapi;
    private final Function<Operation, Map<String, String>> auth;
    private final Map<String, String> pathValues;
    private final int bodyLimit;

    Inputs(JsonNode openapi, Function<Operation, Map<String, String>> auth, Map<String, String> pathValues, int bodyLimit) {
        this.openapi = openapi;
        this.auth = auth;
        this.pathValues = pathValues;
        this.bodyLimit = bodyLimit;
    }

    List<Input> of(Operation op, Random random, boolean firstRound) {
        List<Input> inputs = new ArrayList<>();
        Map<String, String> path = new LinkedHashMap<>();
        for (Operation.Parameter p : op.in("path")) {
            path.put(p.name(), pathValues.getOrDefault(p.name(), UUID.randomUUID().toString()));
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (Operation.Parameter p : op.in("query")) {
            if (p.required()) {
                query.put(p.name(), Samples.of(openapi, p.schema(), random).asText());
            }
        }
        JsonNode sample = op.hasBody() ? Samples.of(openapi, op.bodySchema(), random) : null;

        inputs.add(request(op, "valid", path, query, Map.of(), sample, Set.of()));
        for (Operation.Parameter p : op.in("path")) {
            for (int i = 0; i < 3; i++) {
                Map<String, String> bad = new LinkedHashMap<>(path);
                bad.put(p.name(), pick(BAD_SEGMENTS, random));
                inputs.add(request(op, "path " + p.name(), bad, query, Map.of(), sample, Set.of()));
            }
        }
        for (Operation.Parameter p : op.in("query")) {
            for (int i = 0; i < 2; i++) {
                Map<String, String> bad = new LinkedHashMap<>(query);
                bad.put(p.name(), pick(BAD_QUERY_VALUES, random));
                inputs.add(request(op, "query " + p.name(), path, bad, Map.of(), sample, Set.of()));
            }
        }
        for (Operation.Parameter p : op.in("header")) {
            String value = pick(List.of("", " ", "a".repeat(2_000), "%F0%9F%92%A5", "' OR 1=1--", "{}"), random);
            inputs.add(request(op, "header " + p.name(), path, query, Map.of(p.name(), value), sample, Set.of()));
        }
        if (op.json()) {
            jsonBodies(op, path, query, sample, random, firstRound, inputs);
        } else if (op.form()) {
            formBodies(op, path, query, sample, random, firstRound, inputs);
        } else if (!op.method().equals("GET") && !op.method().equals("DELETE")) {
            inputs.add(raw(op, "a body it does not take", path, query, "application/json",
                    pick(List.of("{", "[]", "{\"a\":1}", "not json"), random).getBytes(StandardCharsets.UTF_8), Set.of()));
            if (firstRound && bodyLimit > 0) {
                inputs.add(raw(op, "body over the limit", path, query, "application/octet-stream",
                        new byte[bodyLimit + 1024], Set.of(413)));
            }
        }
        return inputs;
    }

    private void jsonBodies(Operation op, Map<String, String> path, Map<String, String> query, JsonNode sample,
                            Random random, boolean firstRound, List<Input> inputs) {
        List<String> fields = new ArrayList<>();
        fields(sample, "", fields);
        for (int i = 0; i < 10 && !fields.isEmpty(); i++) {
            String field = pick(fields, random);
            JsonNode mutated = sample.deepCopy();
            String kind;
            switch (random.nextInt(5)) {
                case 0 -> {
                    kind = "wrong type at " + field;
                    mutated = replace(mutated, field, pick(OTHER_TYPES, random));
                }
                case 1 -> {
                    kind = "null at " + field;
                    mutated = replace(mutated, field, JSON.nullNode());
                }
                case 2 -> {
                    kind = "missing " + field;
                    mutated = replace(mutated, field, null);
                }
                case 3 -> {
                    kind = "odd string at " + field;
                    mutated = replace(mutated, field, JSON.textNode(pick(ODD_STRINGS, random)));
                }
                default -> {
                    kind = "huge string at " + field;
                    mutated = replace(mutated, field, JSON.textNode("x".repeat(100_000)));
                }
            }
            inputs.add(request(op, kind, path, query, Map.of(), mutated, Set.of()));
        }
        if (sample.isObject()) {
            ObjectNode extra = sample.deepCopy();
            extra.set("unexpected" + random.nextInt(1000), pick(OTHER_TYPES, random));
            inputs.add(request(op, "extra field", path, query, Map.of(), extra, Set.of()));
        }
        String whole = sample.toString();
        inputs.add(raw(op, "top-level " + pick(List.of("null", "[]", "42", "\"text\"", "true"), random), path, query,
                "application/json", pick(List.of("null", "[]", "42", "\"text\"", "true"), random).getBytes(StandardCharsets.UTF_8),
                Set.of(400, 422)));
        String broken = pick(List.of(whole.substring(0, Math.max(1, whole.length() / 2)), "{", "{\"a\":}", "{'single':1}",
                whole + "}", "not json at all", "{\"a\":1,}"), random);
        inputs.add(raw(op, "broken JSON", path, query, "application/json", broken.getBytes(StandardCharsets.UTF_8),
                Set.of(400)));
        inputs.add(raw(op, "invalid UTF-8", path, query, "application/json",
                new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'}, Set.of(400, 422)));
        inputs.add(raw(op, "empty body", path, query, "application/json", new byte[0], Set.of(400, 422)));
        int depth = 2_000 + random.nextInt(3_000);
        inputs.add(raw(op, "nesting " + depth + " deep", path, query, "application/json",
                ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8), Set.of(400)));
        String otherType = pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/octet-stream"), random);
        inputs.add(raw(op, "content type " + otherType, path, query, otherType,
                whole.getBytes(StandardCharsets.UTF_8), Set.of(415)));
        if (firstRound && bodyLimit > 0) {
            inputs.add(raw(op, "body over the limit", path, query, "application/json",
                    ("\"" + "x".repeat(bodyLimit + 1024) + "\"").getBytes(StandardCharsets.UTF_8), Set.of(413)));
        }
    }

    private void formBodies(Operation op, Map<String, String> path, Map<String, String> query, JsonNode sample,
                            Random random, boolean firstRound, List<Input> inputs) {
        List<String> names = new ArrayList<>();
        sample.fieldNames().forEachRemaining(names::add);
        for (int i = 0; i < 6; i++) {
            Map<String, String> form = new LinkedHashMap<>();
            sample.fields().forEachRemaining(f -> form.put(f.getKey(), f.getValue().asText()));
            String kind = "form";
            if (!names.isEmpty()) {
                String name = pick(names, random);
                if (random.nextBoolean()) {
                    form.remove(name);
                    kind = "form without " + name;
                } else {
                    form.put(name, pick(ODD_STRINGS, random));
                    kind = "form with odd " + name;
                }
            }
            inputs.add(raw(op, kind, path, query, op.mediaType(), form(form), Set.of()));
        }
        inputs.add(raw(op, "form with bad escapes", path, query, op.mediaType(),
                "a=%zz&b=%&c=%E0%A4%A".getBytes(StandardCharsets.UTF_8), Set.of()));
        inputs.add(raw(op, "form as JSON", path, query, "application/json",
                sample.toString().getBytes(StandardCharsets.UTF_8), Set.of(415)));
        if (firstRound) {
            String name = names.isEmpty() ? "field" : names.get(0);
            inputs.add(raw(op, "form field of 64 KB", path, query, op.mediaType(),
                    form(Map.of(name, "x".repeat(64 * 1024))), Set.of(400, 413)));
        }
    }

    private Input request(Operation op, String kind, Map<String, String> path, Map<String, String> query,
                          Map<String, String> extraHeaders, JsonNode body, Set<Integer> expected) {
        Map<String, String> headers = validHeaders(op);
        headers.putAll(extraHeaders);
        byte[] bytes = null;
        if (op.json() && body != null) {
            bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", op.mediaType());
        } else if (op.form() && body != null) {
            Map<String, String> form = new LinkedHashMap<>();
            body.fields().forEachRemaining(f -> form.put(f.getKey(), f.getValue().asText()));
            bytes = form(form);
            headers.put("Content-Type", op.mediaType());
        }
        return new Input(op, kind, op.method(), target(op, path, query), headers, bytes, expected);
    }

    /**
     * A body the operation cannot read. Where the operation names a resource, looking it up may come
     * first: not found (404) is as right as the body's own refusal.
     */
    private Input raw(Operation op, String kind, Map<String, String> path, Map<String, String> query, String contentType,
                      byte[] body, Set<Integer> expected) {
        if (!path.isEmpty() && (expected.contains(400) || expected.contains(422))) {
            expected = new java.util.TreeSet<>(expected);
            expected.add(404);
        }
        Map<String, String> headers = validHeaders(op);
        headers.put("Content-Type", contentType);
        return new Input(op, kind, op.method(), target(op, path, query), headers, body, expected);
    }

    /** The operation's credentials and a valid value (a UUID) for each header parameter it declares. */
    private Map<String, String> validHeaders(Operation op) {
        Map<String, String> headers = new LinkedHashMap<>(auth.apply(op));
        for (Operation.Parameter p : op.in("header")) {
            headers.put(p.name(), UUID.randomUUID().toString());
        }
        return headers;
    }

    static String target(Operation op, Map<String, String> path, Map<String, String> query) {
        String target = op.path();
        for (Map.Entry<String, String> p : path.entrySet()) {
            target = target.replace("{" + p.getKey() + "}", encode(p.getValue()));
        }
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> p : query.entrySet()) {
            q.append(q.isEmpty() ? '?' : '&').append(encode(p.getKey())).append('=').append(encode(p.getValue()));
        }
        return target + q;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Dotted paths of every field in the sample, arrays as {@code [0]}. */
    private static void fields(JsonNode node, String prefix, List<String> out) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                out.add(path);
                fields(node.get(name), path, out);
            }
        } else if (node.isArray() && node.size() > 0) {
            out.add(prefix + "[0]");
            fields(node.get(0), prefix + "[0]", out);
        }
    }

    /** The sample with the field at {@code path} set to {@code value}, or removed when it is null. */
    private static JsonNode replace(JsonNode root, String path, JsonNode value) {
        JsonNode parent = root;
        String[] steps = path.replace("[0]", ".[0]").split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            parent = steps[i].equals("[0]") ? parent.get(0) : parent.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (parent instanceof ArrayNode array) {
            if (value == null) {
                array.remove(0);
            } else {
                array.set(0, value);
            }
        } else if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove(last);
            } else {
                object.set(last, value);
            }
        }
        return root;
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
