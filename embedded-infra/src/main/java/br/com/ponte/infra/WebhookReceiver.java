package br.com.ponte.infra;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A real partner webhook receiver on loopback for tests: it records every POST and verifies its
 * signature with the reference Standard Webhooks library ({@code com.standardwebhooks}), exactly
 * as a partner would. Its answer is configurable, to play a receiver that is down or failing.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as the receiver saw it; {@code headers} has lower-case names. */
    public record Received(Instant at, String webhookId, String timestamp, String signature, String contentType,
                           String body, boolean signatureValid, String verificationError, int answeredWith,
                           Map<String, List<String>> headers) {
    }

    /** How to answer a request: a status and response headers. */
    public record Answer(int status, Map<String, String> headers) {
        public static Answer of(int status) {
            return new Answer(status, Map.of());
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile String secret;
    private volatile java.util.function.BiFunction<String, Map<String, List<String>>, Answer> responder =
            (body, headers) -> Answer.of(204);

    private WebhookReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public static WebhookReceiver start() {
        return startOn(0);
    }

    /** On a given port: to play a receiver that comes up where the endpoint already points. */
    public static WebhookReceiver startOn(int port) {
        try {
            return new WebhookReceiver(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
    }

    /** The endpoint's {@code whsec_} secret, to verify signatures with. */
    public WebhookReceiver verifyWith(String whsecSecret) {
        this.secret = whsecSecret;
        return this;
    }

    /** The status every following request is answered with (204 by default). */
    public WebhookReceiver answerWith(int httpStatus) {
        return answerWith((body, headers) -> Answer.of(httpStatus));
    }

    /** Decides the answer per request, from its body and (lower-case) headers. */
    public WebhookReceiver answerWith(java.util.function.BiFunction<String, Map<String, List<String>>, Answer> responder) {
        this.responder = responder;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    /** Waits until {@code count} matching requests arrived; fails with what arrived otherwise. */
    public List<Received> await(Predicate<Received> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received(filter).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " webhook requests within " + timeout + ", got "
                        + received(filter).size() + "; all received: " + received);
            }
            sleep(50);
        }
        return received(filter);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> new ArrayList<>(e.getValue()), (a, b) -> a));
            boolean valid = false;
            String error = null;
            if (secret == null) {
                error = "no secret to verify with";
            } else {
                try {
                    new Webhook(secret).verify(body, headers);
                    valid = true;
                } catch (WebhookVerificationException e) {
                    error = e.getMessage();
                }
            }
            Answer answer = responder.apply(body, headers);
            received.add(new Received(Instant.now(), first(headers, "webhook-id"), first(headers, "webhook-timestamp"),
                    first(headers, "webhook-signature"), first(headers, "content-type"), body, valid, error,
                    answer.status(), headers));
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), -1);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
