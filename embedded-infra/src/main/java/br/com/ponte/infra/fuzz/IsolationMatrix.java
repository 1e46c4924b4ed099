package br.com.ponte.infra.fuzz;

import br.com.ponte.infra.PartnerTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The partner-isolation matrix of a running service, generated from its OpenAPI document: partner
 * B uses partner A's real ids on every partner-scoped operation and must get 404 in Open Finance's
 * error shape (never 2xx, never 403, never anything of A); B's own lists must hold nothing of A;
 * tokens that are missing, expired, forged (another key), from another issuer or for another
 * audience get 401, even when they name A; internal operations refuse callers without service
 * credentials and the admin operations callers without the admin token. A's resources are read by
 * A before and after (every GET: by A's ids, which also proves the ids are real, so B's 404 shows
 * scoping, not absence; and A's own lists) and must not have changed, nor A's row counts. Every
 * B request on A's ids is also sent with each optional boolean query flag on (a flag may take
 * another path, a live read at the bank), and with B's own id in place of one of A's when B's
 * ids are given ({@link #intruderId}: B's consent with A's account).
 *
 * <p>Every operation of the document is classified: partner-scoped (secured, or as told by
 * {@link #partnerScoped}), internal ({@code /internal/}), admin ({@link #adminOnly}) or public
 * (outside the matrix, listed in the report). A partner-scoped operation with a path parameter
 * that has no id of A and no enum fails the run: new operations cannot slip past the matrix.
 */
public final class IsolationMatrix {

    /** What one cell of the matrix checks. */
    public enum Case {
        FOREIGN_IDS("B with A's ids → 404"),
        MIXED_IDS("B's own id over A's ids → 404"),
        SHARED_IDS("B with a shared id → nothing of A"),
        OWN_VIEW("B's own view → nothing of A"),
        OWNER_CONTROL("A reads its own → 2xx"),
        OWNER_UNCHANGED("A's resource unchanged afterwards"),
        NO_TOKEN("no token → 401"),
        EXPIRED_TOKEN("expired token → 401"),
        FORGED_TOKEN("forged token → 401"),
        OTHER_ISSUER("other issuer → 401"),
        OTHER_AUDIENCE("other audience → 401"),
        INTERNAL_NO_CREDENTIALS("internal, no credentials → 401"),
        INTERNAL_PARTNER_TOKEN("internal, B's partner token → 401"),
        INTERNAL_WRONG_SECRET("internal, unknown service → 401"),
        ADMIN_NO_TOKEN("admin, no token → 401"),
        ADMIN_PARTNER_TOKEN("admin, B's partner token → 401"),
        ADMIN_WRONG_TOKEN("admin, wrong admin token → 401");

        private final String label;

        Case(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One check: the request, the answer's status, and what was wrong with it (null when right). */
    public record Cell(String operation, Case kind, String request, int status, String violation, String body) {
        public boolean ok() {
            return violation == null;
        }

        @Override
        public String toString() {
            return operation + " [" + kind.label() + "] " + request + " → " + status
                    + (violation == null ? "" : ": " + violation + (body.isEmpty() ? "" : " — " + body));
        }
    }

    /** What a run checked and found. */
    public record Report(String service, int operations, Map<String, String> classes, List<Cell> cells,
                         List<String> outside, Duration took) {

        public List<Cell> violations() {
            return cells.stream().filter(c -> !c.ok()).toList();
        }

        public int checks() {
            return cells.size();
        }

        public String summary() {
            Map<Case, Integer> byCase = new EnumMap<>(Case.class);
            cells.forEach(c -> byCase.merge(c.kind(), 1, Integer::sum));
            Map<String, Integer> perOperation = new TreeMap<>();
            cells.forEach(c -> perOperation.merge(c.operation(), 1, Integer::sum));
            int min = perOperation.values().stream().mapToInt(i -> i).min().orElse(0);
            int max = perOperation.values().stream().mapToInt(i -> i).max().orElse(0);
            Map<String, Long> kinds = classes.values().stream()
                    .collect(Collectors.groupingBy(k -> k, TreeMap::new, Collectors.counting()));
            return String.format("[isolation] %s: %d operations %s × %s cases = %d checks (%s); outside the matrix: %d; "
                            + "%d violations; %.1f s", service, operations, kinds, min == max ? String.valueOf(min) : min + "–" + max,
                    cells.size(), byCase.entrySet().stream().map(e -> e.getKey().label() + ": " + e.getValue())
                            .collect(Collectors.joining(", ")), outside.size(), violations().size(), took.toMillis() / 1000.0);
        }

        /** Every cell, one per line, for the test's output. */
        public String table() {
            return cells.stream().map(c -> (c.ok() ? "  ok  " : "  FAIL ") + c).collect(Collectors.joining("\n"));
        }
    }

    /** Tokens a service trusts (or must not), for a partner id. */
    public interface Tokens {
        String valid(String partnerId);

        String expired(String partnerId);

        /** The same claims, signed by another key. */
        String forged(String partnerId);

        String otherIssuer(String partnerId);

        String otherAudience(String partnerId);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OTHER_ISSUER = "https://issuer.attacker.example";
    private static final String OTHER_AUDIENCE = "not-ponte";

    private record Id(String prefix, String name, String value) {
    }

    private record Request(String method, String target, Map<String, String> headers, byte[] body) {
        String describe() {
            return method + " " + abbreviate(target, 160);
        }
    }

    private record Answer(int status, String contentType, String body, String failure) {
    }

    private final URI base;
    private final JsonNode openapi;
    private String service = "service";
    private Tokens tokens;
    private String ownerId;
    private String ownerToken;
    private String intruderId;
    private String intruderToken;
    private final List<Id> ids = new ArrayList<>();
    private final List<Id> intruderIds = new ArrayList<>();
    private final Set<String> secrets = new LinkedHashSet<>();
    private final Map<String, String> bodies = new LinkedHashMap<>();
    private final Map<String, String> shared = new LinkedHashMap<>();
    private final Map<String, String> noControl = new LinkedHashMap<>();
    private Predicate<Operation> partnerScoped = Operation::secured;
    private Predicate<Operation> internal = op -> op.path().startsWith("/internal/");
    private Predicate<Operation> adminOnly = op -> false;
    private Predicate<Operation> include = op -> true;
    private Supplier<Map<String, Long>> rows = Map::of;
    private final Set<String> volatileFields = new LinkedHashSet<>(Set.of("requestDateTime"));

    private IsolationMatrix(URI base, JsonNode openapi) {
        this.base = base;
        this.openapi = openapi;
    }

    /** The matrix of the service at {@code base}, from its document at {@code /q/openapi?format=json}. */
    public static IsolationMatrix of(URI base) {
        try {
            // HTTP/1.1: on plain HTTP the JDK client's default (an h2c upgrade) misread a large answer as HTTP/2 frames
            HttpResponse<String> document = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(
                    base.resolve("/q/openapi?format=json")).build(), HttpResponse.BodyHandlers.ofString());
            if (document.statusCode() != 200) {
                throw new IllegalStateException("No OpenAPI document at " + base + ": HTTP " + document.statusCode());
            }
            return new IsolationMatrix(base, JSON.readTree(document.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static IsolationMatrix of(URI base, JsonNode openapi) {
        return new IsolationMatrix(base, openapi);
    }

    public IsolationMatrix named(String service) {
        this.service = service;
        return this;
    }

    /** Makes the expired, forged, other-issuer and other-audience tokens (see {@link #partnerTokens()}). */
    public IsolationMatrix tokens(Tokens tokens) {
        this.tokens = tokens;
        return this;
    }

    /** Partner A, whose resources the ids name; A reads them before and after with its token. */
    public IsolationMatrix owner(String partnerId, String token) {
        this.ownerId = partnerId;
        this.ownerToken = token;
        return this;
    }

    /** Partner B, who tries A's ids with its own valid token. */
    public IsolationMatrix intruder(String partnerId, String token) {
        this.intruderId = partnerId;
        this.intruderToken = token;
        return this;
    }

    /** An id of A for the path (or query) parameter {@code name} of every operation. */
    public IsolationMatrix id(String name, String value) {
        return id("", name, value);
    }

    /** An id of A for the parameter {@code name} of the operations whose path starts with {@code pathPrefix}. */
    public IsolationMatrix id(String pathPrefix, String name, String value) {
        ids.add(new Id(pathPrefix, name, value));
        return this;
    }

    /**
     * An id of B's own for the path parameter {@code name}: operations with several path ids are
     * also tried with A's ids and this one of B's in their place (B's consent with A's account).
     */
    public IsolationMatrix intruderId(String name, String value) {
        return intruderId("", name, value);
    }

    public IsolationMatrix intruderId(String pathPrefix, String name, String value) {
        intruderIds.add(new Id(pathPrefix, name, value));
        return this;
    }

    /** Values of A (names, documents, other ids) that no answer to B may contain, unless B sent them itself. */
    public IsolationMatrix secrets(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                secrets.add(value);
            }
        }
        return this;
    }

    /** The JSON body to send to an operation ({@code "POST /path/{id}"}) instead of one made from its schema. */
    public IsolationMatrix body(String operation, String json) {
        bodies.put(operation, json);
        return this;
    }

    /**
     * An operation whose path ids name no partner's resource (a bank's authorisation server): B may
     * succeed on its own behalf, but must not see or change anything of A.
     */
    public IsolationMatrix sharedIds(String operation, String why) {
        shared.put(operation, why);
        return this;
    }

    /** A GET that A cannot read back in this setup (no control, no before/after comparison). */
    public IsolationMatrix noControl(String operation, String why) {
        noControl.put(operation, why);
        return this;
    }

    /** Which operations take a partner token (default: those the document secures). */
    public IsolationMatrix partnerScoped(Predicate<Operation> partnerScoped) {
        this.partnerScoped = partnerScoped;
        return this;
    }

    /** Which operations only the operator may call (admin bearer token). */
    public IsolationMatrix adminOnly(Predicate<Operation> adminOnly) {
        this.adminOnly = adminOnly;
        return this;
    }

    /** Only these operations (the rest count as outside the matrix). */
    public IsolationMatrix only(Predicate<Operation> include) {
        this.include = include;
        return this;
    }

    /** A's row counts (see {@link RowCounts}): no request of B may change them. */
    public IsolationMatrix rows(Supplier<Map<String, Long>> rows) {
        this.rows = rows;
        return this;
    }

    /** Fields that change by themselves, left out when A's reads before and after are compared. */
    public IsolationMatrix volatileFields(String... names) {
        volatileFields.addAll(List.of(names));
        return this;
    }

    public Report run() {
        long started = System.nanoTime();
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(ownerToken, "owner");
        Objects.requireNonNull(intruderToken, "intruder");
        List<Operation> operations = Operation.of(openapi);
        if (operations.isEmpty()) {
            throw new IllegalStateException("The OpenAPI document of " + service + " has no operation");
        }
        Map<String, String> classes = new TreeMap<>();
        List<String> outside = new ArrayList<>();
        List<Operation> partner = new ArrayList<>();
        List<Operation> internals = new ArrayList<>();
        List<Operation> admins = new ArrayList<>();
        for (Operation op : operations) {
            if (!include.test(op)) {
                outside.add(op.id());
            } else if (internal.test(op)) {
                internals.add(op);
                classes.put(op.id(), "internal");
            } else if (adminOnly.test(op)) {
                admins.add(op);
                classes.put(op.id(), "admin");
            } else if (partnerScoped.test(op)) {
                partner.add(op);
                classes.put(op.id(), "partner");
            } else {
                outside.add(op.id());
            }
        }
        for (String named : concat(bodies.keySet(), shared.keySet(), noControl.keySet())) {
            if (operations.stream().noneMatch(op -> op.id().equals(named))) {
                throw new IllegalStateException("No operation " + named + " in the document of " + service);
            }
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        List<Cell> cells = new ArrayList<>();

        // A reads every resource it owns and its own lists: the ids are real, and this is what must not change
        Map<String, String> before = new LinkedHashMap<>();
        for (Operation op : partner) {
            if (watched(op)) {
                Request request = request(op, pathIds(op), bearer(ownerToken));
                Answer answer = send(client, request);
                String why = answer.status() >= 200 && answer.status() < 300 ? null
                        : "A cannot read its own resource (the ids are not real?)";
                cells.add(cell(op, Case.OWNER_CONTROL, request, answer, why));
                before.put(op.id(), normalized(answer.body()));
            }
        }

        Map<String, Long> rowsBefore = rows.get();
        for (Operation op : partner) {
            Map<String, String> path = pathIds(op);
            // tokens that must not pass, most of them naming A
            authCase(client, cells, op, path, Case.NO_TOKEN, Map.of(), 401);
            authCase(client, cells, op, path, Case.EXPIRED_TOKEN, bearer(tokens.expired(ownerId)), 401);
            authCase(client, cells, op, path, Case.FORGED_TOKEN, bearer(tokens.forged(ownerId)), 401);
            authCase(client, cells, op, path, Case.OTHER_ISSUER, bearer(tokens.otherIssuer(ownerId)), 401);
            authCase(client, cells, op, path, Case.OTHER_AUDIENCE, bearer(tokens.otherAudience(ownerId)), 401);

            boolean hasIds = op.in("path").stream().anyMatch(p -> !isEnum(p));
            if (hasIds && shared.containsKey(op.id())) {
                Request request = request(op, path, bearer(intruderToken));
                Answer answer = send(client, request);
                String why = answer.status() == 403 ? "403 on a shared id"
                        : serverError(answer) ? "server error" : errorShape(answer);
                cells.add(cell(op, Case.SHARED_IDS, request, answer, firstOf(why, leaked(answer, request), rowsChanged(rowsBefore))));
            } else if (hasIds) {
                // as it is, then with each optional flag on (a flag may take another path: a live read at the bank)
                List<Map<String, String>> variants = new ArrayList<>();
                variants.add(Map.of());
                for (Operation.Parameter p : op.in("query")) {
                    if (!p.required() && idOf(op, p.name()) == null
                            && "boolean".equals(Samples.resolve(openapi, p.schema()).path("type").asText())) {
                        variants.add(Map.of(p.name(), "true"));
                    }
                }
                for (Map<String, String> flags : variants) {
                    Request request = request(op, path, bearer(intruderToken), flags);
                    Answer answer = send(client, request);
                    String why = answer.status() >= 200 && answer.status() < 300 ? "B acted on A's resource"
                            : answer.status() == 403 ? "403 reveals that A's resource exists"
                            : answer.status() != 404 ? "expected 404" : null;
                    why = firstOf(why, errorShape(answer), leaked(answer, request), rowsChanged(rowsBefore));
                    cells.add(cell(op, Case.FOREIGN_IDS, request, answer, why));
                }
                mixed(client, cells, op, path, rowsBefore);
            } else if (op.method().equals("GET")) {
                Request request = request(op, path, bearer(intruderToken));
                Answer answer = send(client, request);
                String why = answer.status() == 403 ? "403" : serverError(answer) ? "server error" : errorShape(answer);
                cells.add(cell(op, Case.OWN_VIEW, request, answer, firstOf(why, leaked(answer, request))));
            }
        }

        for (Operation op : internals) {
            Map<String, String> path = pathIds(op);
            authCase(client, cells, op, path, Case.INTERNAL_NO_CREDENTIALS, Map.of(), 401);
            authCase(client, cells, op, path, Case.INTERNAL_PARTNER_TOKEN, bearer(intruderToken), 401);
            authCase(client, cells, op, path, Case.INTERNAL_WRONG_SECRET, Map.of("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((intruderId + ":not-a-service-secret").getBytes(StandardCharsets.UTF_8))), 401);
        }
        for (Operation op : admins) {
            Map<String, String> path = pathIds(op);
            authCase(client, cells, op, path, Case.ADMIN_NO_TOKEN, Map.of(), 401);
            authCase(client, cells, op, path, Case.ADMIN_PARTNER_TOKEN, bearer(intruderToken), 401);
            authCase(client, cells, op, path, Case.ADMIN_WRONG_TOKEN, bearer("not-the-admin-token-" + intruderId), 401);
        }

        // A's resources as A reads them now
        for (Operation op : partner) {
            if (watched(op) && before.containsKey(op.id())) {
                Request request = request(op, pathIds(op), bearer(ownerToken));
                Answer answer = send(client, request);
                String now = normalized(answer.body());
                String why = now.equals(before.get(op.id())) ? null
                        : "A's resource changed: was " + abbreviate(before.get(op.id()), 300);
                cells.add(cell(op, Case.OWNER_UNCHANGED, request, answer, why));
            }
        }
        return new Report(service, classes.size(), classes, List.copyOf(cells), List.copyOf(outside),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * On an operation with several path ids, A's ids with one of them B's own in turn (B's consent
     * with A's account): B owns part of the path, never what is under it.
     */
    private void mixed(HttpClient client, List<Cell> cells, Operation op, Map<String, String> ofA, Map<String, Long> rowsBefore) {
        List<String> names = op.in("path").stream().filter(p -> !isEnum(p)).map(Operation.Parameter::name).toList();
        if (names.size() < 2) {
            return;
        }
        for (String own : names) {
            String value = idOf(intruderIds, op, own);
            if (value == null) {
                continue;
            }
            Map<String, String> path = new LinkedHashMap<>(ofA);
            path.put(own, value);
            Request request = request(op, path, bearer(intruderToken));
            Answer answer = send(client, request);
            String why = answer.status() >= 200 && answer.status() < 300 ? "B reached A's resource under its own " + own
                    : answer.status() == 403 ? "403 reveals that A's resource exists"
                    : answer.status() != 404 ? "expected 404" : null;
            why = firstOf(why, errorShape(answer), leaked(answer, request), rowsChanged(rowsBefore));
            cells.add(cell(op, Case.MIXED_IDS, request, answer, why));
        }
    }

    /** A read of A's (a resource by its ids, or A's own list or settings) that A makes before and after. */
    private boolean watched(Operation op) {
        return op.method().equals("GET") && !shared.containsKey(op.id()) && !noControl.containsKey(op.id());
    }

    private void authCase(HttpClient client, List<Cell> cells, Operation op, Map<String, String> path, Case kind,
                          Map<String, String> auth, int expected) {
        Map<String, Long> rowsBefore = op.method().equals("GET") ? null : rows.get();
        Request request = request(op, path, auth);
        Answer answer = send(client, request);
        String why = answer.status() != expected ? "expected " + expected : null;
        why = firstOf(why, errorShape(answer), leaked(answer, request), rowsBefore == null ? null : rowsChanged(rowsBefore));
        cells.add(cell(op, kind, request, answer, why));
    }

    private Cell cell(Operation op, Case kind, Request request, Answer answer, String violation) {
        String body = answer.failure() != null ? answer.failure() : answer.body() == null ? "" : answer.body().replaceAll("\\s+", " ");
        return new Cell(op.id(), kind, request.describe(), answer.status(), violation, abbreviate(body, 300));
    }

    // Requests

    private Map<String, String> pathIds(Operation op) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Operation.Parameter p : op.in("path")) {
            String value = idOf(op, p.name());
            if (value == null && isEnum(p)) {
                value = p.schema().path("enum").get(0).asText();
            }
            if (value == null) {
                throw new IllegalStateException(op.id() + ": no id of A for path parameter " + p.name()
                        + "; give one with id(...) or declare the operation sharedIds(...)");
            }
            values.put(p.name(), value);
        }
        return values;
    }

    private String idOf(Operation op, String name) {
        return idOf(ids, op, name);
    }

    private static String idOf(List<Id> ids, Operation op, String name) {
        Id best = null;
        for (Id id : ids) {
            if (id.name().equals(name) && op.path().startsWith(id.prefix())
                    && (best == null || id.prefix().length() > best.prefix().length())) {
                best = id;
            }
        }
        return best == null ? null : best.value();
    }

    private boolean isEnum(Operation.Parameter p) {
        return Samples.resolve(openapi, p.schema()).path("enum").size() > 0;
    }

    private Request request(Operation op, Map<String, String> path, Map<String, String> auth) {
        return request(op, path, auth, Map.of());
    }

    private Request request(Operation op, Map<String, String> path, Map<String, String> auth, Map<String, String> flags) {
        String target = op.path();
        for (Map.Entry<String, String> p : path.entrySet()) {
            target = target.replace("{" + p.getKey() + "}", encode(p.getValue()));
        }
        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>();
        Random random = new Random(op.id().hashCode());
        for (Operation.Parameter p : op.parameters()) {
            String id = idOf(op, p.name());
            if (p.in().equals("query") && (id != null || p.required())) {
                String value = id != null ? id : text(Samples.of(openapi, p.schema(), random));
                query.append(query.isEmpty() ? '?' : '&').append(encode(p.name())).append('=').append(encode(value));
            } else if (p.in().equals("query") && flags.containsKey(p.name())) {
                query.append(query.isEmpty() ? '?' : '&').append(encode(p.name())).append('=').append(encode(flags.get(p.name())));
            } else if (p.in().equals("header") && p.required() && !p.name().equalsIgnoreCase("authorization")) {
                headers.put(p.name(), text(Samples.of(openapi, p.schema(), random)));
            }
        }
        headers.put("Accept", op.screen() ? "text/html" : "application/json");
        headers.putAll(auth);
        byte[] body = null;
        if (bodies.containsKey(op.id())) {
            body = bodies.get(op.id()).getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", "application/json");
        } else if (op.hasBody() && !op.form()) {
            body = (op.bodySchema() == null || op.bodySchema().isMissingNode() ? "{}"
                    : Samples.of(openapi, op.bodySchema(), random).toString()).getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", "application/json");
        } else if (op.form()) {
            body = new byte[0];
            headers.put("Content-Type", op.mediaType());
        }
        return new Request(op.method(), target + query, headers, body);
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Answer send(HttpClient client, Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + request.target()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                    response.body() == null ? "" : response.body(), null);
        } catch (IOException e) {
            return new Answer(-1, "", "", e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // Verdicts

    /** No answer, or a failure of the service itself (502-504: a dependency that cannot be reached, in shape, is none). */
    private static boolean serverError(Answer answer) {
        return answer.status() < 0 || answer.status() == 500 || answer.status() > 504;
    }

    /** Null when the answer is no error, or an error in Open Finance's shape. */
    private static String errorShape(Answer answer) {
        if (answer.failure() != null) {
            return "no answer (" + answer.failure() + ")";
        }
        if (answer.status() < 400) {
            return null;
        }
        if (!answer.contentType().startsWith("application/json")) {
            return "error not in Open Finance's shape (Content-Type " + answer.contentType() + ")";
        }
        try {
            JsonNode body = JSON.readTree(answer.body());
            JsonNode errors = body.path("errors");
            if (!errors.isArray() || errors.isEmpty()) {
                return "error not in Open Finance's shape (no errors[])";
            }
            for (JsonNode error : errors) {
                for (String field : List.of("code", "title", "detail")) {
                    if (!error.path(field).isTextual() || error.path(field).asText().isBlank()) {
                        return "error not in Open Finance's shape (errors[]." + field + ")";
                    }
                }
            }
            return body.path("meta").path("requestDateTime").isTextual() ? null
                    : "error not in Open Finance's shape (meta.requestDateTime)";
        } catch (IOException e) {
            return "error not in Open Finance's shape (not JSON)";
        }
    }

    /** Null unless the answer holds one of A's values that the request did not carry itself. */
    private String leaked(Answer answer, Request request) {
        if (answer.body() == null || answer.body().isEmpty()) {
            return null;
        }
        String sent = java.net.URLDecoder.decode(request.target().replace("+", "%2B"), StandardCharsets.UTF_8)
                + (request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8));
        List<String> found = new ArrayList<>();
        for (String secret : concat(secrets, ownerId == null ? List.of() : List.of(ownerId))) {
            if (answer.body().contains(secret) && !sent.contains(secret)) {
                found.add(secret);
            }
        }
        return found.isEmpty() ? null : "the answer holds A's " + found;
    }

    private String rowsChanged(Map<String, Long> before) {
        Map<String, Long> after = rows.get();
        if (Objects.equals(before, after)) {
            return null;
        }
        return "A's rows changed: " + after.entrySet().stream().filter(e -> !Objects.equals(before.get(e.getKey()), e.getValue()))
                .map(e -> e.getKey() + " " + before.get(e.getKey()) + "→" + e.getValue()).collect(Collectors.joining(", "));
    }

    private String normalized(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            strip(node);
            return node.toString();
        } catch (IOException e) {
            return body;
        }
    }

    private void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(volatileFields);
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                strip(it.next());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::strip);
        }
    }

    private static String firstOf(String... problems) {
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    @SafeVarargs
    private static <T> List<T> concat(java.util.Collection<T>... parts) {
        List<T> all = new ArrayList<>();
        for (java.util.Collection<T> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static String abbreviate(String text, int max) {
        return text == null ? "" : text.length() <= max ? text : text.substring(0, max) + "…";
    }

    // Tokens

    /**
     * The tokens of {@link PartnerTokens}, which services verify in their module tests: expired,
     * other-issuer and other-audience ones are signed with its key, forged ones with a key of
     * their own.
     */
    public static Tokens partnerTokens() {
        return signedBy(PartnerTokens.signingKey(), null, PartnerTokens.ISSUER, PartnerTokens.AUDIENCE);
    }

    /**
     * Tokens shaped like certificate-vault's (RS256, subject = partner id, group {@code partner}),
     * signed with {@code key} (its key id {@code kid}, may be null) for {@code issuer} and {@code audience}.
     */
    public static Tokens signedBy(PrivateKey key, String kid, String issuer, String audience) {
        PrivateKey other = otherKey();
        return new Tokens() {
            @Override
            public String valid(String partnerId) {
                return sign(claims(issuer, audience, partnerId).expiresIn(900), key);
            }

            @Override
            public String expired(String partnerId) {
                long past = System.currentTimeMillis() / 1000 - 3600;
                return sign(claims(issuer, audience, partnerId).issuedAt(past - 900).expiresAt(past), key);
            }

            @Override
            public String forged(String partnerId) {
                return sign(claims(issuer, audience, partnerId).expiresIn(900), other);
            }

            @Override
            public String otherIssuer(String partnerId) {
                return sign(claims(OTHER_ISSUER, audience, partnerId).expiresIn(900), key);
            }

            @Override
            public String otherAudience(String partnerId) {
                return sign(claims(issuer, OTHER_AUDIENCE, partnerId).expiresIn(900), key);
            }

            private String sign(JwtClaimsBuilder claims, PrivateKey with) {
                var jws = claims.jws();
                if (kid != null) {
                    jws.keyId(kid);
                }
                return jws.sign(with);
            }
        };
    }

    private static JwtClaimsBuilder claims(String issuer, String audience, String partnerId) {
        return Jwt.issuer(issuer).audience(audience).subject(partnerId).groups(Set.of("partner"))
                .claim("jti", java.util.UUID.randomUUID().toString());
    }

    private static PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
