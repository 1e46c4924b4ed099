package br.com.ponte.infra.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A schema-driven fuzzer for a running service: it reads the service's OpenAPI document, makes
 * hostile requests for every operation ({@link Inputs}), and holds every answer to Ponte's promise:
 * never a 5xx, every API error in Open Finance's shape ({@code errors[].code/title/detail},
 * {@code meta.requestDateTime}) with the status the input calls for, and nothing written for a
 * rejected request (the caller's row counts are taken before and after).
 *
 * <p>Deterministic for a seed: a failure names the seed, the operation and the input that broke it.
 */
public final class ApiFuzzer {

    /** One broken promise. */
    public record Violation(String operation, String input, String request, int status, String why, String body) {
        @Override
        public String toString() {
            return operation + " [" + input + "] " + request + " → " + status + ": " + why
                    + (body.isEmpty() ? "" : " — " + body);
        }
    }

    /** What a run did and found. */
    public record Report(String service, long seed, int inputs, int operations, Map<Integer, Integer> statuses,
                         int pages, List<Violation> violations) {
        public String summary() {
            Map<String, Integer> classes = new TreeMap<>();
            statuses.forEach((status, n) -> classes.merge(status / 100 + "xx", n, Integer::sum));
            return String.format("[fuzz] %s: %,d inputs over %d operations (seed %d): %s; statuses %s; %d pages' headers "
                    + "checked; %d violations", service, inputs, operations, seed, classes, statuses, pages, violations.size());
        }

        /** Prints the summary; fails, naming every violation, unless there is none and enough inputs were sent. */
        public Report assertClean() {
            System.out.println(summary());
            if (!violations.isEmpty()) {
                throw new AssertionError(summary() + violations.stream().map(v -> "\n  " + v).collect(Collectors.joining()));
            }
            if (inputs < MINIMUM_INPUTS) {
                throw new AssertionError(summary() + ": fewer than " + MINIMUM_INPUTS + " inputs");
            }
            return this;
        }
    }

    /** What {@code verify} sends each service at the least; {@code -Dponte.fuzz.inputs} for a longer run. */
    public static final int MINIMUM_INPUTS = 1_000;
    /** Every service's request body limit unless configured otherwise ({@code PONTE_HTTP_MAX_BODY_SIZE}). */
    public static final int PLATFORM_BODY_LIMIT = 1024 * 1024;

    private final URI base;
    private final JsonNode openapi;
    private String service = "service";
    private Function<Operation, Map<String, String>> auth = op -> Map.of();
    private Map<String, String> pathValues = Map.of();
    private Predicate<Operation> include = op -> true;
    private Supplier<Map<String, Long>> rows = Map::of;
    private long seed = Long.getLong("ponte.fuzz.seed", 20261202L);
    private int atLeast = Math.max(MINIMUM_INPUTS, Integer.getInteger("ponte.fuzz.inputs", MINIMUM_INPUTS));
    private int bodyLimit = PLATFORM_BODY_LIMIT;
    private int screens;

    private ApiFuzzer(URI base, JsonNode openapi) {
        this.base = base;
        this.openapi = openapi;
    }

    /**
     * Fuzz the service at {@code base}, reading its document from {@code /q/openapi?format=json}; the
     * seed and the number of inputs come from {@code -Dponte.fuzz.seed} and {@code -Dponte.fuzz.inputs}.
     */
    public static ApiFuzzer of(URI base) {
        try {
            // HTTP/1.1: on plain HTTP the JDK client's default (an h2c upgrade) misread a large answer as HTTP/2 frames
            HttpResponse<String> document = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(
                    base.resolve("/q/openapi?format=json")).build(), HttpResponse.BodyHandlers.ofString());
            return new ApiFuzzer(base, Inputs.mapper().readTree(document.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public ApiFuzzer named(String service) {
        this.service = service;
        return this;
    }

    /** The headers that authenticate a request to this operation (a partner token, service credentials). */
    public ApiFuzzer auth(Function<Operation, Map<String, String>> auth) {
        this.auth = auth;
        return this;
    }

    /** Values for path parameters by name, to reach past "not found" (otherwise random UUIDs). */
    public ApiFuzzer pathValues(Map<String, String> pathValues) {
        this.pathValues = pathValues;
        return this;
    }

    public ApiFuzzer only(Predicate<Operation> include) {
        this.include = include;
        return this;
    }

    /** Row counts whose change after a rejected request is a violation (see {@link RowCounts}). */
    public ApiFuzzer rows(Supplier<Map<String, Long>> rows) {
        this.rows = rows;
        return this;
    }

    public ApiFuzzer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Rounds of inputs are made until at least this many were sent. */
    public ApiFuzzer atLeast(int inputs) {
        this.atLeast = inputs;
        return this;
    }

    /** The service's request body limit in bytes: one body per operation goes over it and must get 413. */
    public ApiFuzzer bodyLimit(int bytes) {
        this.bodyLimit = bytes;
        return this;
    }

    public Report run() {
        List<Operation> operations = Operation.of(openapi).stream().filter(include).toList();
        if (operations.isEmpty()) {
            throw new IllegalStateException("The OpenAPI document of " + service + " has no operation to fuzz");
        }
        Inputs inputs = new Inputs(openapi, auth, pathValues, bodyLimit);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        Random random = new Random(seed);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Violation> violations = new ArrayList<>();
        int sent = 0;
        for (int round = 0; sent < atLeast || round == 0; round++) {
            List<Inputs.Input> batch = new ArrayList<>();
            for (Operation op : operations) {
                batch.addAll(inputs.of(op, random, round == 0));
            }
            if (round == 0) {
                batch.addAll(wrongMethods(operations));
                batch.add(new Inputs.Input(operations.get(0), "unknown path", "GET",
                        "/v1/no-such-resource-" + random.nextInt(1000), auth.apply(operations.get(0)), null, Set.of(404)));
            }
            for (Inputs.Input input : batch) {
                Map<String, Long> before = rows.get();
                Answer answer = send(client, input);
                sent++;
                statuses.merge(answer.status(), 1, Integer::sum);
                check(input, answer, before, violations);
            }
        }
        return new Report(service, seed, sent, operations.size(), statuses, screens, violations);
    }

    /**
     * A method the path does not have gets 405 in Open Finance's shape; RESTEasy Reactive answers 404
     * where the path's template overlaps another resource class's, which is still a refusal in shape.
     */
    private List<Inputs.Input> wrongMethods(List<Operation> operations) {
        Map<String, Set<String>> methods = new LinkedHashMap<>();
        Map<String, Operation> any = new LinkedHashMap<>();
        for (Operation op : operations) {
            methods.computeIfAbsent(op.path(), p -> new TreeSet<>()).add(op.method());
            any.putIfAbsent(op.path(), op);
        }
        List<Inputs.Input> wrong = new ArrayList<>();
        methods.forEach((path, defined) -> {
            String method = defined.contains("PATCH") ? null : "PATCH";
            if (method != null) {
                Operation op = any.get(path);
                Map<String, String> ids = new LinkedHashMap<>();
                op.in("path").forEach(p -> ids.put(p.name(), pathValues.getOrDefault(p.name(), "00000000-0000-0000-0000-000000000000")));
                Map<String, String> headers = new LinkedHashMap<>(auth.apply(op));
                headers.put("Content-Type", "application/json");
                wrong.add(new Inputs.Input(op, "method PATCH", method, Inputs.target(op, ids, Map.of()), headers,
                        "{}".getBytes(), Set.of(404, 405)));
            }
        });
        return wrong;
    }

    private record Answer(int status, String contentType, String body, String failure, java.net.http.HttpHeaders headers) {
    }

    /** The headers every screen a user's browser shows carries: nothing framed, cached, sniffed or referred on. */
    static String screenHeadersMissing(java.net.http.HttpHeaders headers) {
        List<String> missing = new ArrayList<>();
        if (!headers.firstValue("content-security-policy").orElse("").contains("frame-ancestors 'none'")) {
            missing.add("Content-Security-Policy with frame-ancestors 'none'");
        }
        if (!headers.firstValue("cache-control").orElse("").contains("no-store")) {
            missing.add("Cache-Control: no-store");
        }
        if (!headers.firstValue("referrer-policy").orElse("").equals("no-referrer")) {
            missing.add("Referrer-Policy: no-referrer");
        }
        if (!headers.firstValue("x-content-type-options").orElse("").equals("nosniff")) {
            missing.add("X-Content-Type-Options: nosniff");
        }
        return missing.isEmpty() ? null : String.join(", ", missing);
    }

    private Answer send(HttpClient client, Inputs.Input input) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + input.target()))
                .timeout(Duration.ofSeconds(30))
                .method(input.method(), input.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(input.body()));
        request.header("Accept", input.operation().screen() ? "text/html" : "application/json");
        input.headers().forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                    response.body(), null, response.headers());
        } catch (IOException e) {
            return new Answer(-1, "", "", e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void check(Inputs.Input input, Answer answer, Map<String, Long> before, List<Violation> violations) {
        String why = null;
        if (answer.failure() != null) {
            why = "no answer (" + answer.failure() + ")";
        } else if (answer.status() >= 500) {
            why = "server error";
        } else if (!input.expected().isEmpty() && !input.expected().contains(answer.status())) {
            why = "expected " + input.expected();
        } else if (answer.status() >= 400 && !input.operation().screen() && !openFinanceShape(answer)) {
            why = "error not in Open Finance's shape (" + answer.contentType() + ")";
        } else if (answer.contentType().startsWith("text/html")) {
            screens++;
            String missing = screenHeadersMissing(answer.headers());
            if (missing != null) {
                why = "a page without " + missing;
            }
        }
        if (why == null && answer.status() >= 400) {
            Map<String, Long> after = rows.get();
            if (!Objects.equals(before, after)) {
                why = "rejected, yet rows changed: " + changes(before, after);
            }
        }
        if (why != null) {
            String body = answer.body() == null ? "" : answer.body().replaceAll("\\s+", " ");
            violations.add(new Violation(input.operation().id(), input.kind(),
                    input.method() + " " + abbreviate(input.target(), 120), answer.status(), why, abbreviate(body, 200)));
        }
    }

    private static boolean openFinanceShape(Answer answer) {
        if (!answer.contentType().startsWith("application/json")) {
            return false;
        }
        try {
            JsonNode body = Inputs.mapper().readTree(answer.body());
            JsonNode errors = body.path("errors");
            if (!errors.isArray() || errors.isEmpty()) {
                return false;
            }
            for (JsonNode error : errors) {
                for (String field : List.of("code", "title", "detail")) {
                    if (!error.path(field).isTextual() || error.path(field).asText().isBlank()) {
                        return false;
                    }
                }
            }
            return body.path("meta").path("requestDateTime").isTextual();
        } catch (IOException e) {
            return false;
        }
    }

    private static String changes(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream().filter(e -> !Objects.equals(before.get(e.getKey()), e.getValue()))
                .map(e -> e.getKey() + " " + before.get(e.getKey()) + "→" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
