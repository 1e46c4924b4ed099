package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Open Finance webhook calls, received by a local HTTP receiver registered as the client's
 * {@code webhook_uris}: one per change of a consent or payment, with the webhook 1.2.0 body and an
 * interaction id, retried after a failed delivery.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class PaymentWebhooksIT {

    record Call(String path, String interactionId, JsonNode body) {
    }

    private HttpServer receiver;
    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    /** The first call to each path fails, so that every notification is delivered by a retry. */
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", this::receive);
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void consentAndPaymentChangesAreNotifiedToTheRegisteredWebhook() throws Exception {
        Software software = Software.create();
        Map<String, Object> metadata = software.registrationRequest();
        metadata.put("webhook_uris", List.of("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks"));
        Initiator initiator = new Initiator(Tpp.register(software, metadata));

        String consentId = initiator.createConsent(Initiator.consentData("100.00"));
        Call created = next();
        assertThat(created.path()).isEqualTo("/hooks/open-banking/payments/v4/consents/" + consentId);
        assertThat(created.interactionId()).isNotBlank();
        PaymentsSpecCheck.assertValidWebhook(created.body());

        HttpResponse<String> paid = initiator.pay(initiator.authorise(consentId), Initiator.paymentData("100.00"));
        String paymentId = initiator.payload(paid).get("data").get(0).get("paymentId").asText();
        initiator.paymentUntil(paymentId, payment -> payment.get("status").asText().equals("ACSC"));

        awaitCalls("/hooks/open-banking/payments/v4/consents/" + consentId,
                "/hooks/open-banking/payments/v4/pix/payments/" + paymentId);
    }

    @Test
    void webhookUrisMustBeHttpsOrLoopbackWithoutQuery() {
        Software software = Software.create();
        for (String uri : List.of("http://tpp.example/hooks", "https://tpp.example/hooks?x=1", "ftp://tpp.example")) {
            Map<String, Object> metadata = software.registrationRequest();
            metadata.put("webhook_uris", List.of(uri));
            HttpResponse<String> refused = Software.call(() -> software.tls().postJson(Sandbox.bank("/register"),
                    Json.write(metadata)));
            assertThat(refused.statusCode()).as(uri).isEqualTo(400);
            assertThat(DynamicClientRegistrationIT.error(refused)).isEqualTo("invalid_client_metadata");
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (failedOnce.add(path)) {
            exchange.sendResponseHeaders(500, -1);
        } else {
            calls.add(new Call(path, exchange.getRequestHeaders().getFirst("x-webhook-interaction-id"),
                    Json.parse(new String(body, StandardCharsets.UTF_8))));
            exchange.sendResponseHeaders(202, -1);
        }
        exchange.close();
    }

    private Call next() throws InterruptedException {
        Call call = calls.poll(10, TimeUnit.SECONDS);
        assertThat(call).as("a webhook call").isNotNull();
        return call;
    }

    /** Waits until calls to all these paths came (each body valid against the webhook spec). */
    private void awaitCalls(String... paths) throws InterruptedException {
        Set<String> missing = new HashSet<>(List.of(paths));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Call call = calls.poll(100, TimeUnit.MILLISECONDS);
            if (call != null) {
                PaymentsSpecCheck.assertValidWebhook(call.body());
                missing.remove(call.path());
            }
        }
        assertThat(missing).as("paths never called").isEmpty();
    }
}
