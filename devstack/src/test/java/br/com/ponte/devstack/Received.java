package br.com.ponte.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the stack's webhook receiver ({@link DemoReceiver}) got, which verified every delivery's
 * signature with {@code com.standardwebhooks}: each line is {@code {"signature": "valid" | ..., "event": envelope}}.
 */
final class Received {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Received() {
    }

    /**
     * The deliveries of one subject once {@code done} holds for them (within 90 s), every one of them
     * with a valid signature.
     */
    static List<JsonNode> until(HttpClient http, Devstack stack, String subject, Predicate<List<JsonNode>> done)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            List<JsonNode> matching = new ArrayList<>();
            for (JsonNode delivery : all(http, stack)) {
                if (subject.equals(delivery.path("event").path("subject").asText())) {
                    matching.add(delivery);
                }
            }
            boolean arrived = done.test(matching);
            if (arrived || System.nanoTime() > deadline) {
                assertThat(arrived).as(matching.stream().map(JsonNode::toString).collect(Collectors.joining("\n"))).isTrue();
                assertThat(matching).extracting(e -> e.path("signature").asText()).containsOnly("valid");
                return matching;
            }
            Thread.sleep(250);
        }
    }

    /** Until a delivery of type {@code type} (and, when given, with that {@code data.status}) arrived. */
    static List<JsonNode> untilType(HttpClient http, Devstack stack, String subject, String type, String... status)
            throws Exception {
        return until(http, stack, subject, deliveries -> deliveries.stream().anyMatch(e -> is(e, type)
                && (status.length == 0 || e.path("event").path("data").path("status").asText().equals(status[0]))));
    }

    /** How many deliveries of {@code type} there are. */
    static long count(List<JsonNode> deliveries, String type) {
        return deliveries.stream().filter(e -> is(e, type)).count();
    }

    static List<JsonNode> ofType(List<JsonNode> deliveries, String type) {
        return deliveries.stream().filter(e -> is(e, type)).map(e -> e.path("event")).toList();
    }

    static boolean is(JsonNode delivery, String type) {
        return delivery.path("event").path("type").asText().equals(type);
    }

    /** Every delivery the receiver got, in arrival order. */
    static List<JsonNode> all(HttpClient http, Devstack stack) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ports().demoReceiver()
                + "/received")).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<JsonNode> deliveries = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                deliveries.add(JSON.readTree(line));
            }
        }
        return deliveries;
    }
}
