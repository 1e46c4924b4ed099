package br.com.ponte.devstack;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A partner's webhook receiver for the demo, on loopback: prints every delivery and checks its
 * Standard Webhooks signature once it knows the endpoint's secret ({@code PUT /secret}).
 * {@code GET /received} lists what arrived, as JSON lines: the signature's verdict, the trace the
 * delivery belongs to ({@code traceparent}) and the event.
 */
final class DemoReceiver implements AutoCloseable {

    private static final Pattern FIELD = Pattern.compile("\"(type|subject|sequence|time)\"\\s*:\\s*\"?([^\",}]*)\"?");

    private final HttpServer server;
    private final PrintStream out;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile String secret;

    DemoReceiver(int port, PrintStream out) {
        this.out = out;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
        }
        server.createContext("/secret", this::secret);
        server.createContext("/received", this::list);
        server.createContext("/hooks", this::hook);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    private void secret(HttpExchange exchange) throws IOException {
        try (exchange) {
            secret = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).trim();
            out.println("[demo receiver] verifying signatures with the endpoint's secret from now on");
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = String.join("\n", received).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private void hook(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> new ArrayList<>(e.getValue()), (a, b) -> a));
            String verdict;
            if (secret == null) {
                verdict = "not checked (PUT the secret to /secret)";
            } else {
                try {
                    new Webhook(secret).verify(body, headers);
                    verdict = "valid";
                } catch (WebhookVerificationException e) {
                    verdict = "INVALID: " + e.getMessage();
                }
            }
            String traceparent = headers.getOrDefault("traceparent", List.of()).stream().findFirst()
                    .filter(t -> t.matches("[0-9a-f-]{55}")).map(t -> "\"" + t + "\"").orElse("null");
            received.add("{\"signature\":\"" + verdict.replace("\"", "'") + "\",\"traceparent\":" + traceparent
                    + ",\"event\":" + body + "}");
            Map<String, String> fields = new java.util.HashMap<>();
            Matcher m = FIELD.matcher(body);
            while (m.find()) {
                fields.putIfAbsent(m.group(1), m.group(2));
            }
            out.printf("[demo receiver] %-22s subject=%s sequence=%s time=%s webhook-id=%s signature %s%n",
                    fields.get("type"), fields.get("subject"), fields.get("sequence"), fields.get("time"),
                    headers.getOrDefault("webhook-id", List.of("?")).get(0), verdict);
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
